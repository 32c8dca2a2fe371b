package dev.fsyncguard.checker;

import static dev.fsyncguard.checker.FixAssertions.withDirectoryHelper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fix of {@link FsyncFailureIgnored}: rethrow from the handler where the method already
 * declares what it catches. Every expected output is compiled again with the check, which must then
 * be quiet.
 */
final class FsyncFailureIgnoredFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(FsyncFailureIgnored.class, FsyncFailureIgnoredFixTest.class, "SITE");

  /** The method declares IOException: the handler rethrows after it logs. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void replacementRethrowsAtTheEndOfTheHandler(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    try {",
          "      dev.fsyncguard.durable.DurableFiles.force(tmp);",
          "    } catch (IOException e) {",
          "      System.err.println(\"fsync failed: \" + e);",
          "    }",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    try {",
          "      dev.fsyncguard.durable.DurableFiles.force(tmp);",
          "    } catch (IOException e) {",
          "      System.err.println(\"fsync failed: \" + e);",
          "      throw e;",
          "    }",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "}"
        });
  }

  /** An empty handler of {@code SyncFailedException}, in a method that declares IOException. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementFillsAnEmptyHandler(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.File;",
          "import java.io.FileOutputStream;",
          "import java.io.IOException;",
          "import java.io.SyncFailedException;",
          "",
          "class Store {",
          "  void save(File target, byte[] data) throws IOException {",
          "    File tmp = new File(target.getPath() + \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      try {",
          "        out.getFD().sync();",
          "      } catch (SyncFailedException ignored) {}",
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
          "import java.io.SyncFailedException;",
          "",
          "class Store {",
          "  void save(File target, byte[] data) throws IOException {",
          "    File tmp = new File(target.getPath() + \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      try {",
          "        out.getFD().sync();",
          "      } catch (SyncFailedException ignored) {",
          "        throw ignored;",
          "      }",
          "    }",
          "    tmp.renameTo(target);",
          "    DurableFiles.forceDirectory(target.toPath().toAbsolutePath().getParent());",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.SyncFailedException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(File target, byte[] data) throws IOException {",
            "    File tmp = new File(target.getPath() + \".tmp\");",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "      try {",
            "        out.getFD().sync();",
            "      } catch (SyncFailedException ignored) {",
            "        throw ignored;",
            "      }",
            "    }",
            "    tmp.renameTo(target);",
            "    forceDirectory(target.toPath().toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /** The method does not declare IOException: rethrowing would change what it promises. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixWhenTheMethodDoesNotDeclareTheException(boolean durable) {
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
        "  void save(Path tmp, Path target) {",
        "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
        "      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));",
        "      try {",
        "        // BUG: Diagnostic matches: SITE",
        "        ch.force(true);",
        "      } catch (IOException e) {",
        "        System.err.println(e);",
        "      }",
        "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
        "    } catch (IOException e) {",
        "      throw new java.io.UncheckedIOException(e);",
        "    }",
        "  }",
        "}");
  }

  /** A retry: what to do instead of retrying is the author's call. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixForARetry(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.channels.FileChannel;",
        "",
        "class Store {",
        "  void sync(FileChannel ch) throws IOException {",
        "    for (int attempt = 0; attempt < 3; attempt++) {",
        "      try {",
        "        // BUG: Diagnostic matches: SITE",
        "        ch.force(true);",
        "        break;",
        "      } catch (IOException e) {",
        "        System.err.println(\"retrying: \" + e);",
        "      }",
        "    }",
        "  }",
        "}");
  }
}
