package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checker's packages by role, arrows one way: checks, then repairs and baseline, then the
 * protocol's verdicts, the dataflow, the API table, and the helpers at the bottom. A package may
 * import only packages of a lower layer: an import that points back up, or sideways between two
 * packages of one layer, fails, so no cycle between packages can form.
 */
class PackageArrowsTest {
  /**
   * Each package with its layer: a package may import only packages of a lower layer, or its own.
   */
  private static final Map<String, Integer> LAYERS =
      Map.of(
          "dev.fsyncguard.checker.util", 0,
          "dev.fsyncguard.checker.api", 1,
          "dev.fsyncguard.checker.dataflow", 2,
          "dev.fsyncguard.checker.protocol", 3,
          "dev.fsyncguard.checker.fix", 4,
          "dev.fsyncguard.checker.baseline", 4,
          "dev.fsyncguard.checker", 5);

  private static final Pattern PROJECT_IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.fsyncguard\\.checker(?:\\.[a-z]+)?)\\.[A-Z]");

  @Test
  void importsRunDownTheLayersOnly() throws IOException {
    Path main = Paths.get("src/main/java");
    List<String> backUp = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String own = main.relativize(file.getParent()).toString().replace('/', '.');
        Integer ownLayer = LAYERS.get(own);
        assertWithMessage("%s is in a package without a layer: add it to LAYERS", file)
            .that(ownLayer)
            .isNotNull();
        for (String line : Files.readAllLines(file)) {
          Matcher imported = PROJECT_IMPORT.matcher(line);
          if (imported.find()) {
            Integer layer = LAYERS.get(imported.group(1));
            if (layer != null && !imported.group(1).equals(own) && layer >= ownLayer) {
              backUp.add(main.relativize(file) + ": " + line);
            }
          }
        }
      }
    }
    assertWithMessage("imports that point back up").that(backUp).isEmpty();
  }
}
