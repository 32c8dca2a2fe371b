package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.CompilationTestHelper;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fix of {@link RenameWithoutDirectoryFsync}: with the durable utility on the class path, a
 * directory force after the rename; without it, none. Every expected output is compiled again with the
 * check, which must then be quiet.
 */
final class RenameWithoutDirectoryFsyncFixTest {
  private static final ImmutableList<String> WITHOUT_DURABLE =
      ImmutableList.of(
          "-classpath",
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.contains("durable"))
              .collect(Collectors.joining(File.pathSeparator)));

  /** Patches {@code input} as patch mode does, compares, and compiles the output again: quiet. */
  private static void assertFixed(boolean durable, String[] input, String[] output) {
    ImmutableList<String> args = durable ? ImmutableList.of() : WITHOUT_DURABLE;
    assertThat(PatchedSource.of(RenameWithoutDirectoryFsync.class, args, input))
        .isEqualTo(String.join("\n", output) + "\n");
    compiler(durable).addSourceLines("Store.java", output).expectNoDiagnostics().doTest();
  }

  /** The finding stays, with no fix: patch mode leaves the file as it is. */
  private static void assertReportedWithoutFix(boolean durable, String... input) {
    ImmutableList<String> args = durable ? ImmutableList.of() : WITHOUT_DURABLE;
    assertThat(PatchedSource.of(RenameWithoutDirectoryFsync.class, args, input))
        .isEqualTo(String.join("\n", input) + "\n");
    compiler(durable)
        .addSourceLines("Store.java", input)
        .expectErrorMessage("SITE", m -> !m.contains("Fix:") && !m.contains("Did you mean"))
        .doTest();
  }

  private static CompilationTestHelper compiler(boolean durable) {
    CompilationTestHelper helper = CompilationTestHelper.newInstance(RenameWithoutDirectoryFsync.class, RenameWithoutDirectoryFsyncFixTest.class);
    return durable ? helper : helper.setArgs(WITHOUT_DURABLE);
  }

  /** After the rename's statement: the target's directory, made absolute (a single name has no parent). */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void replacementForcesTheDirectoryAfterTheRename(boolean durable) {
    assertFixed(
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

  /** After {@code if (!tmp.renameTo(target)) throw …}: the code after it runs when the rename succeeded. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void replacementAfterAnIfThatTestsRenameTo(boolean durable) {
    assertFixed(
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

  /** Without the durable utility: reported, no fix (opening and forcing the directory throws on Windows). */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {false})
  void noFixWithoutTheDurableUtility(boolean durable) {
    assertReportedWithoutFix(
        durable,
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
        "}");
  }

  /** The rename is the value of a {@code return}: nothing can follow it in the method. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true})
  void noFixWhenTheRenameIsReturned(boolean durable) {
    assertReportedWithoutFix(
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
