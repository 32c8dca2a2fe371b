package dev.fsyncguard.checker;

import static dev.fsyncguard.checker.FixAssertions.withDirectoryHelper;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixes of {@link RenameWithoutFsync}, each shape once with the durable utility on the class
 * path and once without. Every expected output is compiled again with the check, which must then be
 * quiet.
 */
final class RenameWithoutFsyncFixTest {
  private static final FixAssertions FIXES =
      new FixAssertions(RenameWithoutFsync.class, RenameWithoutFsyncFixTest.class, "RENAME");

  private static void assertFixed(boolean durable, String[] input, String[] output) {
    FIXES.assertFixed(durable, input, output);
  }

  private static void assertReportedWithoutFix(boolean durable, String... input) {
    FIXES.assertReportedWithoutFix(durable, input);
  }

  private static CompilationTestHelper compiler(boolean durable) {
    return FIXES.compiler(durable);
  }

  @Test
  void replacementPlainWriteThenMoveBecomesOneDurableWrite() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.charset.StandardCharsets;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path path, String payload) throws IOException {",
          "    Files.createDirectories(path.getParent());",
          "    Path tmp = path.resolveSibling(path.getFileName() + \".tmp\");",
          "    Files.writeString(tmp, payload, StandardCharsets.UTF_8);",
          "    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING,"
              + " StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.charset.StandardCharsets;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path path, String payload) throws IOException {",
          "    Files.createDirectories(path.getParent());",
          "    DurableFiles.write(path, payload, StandardCharsets.UTF_8);",
          "  }",
          "}"
        });
  }

  @Test
  void replacementPlainBytesWithoutCharset() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path target, byte[] data, String text) throws IOException {",
          "    Path tmp = target.resolveSibling(\"b.tmp\");",
          "    Files.write(tmp, data);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    Path tmp2 = target.resolveSibling(\"s.tmp\");",
          "    Files.writeString(tmp2, text);",
          "    Files.move(tmp2, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path target, byte[] data, String text) throws IOException {",
          "    DurableFiles.write(target, data);",
          "    DurableFiles.write(target, text, java.nio.charset.StandardCharsets.UTF_8);",
          "  }",
          "}"
        });
  }

  @Test
  void replacementForcesBeforeRenameWhenTempIsUsedElsewhere() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"t.tmp\");",
          "    try {",
          "      Files.writeString(tmp, s);",
          "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    } finally {",
          "      Files.deleteIfExists(tmp);",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"t.tmp\");",
          "    try {",
          "      Files.writeString(tmp, s);",
          "      DurableFiles.rename(tmp, target);",
          "    } finally {",
          "      Files.deleteIfExists(tmp);",
          "    }",
          "  }",
          "}"
        });
  }

  @Test
  void replacementJdkOnlyWhenUtilityIsAbsent() {
    assertFixed(
        false,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(\"t.tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.*;",
            "import java.util.Locale;",
            "class Store {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = target.resolveSibling(\"t.tmp\");",
            "    Files.writeString(tmp, s);",
            "    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(target.toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  @Test
  void replacementRenameInsideIfCondition() {
    assertFixed(
        true,
        new String[] {
          "import java.io.*;",
          "class Store {",
          "  void save(File tmp, File target, byte[] data) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    if (!tmp.renameTo(target)) {",
          "      throw new IOException(\"rename failed\");",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "class Store {",
          "  void save(File tmp, File target, byte[] data) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "    }",
          "    DurableFiles.force(tmp.toPath());",
          "    if (!tmp.renameTo(target)) {",
          "      throw new IOException(\"rename failed\");",
          "    }",
          "    DurableFiles.forceDirectory(target.toPath().toAbsolutePath().getParent());",
          "  }",
          "}"
        });
  }

  @Test
  void replacementJdkOnlyForFileRenameInsideIfCondition() {
    assertFixed(
        false,
        new String[] {
          "import java.io.*;",
          "class Store {",
          "  void save(File tmp, File target, byte[] data) throws IOException {",
          "    int channel = data.length;",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data, 0, channel);",
          "    }",
          "    if (!tmp.renameTo(target)) {",
          "      throw new IOException(\"rename failed\");",
          "    }",
          "  }",
          "}"
        },
        withDirectoryHelper(
            "import java.io.*;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardOpenOption;",
            "import java.util.Locale;",
            "class Store {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    int channel = data.length;",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data, 0, channel);",
            "    }",
            "    try (FileChannel channel2 = FileChannel.open(tmp.toPath(),"
                + " StandardOpenOption.WRITE)) {",
            "      channel2.force(true);",
            "    }",
            "    if (!tmp.renameTo(target)) {",
            "      throw new IOException(\"rename failed\");",
            "    }",
            "    forceDirectory(target.toPath().toAbsolutePath().getParent());",
            "  }",
            "}"));
  }

  /**
   * A temp per iteration, renamed into {@code dir}: each is forced before its rename, and the
   * directory once, after the loop, which covers every rename of it.
   */
  @Test
  void replacementTempInLoop() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "import java.util.List;",
          "class Store {",
          "  void saveAll(Path dir, List<String> parts) throws IOException {",
          "    for (int i = 0; i < parts.size(); i++) {",
          "      Path tmp = dir.resolve(i + \".tmp\");",
          "      Files.writeString(tmp, parts.get(i), StandardOpenOption.CREATE_NEW);",
          "      Files.move(tmp, dir.resolve(i + \".part\"), StandardCopyOption.ATOMIC_MOVE);",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "import java.util.List;",
          "class Store {",
          "  void saveAll(Path dir, List<String> parts) throws IOException {",
          "    for (int i = 0; i < parts.size(); i++) {",
          "      Path tmp = dir.resolve(i + \".tmp\");",
          "      Files.writeString(tmp, parts.get(i), StandardOpenOption.CREATE_NEW);",
          "      DurableFiles.force(tmp);",
          "      Files.move(tmp, dir.resolve(i + \".part\"), StandardCopyOption.ATOMIC_MOVE);",
          "    }",
          "    DurableFiles.forceDirectory(dir);",
          "  }",
          "}"
        });
  }

  @Test
  void replacementFlushesOpenBufferedStreamBeforeForcing() {
    assertFixed(
        true,
        new String[] {
          "import java.io.*;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path tmp, Path target, String s) throws IOException {",
          "    BufferedWriter writer = Files.newBufferedWriter(tmp);",
          "    writer.write(s);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    writer.close();",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path tmp, Path target, String s) throws IOException {",
          "    BufferedWriter writer = Files.newBufferedWriter(tmp);",
          "    writer.write(s);",
          "    writer.flush();",
          "    DurableFiles.rename(tmp, target);",
          "    writer.close();",
          "  }",
          "}"
        });
  }

  @Test
  void replacementWrapperCallSite() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path tmp, Path target, byte[] d) throws IOException {",
          "    Files.write(tmp, d, StandardOpenOption.CREATE);",
          "    replace(tmp, target);",
          "  }",
          "  private static void replace(Path from, Path to) throws IOException {",
          "    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "  void save(Path tmp, Path target, byte[] d) throws IOException {",
          "    Files.write(tmp, d, StandardOpenOption.CREATE);",
          "    DurableFiles.force(tmp);",
          "    replace(tmp, target);",
          "  }",
          "  private static void replace(Path from, Path to) throws IOException {",
          "    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        });
  }

  @Test
  void renameInIfConditionInsideATryThatCatches() {
    assertFixed(
        true,
        new String[] {
          "import java.io.*;",
          "class Store {",
          "  boolean save(File tmp, File target, byte[] data) {",
          "    try {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "      }",
          "      if (!tmp.renameTo(target)) {",
          "        return false;",
          "      }",
          "      return true;",
          "    } catch (IOException e) {",
          "      return false;",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "class Store {",
          "  boolean save(File tmp, File target, byte[] data) {",
          "    try {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "      }",
          "      DurableFiles.force(tmp.toPath());",
          "      if (!tmp.renameTo(target)) {",
          "        return false;",
          "      }",
          "      DurableFiles.forceDirectory(target.toPath().toAbsolutePath().getParent());",
          "      return true;",
          "    } catch (IOException e) {",
          "      return false;",
          "    }",
          "  }",
          "}"
        });
  }

  @Test
  void jdkOnlyKeepsTabIndentation() {
    assertFixed(
        false,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "class Store {",
          "\tvoid save(Path tmp, Path target, String s) throws IOException {",
          "\t\tFiles.writeString(tmp, s);",
          "\t\tFiles.move(tmp, target);",
          "\t}",
          "}"
        },
        new String[] {
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.*;",
          "import java.util.Locale;",
          "class Store {",
          "\tvoid save(Path tmp, Path target, String s) throws IOException {",
          "\t\tFiles.writeString(tmp, s);",
          "\t\ttry (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "\t\t\tchannel.force(true);",
          "\t\t}",
          "\t\tFiles.move(tmp, target);",
          "\t\tforceDirectory(target.toAbsolutePath().getParent());",
          "\t}",
          "",
          "\t/** Windows cannot open a directory to force it; NTFS journals the rename itself. */",
          "\tprivate static final boolean DIRECTORIES_CAN_BE_FORCED =",
          "\t\t\t!System.getProperty(\"os.name\","
              + " \"\").toLowerCase(Locale.ROOT).startsWith(\"windows\");",
          "",
          "\t/** Forces {@code directory}'s entries, so that a file renamed into it stays renamed"
              + " after a crash. */",
          "\tprivate static void forceDirectory(Path directory) throws IOException {",
          "\t\tif (DIRECTORIES_CAN_BE_FORCED) {",
          "\t\t\ttry (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))"
              + " {",
          "\t\t\t\tchannel.force(true);",
          "\t\t\t}",
          "\t\t}",
          "\t}",
          "}"
        });
  }

  @Test
  void oneDurableWriteRemovesImportsItMakesUnused() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"t.tmp\");",
          "    Files.write(tmp, data);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Path;",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    DurableFiles.write(target, data);",
          "  }",
          "}"
        });
  }

  @Test
  void oneDurableWriteKeepsImportsStillUsed() {
    assertFixed(
        true,
        new String[] {
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    Path tmp = target.resolveSibling(\"t.tmp\");",
          "    Files.write(tmp, data);",
          "    Files.move(tmp, target, ATOMIC_MOVE);",
          "    Files.move(target.resolveSibling(\"a\"), target.resolveSibling(\"b\"), ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "",
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "class Store {",
          "  void save(Path target, byte[] data) throws IOException {",
          "    DurableFiles.write(target, data);",
          "    Files.move(target.resolveSibling(\"a\"), target.resolveSibling(\"b\"), ATOMIC_MOVE);",
          "  }",
          "}"
        });
  }

  @Test
  void messageSaysWhatTheFixDoes() {
    compiler(true)
        .addSourceLines(
            "Store.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "class Store {",
            "  void save(Path tmp, Path target, String s) throws IOException {",
            "    Files.writeString(tmp, s);",
            "    // BUG: Diagnostic contains: Fix: force `tmp` with DurableFiles.force before the"
                + " rename; and force `target.toAbsolutePath().getParent()` after the rename with"
                + " DurableFiles.forceDirectory.",
            "    Files.move(tmp, target);",
            "    Files.deleteIfExists(tmp);",
            "  }",
            "}")
        .doTest();
    compiler(true)
        .addSourceLines(
            "Store.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "class Store {",
            "  void save(Path tmp, Path target, String s) throws IOException {",
            "    Files.writeString(tmp, s);",
            "    // BUG: Diagnostic contains: Did you mean 'DurableFiles.force(tmp);'?",
            "    Files.move(tmp, target);",
            "    Files.deleteIfExists(tmp);",
            "  }",
            "}")
        .doTest();
    compiler(false)
        .addSourceLines(
            "Store.java",
            "import java.io.*;",
            "class Store {",
            "  boolean save(File tmp, File target, byte[] data) {",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    } catch (IOException e) {",
            "      return false;",
            "    }",
            "    // BUG: Diagnostic contains: Fix: flush `out`, then force `tmp` through"
                + " FileChannel.force at the end of the try block before the rename, where"
                + " IOException is caught. Left to you: force the directory after the rename"
                + " (RenameWithoutDirectoryFsync).",
            "    return tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
    compiler(true)
        .addSourceLines(
            "Store.java",
            "import java.io.IOException;",
            "import java.nio.file.*;",
            "class Store {",
            "  void save(Path target, byte[] data) throws IOException {",
            "    Path tmp = target.resolveSibling(\"t.tmp\");",
            "    Files.write(tmp, data);",
            "    // BUG: Diagnostic matches: ONE_CALL",
            "    Files.move(tmp, target);",
            "  }",
            "}")
        .expectErrorMessage(
            "ONE_CALL",
            m ->
                m.contains(
                        "Fix: replace the write of `tmp` and the move by"
                            + " DurableFiles.write(`target`, …), which writes a temp file next to"
                            + " it, forces it, renames it atomically and forces the directory.")
                    && m.contains("Did you mean 'DurableFiles.write(target, data);'?"))
        .doTest();
  }

  /**
   * A rename that is an arrow case's body: no statement can go next to it, so the force goes before
   * the switch and the directory force after it.
   */
  @Test
  void replacementForcesBeforeASwitchWhoseArrowCaseRenames() {
    assertFixed(
        true,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(Path target, byte[] data, int mode) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    switch (mode) {",
          "      case 1 -> Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "      default -> {}",
          "    }",
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
          "  void save(Path target, byte[] data, int mode) throws IOException {",
          "    Path tmp = target.resolveSibling(\"state.tmp\");",
          "    Files.write(tmp, data);",
          "    DurableFiles.force(tmp);",
          "    switch (mode) {",
          "      case 1 -> Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "      default -> {}",
          "    }",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "}"
        });
  }

  /**
   * JDK only, saves in nested classes: the directory helper goes into the top-level class, which
   * every class of the file can call; where a nested class has a method of the helper's name, a
   * call would find that one, so its directory force is left to the author.
   */
  @Test
  void jdkOnlyDirectoryHelperGoesIntoTheTopLevelClass() {
    assertFixed(
        false,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  class Journal {",
          "    void save(Path target, byte[] data) throws IOException {",
          "      Path tmp = target.resolveSibling(\"journal.tmp\");",
          "      Files.write(tmp, data);",
          "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    }",
          "  }",
          "",
          "  static class Remote {",
          "    void forceDirectory(String host) {}",
          "",
          "    void save(Path target, byte[] data) throws IOException {",
          "      Path tmp = target.resolveSibling(\"remote.tmp\");",
          "      Files.write(tmp, data);",
          "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
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
            "  class Journal {",
            "    void save(Path target, byte[] data) throws IOException {",
            "      Path tmp = target.resolveSibling(\"journal.tmp\");",
            "      Files.write(tmp, data);",
            "      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "        channel.force(true);",
            "      }",
            "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "      forceDirectory(target.toAbsolutePath().getParent());",
            "    }",
            "  }",
            "",
            "  static class Remote {",
            "    void forceDirectory(String host) {}",
            "",
            "    void save(Path target, byte[] data) throws IOException {",
            "      Path tmp = target.resolveSibling(\"remote.tmp\");",
            "      Files.write(tmp, data);",
            "      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
            "        channel.force(true);",
            "      }",
            "      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "    }",
            "  }",
            "}"));
  }

  /**
   * A target named by {@code Paths.get(dir, name)}: the directory forced is {@code dir}'s, as the
   * analysis names it (Kafka's {@code BootstrapDirectory} saves this way).
   */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void directoryOfATargetFromPathsGetIsItsFirstPart(boolean durable) {
    FIXES.assertFixed(
        durable,
        new String[] {
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.Paths;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "class Store {",
          "  void save(String directoryPath, byte[] data) throws IOException {",
          "    Path tempPath = Paths.get(directoryPath, \"bootstrap.tmp\");",
          "    Files.write(tempPath, data);",
          "    Files.move(tempPath, Paths.get(directoryPath, \"bootstrap\"),"
              + " StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.IOException;",
          "import java.nio.file.Paths;",
          "",
          "class Store {",
          "  void save(String directoryPath, byte[] data) throws IOException {",
          "    DurableFiles.write(Paths.get(directoryPath, \"bootstrap\"), data);",
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
            "  void save(String directoryPath, byte[] data) throws IOException {",
            "    Path tempPath = Paths.get(directoryPath, \"bootstrap.tmp\");",
            "    Files.write(tempPath, data);",
            "    try (FileChannel channel = FileChannel.open(tempPath, StandardOpenOption.WRITE))"
                + " {",
            "      channel.force(true);",
            "    }",
            "    Files.move(tempPath, Paths.get(directoryPath, \"bootstrap\"),"
                + " StandardCopyOption.ATOMIC_MOVE);",
            "    forceDirectory(Path.of(directoryPath));",
            "  }",
            "}"));
  }
}
