package dev.fsyncguard.checker.api;

import static com.google.common.truth.Truth.assertWithMessage;

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
 * The APIs the analysis knows are matched in one place, {@link FileApis} (with its library half,
 * {@code LibraryApis}): a new stream type or a new rename method is one edit there, not one in each
 * class that happens to look at the call.
 */
class OneApiTableTest {
  private static final Pattern MATCHER_FACTORY =
      Pattern.compile("\\b(staticMethod|instanceMethod|constructor)\\(\\)");

  @Test
  void onlyFileApisBuildsMethodMatchers() throws IOException {
    Path main = Paths.get("src/main/java");
    List<String> elsewhere = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String name = file.getFileName().toString();
        if (name.equals("FileApis.java") || name.equals("LibraryApis.java")) {
          continue; // the table: the JDK's APIs, and the libraries'
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher factory = MATCHER_FACTORY.matcher(lines.get(i));
          if (factory.find()) {
            elsewhere.add(main.relativize(file) + ":" + (i + 1) + ": " + factory.group());
          }
        }
      }
    }
    assertWithMessage("method matchers built outside FileApis (add them to its table)")
        .that(elsewhere)
        .isEmpty();
  }
}
