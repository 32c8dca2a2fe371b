package dev.fsyncguard.checker;

import static dev.fsyncguard.checker.FixAssertions.withDirectoryHelper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fix of {@link TempFileOutsideTargetDirectory}, with the durable utility on the class path and
 * without. Every expected output is compiled again with the check, which must then be quiet.
 */
final class TempFileOutsideTargetDirectoryFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(
          TempFileOutsideTargetDirectory.class,
          TempFileOutsideTargetDirectoryFixTest.class,
          "SITE");

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
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    DurableFiles.write(target, s, java.nio.charset.StandardCharsets.UTF_8);",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), \"state\","
                + " \".tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * {@code File.createTempFile(prefix, suffix)} and a {@code File} target held in a final field.
   */
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
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.File;",
          "import java.io.FileOutputStream;",
          "import java.io.IOException;",
          "",
          "class Store {",
          "  private final File target = new File(\"state.json\");",
          "",
          "  void save(byte[] data) throws IOException {",
          "    File tmp = File.createTempFile(\"state\", null,"
              + " target.getAbsoluteFile().getParentFile());",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    DurableFiles.rename(tmp.toPath(), target.toPath());",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  private final File target = new File(\"state.json\");",
            "",
            "  void save(byte[] data) throws IOException {",
            "    File tmp = File.createTempFile(\"state\", null,"
                + " target.getAbsoluteFile().getParentFile());",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    try (FileChannel channel = FileChannel.open(tmp.toPath(),"
                + " StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    tmp.renameTo(target);",
            "    forceDirectory(target.toPath().toAbsolutePath().getParent());",
            "  }",
            "}"));
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
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.File;",
          "import java.io.IOException;",
          "",
          "class Store {",
          "  void save(File target, String s) throws IOException {",
          "    DurableFiles.write(target.toPath(), s, java.nio.charset.StandardCharsets.UTF_8);",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.File;",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(File target, String s) throws IOException {",
            "    Path tmp = Files.createTempFile(target.getAbsoluteFile().getParentFile().toPath(),"
                + " \"state\", \".tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toPath().toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * The target is an expression, not a variable known where the temp file is created: the temp's
   * place is the author's; the other steps are repaired (with the utility, one call replaces it
   * all).
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void computedTargetIsLeftToTheAuthorWithoutTheUtility(boolean durable) {
    FIXES.assertRepaired(
        durable,
        new String[] {
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
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path dir, String s) throws IOException {",
          "    DurableFiles.write(dir.resolve(\"state.json\"), s,"
              + " java.nio.charset.StandardCharsets.UTF_8);",
          "    // BUG: Diagnostic matches: SITE",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path dir, String s) throws IOException {",
            "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
            "    Files.writeString(tmp, s);",
            "    // BUG: Diagnostic matches: SITE",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, dir.resolve(\"state.json\"), StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(dir);",
            "  }",
            "}"));
  }

  /** The target variable is declared after the temp file is created: its place is the author's. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void tempBeforeTargetIsDeclaredIsLeftToTheAuthor(boolean durable) {
    FIXES.assertRepaired(
        durable,
        new String[] {
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
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path dir, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Path target = dir.resolve(\"state.json\");",
          "    // BUG: Diagnostic matches: SITE",
          "    DurableFiles.rename(tmp, target);",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path dir, String s) throws IOException {",
            "    Path tmp = Files.createTempFile(\"state\", \".tmp\");",
            "    Files.writeString(tmp, s);",
            "    Path target = dir.resolve(\"state.json\");",
            "    // BUG: Diagnostic matches: SITE",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * A path spelled under java.io.tmpdir: the code chose the directory, the author rewrites it; the
   * other steps are repaired (with the utility, one call replaces it all).
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void pathUnderTmpdirIsLeftToTheAuthorWithoutTheUtility(boolean durable) {
    FIXES.assertRepaired(
        durable,
        new String[] {
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
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    DurableFiles.write(target, s, java.nio.charset.StandardCharsets.UTF_8);",
          "    // BUG: Diagnostic matches: SITE",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.Paths;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = Paths.get(System.getProperty(\"java.io.tmpdir\"), \"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    // BUG: Diagnostic matches: SITE",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }
}
