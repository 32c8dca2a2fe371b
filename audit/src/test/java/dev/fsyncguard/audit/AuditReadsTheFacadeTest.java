package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit reads the checker through its facade only: the checks' names, the protocol's verdicts
 * at a site, the options and the baseline. The dataflow, the API table and the repairs may change
 * shape without the audit noticing.
 */
class AuditReadsTheFacadeTest {
  private static final Pattern CHECKER_IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.fsyncguard\\.checker\\.[\\w.]+);");

  private static final Pattern FACADE =
      Pattern.compile(
          "dev\\.fsyncguard\\.checker\\.("
              + "[A-Z]\\w*" // the checks, and AllChecks
              + "|baseline\\.\\w+"
              + "|api\\.FsyncOptions"
              + "|protocol\\.(ReplaceProtocol|SiteVerdicts|StepVerdict|ReplaceStep)"
              + ")");

  @Test
  void importsOnlyTheFacade() throws IOException {
    Path main = Paths.get("src/main/java");
    List<String> beyond = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        for (String line : Files.readAllLines(file)) {
          Matcher imported = CHECKER_IMPORT.matcher(line);
          if (imported.find() && !FACADE.matcher(imported.group(1)).matches()) {
            beyond.add(main.relativize(file) + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), beyond, "the audit's imports of the checker beyond its facade");
  }
}
