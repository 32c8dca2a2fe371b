package dev.fsyncguard.checker;

import static dev.fsyncguard.checker.FixAssertions.withDirectoryHelper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixes of {@link NonAtomicReplace}, each with the durable utility on the class path and
 * without. Every expected output is compiled again with the check, which must then be quiet.
 */
final class NonAtomicReplaceFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(NonAtomicReplace.class, NonAtomicReplaceFixTest.class, "SITE");

  /** REPLACE_EXISTING statically imported: ATOMIC_MOVE is imported the same way. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementAddsStaticallyImportedAtomicMove(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, REPLACE_EXISTING);",
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
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
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
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /** REPLACE_EXISTING qualified: ATOMIC_MOVE is qualified too. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementAddsQualifiedAtomicMove(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
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
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,"
                + " StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /** A delete before a move without options: the delete goes, ATOMIC_MOVE comes (imported). */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementDropsDeleteAndAddsAtomicMove(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.deleteIfExists(target);",
          "    Files.move(tmp, target);",
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
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    DurableFiles.force(tmp);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
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
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * {@code if (Files.exists(target)) { Files.delete(target); }} before an atomic move: the whole
   * guard goes.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void replacementDropsGuardedDelete(boolean durable) {
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
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    if (Files.exists(target)) {",
          "      Files.delete(target);",
          "    }",
          "    Files.move(tmp, target, ATOMIC_MOVE);",
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
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    DurableFiles.rename(tmp, target);",
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
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
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
   * {@code File.renameTo} after a delete: without the delete it fails on Windows, so JDK-only the
   * delete is the author's to drop, while the force and directory steps are repaired; {@code
   * DurableFiles.rename} replaces atomically everywhere, so with the utility the delete goes.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void deleteBeforeRenameToIsLeftToTheAuthorWithoutTheUtility(boolean durable) {
    FIXES.assertRepaired(
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
          "    }",
          "    target.delete();",
          "    // BUG: Diagnostic matches: SITE",
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
          "  void save(File target, byte[] data) throws IOException {",
          "    File tmp = new File(target.getPath() + \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    // BUG: Diagnostic matches: SITE",
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
            "  void save(File target, byte[] data) throws IOException {",
            "    File tmp = new File(target.getPath() + \".tmp\");",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    target.delete();",
            "    // BUG: Diagnostic matches: SITE",
            "    try (FileChannel channel = FileChannel.open(tmp.toPath(),"
                + " StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    tmp.renameTo(target);",
            "    forceDirectory(target.toPath().toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * A delete in another block than the rename: dropping it could change what else happens, so it is
   * the author's; the site's other steps are repaired.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void deleteInAnotherBlockIsLeftToTheAuthor(boolean durable) {
    FIXES.assertRepaired(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "class Store {",
          "  void save(Path target, String s, boolean reset) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    if (reset) {",
          "      Files.deleteIfExists(target);",
          "      Files.deleteIfExists(target.resolveSibling(\"state.idx\"));",
          "    }",
          "    // BUG: Diagnostic matches: SITE",
          "    Files.move(tmp, target);",
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
          "  void save(Path target, String s, boolean reset) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    if (reset) {",
          "      Files.deleteIfExists(target);",
          "      Files.deleteIfExists(target.resolveSibling(\"state.idx\"));",
          "    }",
          "    // BUG: Diagnostic matches: SITE",
          "    DurableFiles.force(tmp);",
          "    Files.move(tmp, target);",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path target, String s, boolean reset) throws IOException {",
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    if (reset) {",
            "      Files.deleteIfExists(target);",
            "      Files.deleteIfExists(target.resolveSibling(\"state.idx\"));",
            "    }",
            "    // BUG: Diagnostic matches: SITE",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /** A copy over the target: turning it into a move changes what is left behind. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void noFixForCopyOverTarget(boolean durable) {
    FIXES.assertReportedWithoutFix(
        durable,
        "import java.io.IOException;",
        "import java.nio.file.Files;",
        "import java.nio.file.Path;",
        "import java.nio.file.StandardCopyOption;",
        "",
        "class Store {",
        "  void save(Path target, String s) throws IOException {",
        "    Path tmp = target.resolveSibling(\"state.tmp\");",
        "    Files.writeString(tmp, s);",
        "    // BUG: Diagnostic matches: SITE",
        "    Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
        "  }",
        "}");
  }

  /**
   * A fallback after a failed atomic move: whether to fail the save is the author's decision. The
   * attempt and the fallback share one force before their {@code try} and one directory force after
   * it, the same edit from both sites.
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void fallbackIsLeftToTheAuthorAndTheOtherStepsRepaired(boolean durable) {
    FIXES.assertRepaired(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.AtomicMoveNotSupportedException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    try {",
          "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    } catch (AtomicMoveNotSupportedException e) {",
          "      // BUG: Diagnostic matches: SITE",
          "      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.AtomicMoveNotSupportedException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.writeString(tmp, s);",
          "    DurableFiles.force(tmp);",
          "    try {",
          "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    } catch (AtomicMoveNotSupportedException e) {",
          "      // BUG: Diagnostic matches: SITE",
          "      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
          "    }",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.AtomicMoveNotSupportedException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "",
            "class Store {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = target.resolveSibling(\"state.tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    try {",
            "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    } catch (AtomicMoveNotSupportedException e) {",
            "      // BUG: Diagnostic matches: SITE",
            "      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
            "    }",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }
}
