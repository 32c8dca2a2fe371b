package dev.fsyncguard.checker;

import static dev.fsyncguard.checker.FixAssertions.withDirectoryHelper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fix of {@link RenameWithoutDirectoryFsync}: a directory force after the rename, through the
 * durable utility when it is on the class path, otherwise through a helper added to the class once,
 * which skips Windows. Every expected output is compiled again with the check, which must then be
 * quiet.
 */
final class RenameWithoutDirectoryFsyncFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(
          RenameWithoutDirectoryFsync.class, RenameWithoutDirectoryFsyncFixTest.class, "SITE");

  /**
   * After the rename's statement: the target's directory, made absolute (a single name has no
   * parent).
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void replacementForcesTheDirectoryAfterTheRename(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "import java.nio.file.StandardOpenOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    force(tmp);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "",
          "  static void force(Path p) throws IOException {",
          "    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "import java.nio.file.StandardOpenOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    force(tmp);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "",
          "  static void force(Path p) throws IOException {",
          "    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }",
          "  }",
          "}"
        });
  }

  /**
   * After {@code if (!tmp.renameTo(target)) throw …}: the code after it runs when the rename
   * succeeded.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void replacementAfterAnIfThatTestsRenameTo(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.File;",
          "import java.io.FileOutputStream;",
          "import java.io.IOException;",
          "",
          "class Store {",
          "  void save(File target, byte[] data) throws IOException {",
          "    File tmp = new File(target.getPath() + \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      out.getFD().sync();",
          "    }",
          "    if (!tmp.renameTo(target)) {",
          "      throw new IOException(\"rename failed\");",
          "    }",
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
          "  void save(File target, byte[] data) throws IOException {",
          "    File tmp = new File(target.getPath() + \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      out.getFD().sync();",
          "    }",
          "    if (!tmp.renameTo(target)) {",
          "      throw new IOException(\"rename failed\");",
          "    }",
          "    DurableFiles.forceDirectory(target.toPath().toAbsolutePath().getParent());",
          "  }",
          "}"
        });
  }

  /**
   * Without the durable utility: a private helper forces the directory, skipped on Windows, where
   * opening a directory throws. A second site in the class reuses it.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {false})
  void jdkOnlyForcesTheDirectoryThroughOneHelperOfTheClass(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "import java.nio.file.StandardOpenOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    force(tmp);",
          "    // BUG: Diagnostic matches: SITE",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "",
          "  static void force(Path p) throws IOException {",
          "    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }",
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
            "  void save(Path target, byte[] data) throws IOException {",
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.write(tmp, data);",
            "    force(tmp);",
            "    // BUG: Diagnostic matches: SITE",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "",
            "  static void force(Path p) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {",
            "      ch.force(true);",
            "    }",
            "  }",
            "}"));
  }

  /** The rename is the value of a {@code return}: nothing can follow it in the method. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void noFixWhenTheRenameIsReturned(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.channels.FileChannel;",
        "import java.nio.file.Files;",
        "import java.nio.file.Path;",
        "import java.nio.file.StandardCopyOption;",
        "import java.nio.file.StandardOpenOption;",
        "",
        "class Store {",
        "  Path save(Path target, byte[] data) throws IOException {",
        "    Path tmp = target.resolveSibling(\"state.tmp\");",
        "    Files.write(tmp, data);",
        "    force(tmp);",
        "    // BUG: Diagnostic matches: SITE",
        "    return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
        "  }",
        "",
        "  static void force(Path p) throws IOException {",
        "    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {",
        "      ch.force(true);",
        "    }",
        "  }",
        "}");
  }
}
