package dev.fsyncguard.checker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fix of {@link TempFileOutsideTargetDirectory}, with the durable utility on the class path and
 * without. Every expected output is compiled again with the check, which must then be quiet.
 */
final class TempFileOutsideTargetDirectoryFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(TempFileOutsideTargetDirectory.class, TempFileOutsideTargetDirectoryFixTest.class, "SITE");

  /** {@code Files.createTempFile(prefix, suffix)} and a {@code Path} target. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementCreatesNioTempFileNextToPathTarget(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), \"state\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "}"
        });
  }

  /** {@code File.createTempFile(prefix, suffix)} and a {@code File} target held in a final field. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementCreatesIoTempFileNextToFileTarget(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.File;",
          "import java.io.FileOutputStream;",
          "import java.io.IOException;",
          "",
          "class Store {",
          "  private final File target = new File(\"state.json\");",
          "",
          "  void save(byte[] data) throws IOException {",
          "    File tmp = File.createTempFile(\"state\", null);",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    tmp.renameTo(target);",
          "  }",
          "}"
        },
        new String[] {
          "import java.io.File;",
          "import java.io.FileOutputStream;",
          "import java.io.IOException;",
          "",
          "class Store {",
          "  private final File target = new File(\"state.json\");",
          "",
          "  void save(byte[] data) throws IOException {",
          "    File tmp = File.createTempFile(\"state\", null, target.getAbsoluteFile().getParentFile());",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    tmp.renameTo(target);",
          "  }",
          "}"
        });
  }

  /** {@code Files.createTempFile} and a {@code File} target: its directory as a {@code Path}. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementCreatesNioTempFileNextToFileTarget(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.File;",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(File target, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import java.io.File;",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(File target, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(target.getAbsoluteFile().getParentFile().toPath(), \"state\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        });
  }

  /** The target is an expression, not a variable known where the temp file is created. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixWhenTargetIsComputed(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.file.Files;",
        "import java.nio.file.Path;",
        "import java.nio.file.StandardCopyOption;",
        "",
        "class Store {",
        "  void save(Path dir, String s) throws IOException {",
        "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
        "    Files.writeString(tmp, s);",
        "    // BUG: Diagnostic matches: SITE",
        "    Files.move(tmp, dir.resolve(\"state.json\"), StandardCopyOption.ATOMIC_MOVE);",
        "  }",
        "}");
  }

  /** The target variable is declared after the temp file is created. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixWhenTargetIsDeclaredLater(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.file.Files;",
        "import java.nio.file.Path;",
        "import java.nio.file.StandardCopyOption;",
        "",
        "class Store {",
        "  void save(Path dir, String s) throws IOException {",
        "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
        "    Files.writeString(tmp, s);",
        "    Path target = dir.resolve(\"state.json\");",
        "    // BUG: Diagnostic matches: SITE",
        "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
        "  }",
        "}");
  }

  /** A path spelled under java.io.tmpdir: the code chose the directory; the author rewrites it. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixForPathUnderTmpdir(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.file.Files;",
        "import java.nio.file.Path;",
        "import java.nio.file.Paths;",
        "import java.nio.file.StandardCopyOption;",
        "",
        "class Store {",
        "  void save(Path target, String s) throws IOException {",
        "    Path tmp = Paths.get(System.getProperty(\"java.io.tmpdir\"), \"state.tmp\");",
        "    Files.writeString(tmp, s);",
        "    // BUG: Diagnostic matches: SITE",
        "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
        "  }",
        "}");
  }

}
