package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutFsync}: every row of the public case table (flag and quiet) plus
 * shapes that a statement-order scan, or a model that forgets buffers or file identity, gets wrong.
 *
 * <p>A flagged rename carries {@code // BUG: Diagnostic contains: line N} where {@code N} is the
 * line of the last write that reaches the rename without having been forced to disk.
 */
class RenameWithoutFsyncTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /**
   * Flag 1: {@code Files.writeString} then an atomic {@code Files.move} inside a try/finally that
   * deletes the temp.
   */
  @Test
  void flagsWriteStringThenMoveInTryFinally() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path target, String s) throws IOException {",
            "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
            "    try {",
            "      Files.writeString(tmp, s);",
            "      // BUG: Diagnostic matches: RENAME",
            "      Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);",
            "    } finally {",
            "      Files.deleteIfExists(tmp);",
            "    }",
            "  }",
            "}")
        .expectErrorMessage("RENAME", m -> m.contains("`tmp`") && m.contains("line 12"))
        .doTest();
  }

  /**
   * Flag 2: a {@code FileOutputStream} written and closed by try-with-resources, never synced, then
   * {@code renameTo}.
   */
  @Test
  void flagsFileOutputStreamInTryWithResourcesThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File dir, byte[] data) throws IOException {",
            "    File tmp = new File(dir, \"state.tmp\");",
            "    File target = new File(dir, \"state\");",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 10",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 2: as above, with the result of {@code renameTo} tested in an {@code if}. */
  @Test
  void flagsFileOutputStreamThenRenameToTestedInIf() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 8",
            "    if (!tmp.renameTo(target)) {",
            "      throw new IOException(\"Cannot rename \" + tmp + \" to \" + target);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 3: {@code Files.newBufferedWriter} filled in a loop, then {@code Files.move}. */
  @Test
  void flagsBufferedWriterFilledInLoopThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<String> lines) throws IOException {",
            "    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {",
            "      for (String line : lines) {",
            "        w.write(line + \"\\n\");",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 13",
            "    Files.move(tmp, target, REPLACE_EXISTING);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 4: {@code FileChannel.open(tmp, CREATE_NEW, WRITE)} written in a loop, no force, then
   * {@code Files.move}.
   */
  @Test
  void flagsChannelOpenedCreateNewWrittenInLoopThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {",
            "      for (ByteBuffer chunk : chunks) {",
            "        while (chunk.hasRemaining()) {",
            "          ch.write(chunk);",
            "        }",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 17",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 5: a {@code RandomAccessFile} opened {@code "rw"} and written, then {@code renameTo}. */
  @Test
  void flagsRandomAccessFileRwThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.IOException;",
            "import java.io.RandomAccessFile;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (RandomAccessFile raf = new RandomAccessFile(tmp, \"rw\")) {",
            "      raf.seek(0);",
            "      raf.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 9",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 6: a {@code FileWriter} on {@code File.createTempFile(prefix, suffix, dir)}, then {@code
   * renameTo}.
   */
  @Test
  void flagsFileWriterOnCreateTempFileThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "",
            "import java.io.File;",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File target, String text) throws IOException {",
            "    File tmp = File.createTempFile(\"state\", \".tmp\", target.getParentFile());",
            "    try (FileWriter w = new FileWriter(tmp, UTF_8)) {",
            "      w.write(text);",
            "    }",
            "    // BUG: Diagnostic contains: line 11",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 7: {@code Files.copy(InputStream, tmp, REPLACE_EXISTING)}, then {@code Files.move}. */
  @Test
  void flagsCopyFromInputStreamThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.io.InputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void download(InputStream in, Path tmp, Path target) throws IOException {",
            "    Files.copy(in, tmp, REPLACE_EXISTING);",
            "    // BUG: Diagnostic contains: line 11",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 8: an {@code ObjectOutputStream} over {@code Files.newOutputStream(tmp)}, then {@code
   * Files.move}.
   */
  @Test
  void flagsObjectOutputStreamOverNewOutputStreamThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.io.ObjectOutputStream;",
            "import java.io.OutputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, Object state) throws IOException {",
            "    OutputStream raw = Files.newOutputStream(tmp);",
            "    try (ObjectOutputStream out = new ObjectOutputStream(raw)) {",
            "      out.writeObject(state);",
            "    }",
            "    // BUG: Diagnostic contains: line 13",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 9: {@code fos.getFD().sync()} while a {@code BufferedOutputStream} over {@code fos} holds
   * unflushed writes.
   */
  @Test
  void flagsFdSyncWhileBufferedOutputStreamHoldsWrites() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.BufferedOutputStream;",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        BufferedOutputStream out = new BufferedOutputStream(fos)) {",
            "      out.write(data);",
            "      fos.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 10",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 9: {@code fos.getFD().sync()} while a {@code BufferedWriter} over {@code fos} holds
   * unflushed writes.
   */
  @Test
  void flagsFdSyncWhileBufferedWriterHoldsWrites() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.OutputStreamWriter;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, String text) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());",
            "        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {",
            "      w.write(text);",
            "      fos.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 15",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Flag 9: {@code fos.getFD().sync()} while a {@code PrintWriter} over {@code fos} holds unflushed
   * writes.
   */
  @Test
  void flagsFdSyncWhilePrintWriterHoldsWrites() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.PrintWriter;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(File tmp, File target, List<String> lines) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        PrintWriter pw = new PrintWriter(fos)) {",
            "      for (String line : lines) {",
            "        pw.println(line);",
            "      }",
            "      fos.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 12",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 10: a trailer appended after {@code ch.force(true)}. */
  @Test
  void flagsWriteAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer body, ByteBuffer trailer)",
            "      throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(body);",
            "      ch.force(true);",
            "      ch.write(trailer);",
            "    }",
            "    // BUG: Diagnostic contains: line 18",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 11: the force happens only when {@code payload.length > 4096}. */
  @Test
  void flagsForceOnlyOnDataDependentBranch() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] payload) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(ByteBuffer.wrap(payload));",
            "      if (payload.length > 4096) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 15",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 12: the synced stream is the journal's; the renamed data file is never synced. */
  @Test
  void flagsWhenOnlyTheJournalIsSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void commit(Path journal, Path tmp, Path target, byte[] entry, byte[] data)",
            "      throws IOException {",
            "    try (FileOutputStream log = new FileOutputStream(journal.toFile(), true);",
            "        FileOutputStream out = new FileOutputStream(tmp.toFile())) {",
            "      log.write(entry);",
            "      out.write(data);",
            "      log.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 14",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 13: the target is forced after the rename, which leaves the crash window open. */
  @Test
  void flagsTargetForcedOnlyAfterRename() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(ByteBuffer.wrap(data));",
            "    }",
            "    // BUG: Diagnostic contains: line 15",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "    try (FileChannel ch = FileChannel.open(target, WRITE)) {",
            "      ch.force(true);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 14: written through a {@code File}, moved as {@code tmpFile.toPath()}. */
  @Test
  void flagsWrittenAsFileMovedAsToPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(File tmpFile, Path target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmpFile)) {",
            "      out.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 12",
            "    Files.move(tmpFile.toPath(), target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 14: written through a {@code Path}, renamed with {@code tmp.toFile().renameTo(...)}. */
  @Test
  void flagsWrittenAsPathRenamedThroughToFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, File target, byte[] data) throws IOException {",
            "    Files.write(tmp, data);",
            "    // BUG: Diagnostic contains: line 8",
            "    if (!tmp.toFile().renameTo(target)) {",
            "      throw new IOException(\"rename failed\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Flag 15: every iteration of a loop writes a temp file and renames it. */
  @Test
  void flagsLoopWritingAndRenamingEachTemp() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.Map;",
            "",
            "class A {",
            "  void saveAll(Path dir, Map<String, byte[]> files) throws IOException {",
            "    for (Map.Entry<String, byte[]> e : files.entrySet()) {",
            "      Path tmp = dir.resolve(e.getKey() + \".tmp\");",
            "      Files.write(tmp, e.getValue());",
            "      // BUG: Diagnostic contains: line 12",
            "      Files.move(tmp, dir.resolve(e.getKey()), ATOMIC_MOVE);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Quiet 1: {@code out.getFD().sync()} before the stream is closed. */
  @Test
  void quietWhenFdSyncedBeforeClose() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "      out.getFD().sync();",
            "    }",
            "    if (!tmp.renameTo(target)) {",
            "      throw new IOException(\"rename failed\");",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 1: {@code out.getChannel().force(true)} before the stream is closed. */
  @Test
  void quietWhenChannelOfStreamForcedBeforeClose() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {",
            "      out.write(data);",
            "      out.getChannel().force(true);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 2: {@code ch.force(false)} forces the data, which is all the rename needs. */
  @Test
  void quietWhenDataOnlyForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      ch.force(false);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: a channel opened with {@code SYNC} never leaves the file dirty. */
  @Test
  void quietWhenChannelOpenedWithSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.SYNC;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch =",
            "        FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE, SYNC)) {",
            "      ch.write(data);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Found in JGit's PatchApplier: a loop variable names a new file each time round. */
  @Test
  void quietWhenLoopWritesOneFileAndRenamesAnother() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.List;",
            "class A {",
            "  void apply(File dir, List<String> names, boolean rename) throws IOException {",
            "    for (String n : names) {",
            "      File src = new File(dir, n);",
            "      if (!rename) {",
            "        Files.writeString(src.toPath(), \"x\");",
            "      } else {",
            "        src.renameTo(new File(dir, n + \".new\"));",
            "      }",
            "    }",
            "    for (String n : names) {",
            "      Path p = Path.of(n);",
            "      if (!rename) {",
            "        Files.writeString(p, \"x\");",
            "      } else {",
            "        Files.move(p, Path.of(n + \".new\"), StandardCopyOption.ATOMIC_MOVE);",
            "      }",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: the options may come as a set; {@code DSYNC} among them is seen. */
  @Test
  void quietWhenChannelOpenedWithDsyncInOptionSet() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardOpenOption.*;",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.*;",
            "import java.util.EnumSet;",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(CREATE, WRITE, DSYNC))) {",
            "      ch.write(data);",
            "    }",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Options the analysis cannot see (a parameter) may include SYNC: assume nothing, report nothing.
   */
  @Test
  void quietWhenOpenOptionsAreNotVisible() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.IOException;",
            "import java.nio.file.*;",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data, OpenOption... options) throws"
                + " IOException {",
            "    Files.write(tmp, data, options);",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** The same options spelled out without SYNC are seen, and the write is reported. */
  @Test
  void flagsWhenVisibleOptionSetLacksSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardOpenOption.*;",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.*;",
            "import java.util.Set;",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, Set.of(CREATE, WRITE))) {",
            "      ch.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 10",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Quiet 3: {@code Files.newOutputStream} with {@code DSYNC} never leaves the file dirty. */
  @Test
  void quietWhenOutputStreamOpenedWithDsync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.DSYNC;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (OutputStream out =",
            "        Files.newOutputStream(tmp, CREATE, TRUNCATE_EXISTING, WRITE, DSYNC)) {",
            "      out.write(data);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code Files.write(..., DSYNC)}. */
  @Test
  void quietWhenFilesWriteWithDsync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.DSYNC;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    Files.write(tmp, data, CREATE, TRUNCATE_EXISTING, WRITE, DSYNC);",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code RandomAccessFile} mode {@code "rws"}. */
  @Test
  void quietWhenRandomAccessFileModeRws() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.IOException;",
            "import java.io.RandomAccessFile;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (RandomAccessFile raf = new RandomAccessFile(tmp, \"rws\")) {",
            "      raf.write(data);",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code RandomAccessFile} mode {@code "rwd"}. */
  @Test
  void quietWhenRandomAccessFileModeRwd() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.IOException;",
            "import java.io.RandomAccessFile;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (RandomAccessFile raf = new RandomAccessFile(tmp, \"rwd\")) {",
            "      raf.writeInt(data.length);",
            "      raf.write(data);",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: log rotation renames files this method never wrote. */
  @Test
  void quietLogRotation() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void rotate(Path log, int keep) throws IOException {",
            "    for (int i = keep - 1; i > 0; i--) {",
            "      Path older = log.resolveSibling(log.getFileName() + \".\" + i);",
            "      if (Files.exists(older)) {",
            "        Path newer = log.resolveSibling(log.getFileName() + \".\" + (i + 1));",
            "        Files.move(older, newer, REPLACE_EXISTING);",
            "      }",
            "    }",
            "    Files.move(log, log.resolveSibling(log.getFileName() + \".1\"));",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: quarantining a user's file renames a file this method never wrote. */
  @Test
  void quietQuarantineOfUserFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void quarantine(File upload, File quarantineDir) throws IOException {",
            "    File dest = new File(quarantineDir, upload.getName() + \".quarantined\");",
            "    if (!upload.renameTo(dest)) {",
            "      throw new IOException(\"Cannot quarantine \" + upload);",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: the moved file was only read ({@code Files.readAllBytes}). */
  @Test
  void quietMoveAfterOnlyReading() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void triage(Path tmp, Path accepted, Path rejected) throws IOException {",
            "    byte[] bytes = Files.readAllBytes(tmp);",
            "    if (bytes.length > 0 && bytes[0] == '{') {",
            "      Files.move(tmp, accepted, ATOMIC_MOVE);",
            "    } else {",
            "      Files.move(tmp, rejected, REPLACE_EXISTING);",
            "    }",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 5: the {@code BufferedOutputStream} is flushed before the descriptor is synced. */
  @Test
  void quietWhenBufferedStreamFlushedBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.BufferedOutputStream;",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        BufferedOutputStream out = new BufferedOutputStream(fos)) {",
            "      out.write(data);",
            "      out.flush();",
            "      fos.getFD().sync();",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 5: {@code Properties.store} writes and flushes, then the descriptor is synced. */
  @Test
  void quietWhenPropertiesStoreFlushesBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.Properties;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, Properties props) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {",
            "      props.store(out, \"settings\");",
            "      out.getFD().sync();",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Quiet 5: {@code Properties.store(Writer, ...)} flushes the writer it is given before the sync.
   */
  @Test
  void quietWhenPropertiesStoreFlushesWriterBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.OutputStreamWriter;",
            "import java.util.Properties;",
            "",
            "class A {",
            "  void save(File tmp, File target, Properties props) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        OutputStreamWriter w = new OutputStreamWriter(fos, UTF_8)) {",
            "      props.store(w, null);",
            "      fos.getFD().sync();",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Quiet 6 (and 5, closed wrapper): the buffered writer is closed, then the path is reopened with
   * {@code WRITE} and forced.
   */
  @Test
  void quietWhenReopenedAndForcedBeforeMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, String text) throws IOException {",
            "    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {",
            "      w.write(text);",
            "    }",
            "    try (FileChannel c = FileChannel.open(tmp, WRITE)) {",
            "      c.force(true);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 7: {@code force(true)} on one branch, {@code force(false)} on the other. */
  @Test
  void quietWhenEveryBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] payload) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(ByteBuffer.wrap(payload));",
            "      if (payload.length > 4096) {",
            "        ch.force(true);",
            "      } else {",
            "        ch.force(false);",
            "      }",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 8: {@code other} is written, {@code tmp} is moved. */
  @Test
  void quietWhenWrittenFileIsNotMovedFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path other, Path target, byte[] data) throws IOException {",
            "    Files.write(other, data);",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Quiet 8: a stream on a sibling file is written; the temp that is renamed was not written here.
   */
  @Test
  void quietWhenStreamOnOtherFileWrittenAndTempMoved() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void publish(File dir, byte[] index) throws IOException {",
            "    File tmp = new File(dir, \"data.tmp\");",
            "    File idx = new File(dir, \"index\");",
            "    try (FileOutputStream out = new FileOutputStream(idx)) {",
            "      out.write(index);",
            "    }",
            "    tmp.renameTo(new File(dir, \"data\"));",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 9: {@code @SuppressWarnings("RenameWithoutFsync")} on the method. */
  @Test
  void quietInsideSuppressWarningsOnMethod() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  @SuppressWarnings(\"RenameWithoutFsync\")",
            "  void save(Path tmp, Path target, String s) throws IOException {",
            "    Files.writeString(tmp, s);",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 9: {@code @SuppressWarnings("RenameWithoutFsync")} on the enclosing class. */
  @Test
  void quietInsideSuppressWarningsOnClass() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "@SuppressWarnings(\"RenameWithoutFsync\")",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10: {@code if (fsync) fos.getFD().sync();} with {@code fsync} a boolean parameter. */
  @Test
  void quietWhenDurabilityLeftToBooleanParameter() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data, boolean fsync) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp)) {",
            "      fos.write(data);",
            "      if (fsync) {",
            "        fos.getFD().sync();",
            "      }",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10: {@code if (fsync) ch.force(true);} with {@code fsync} a boolean field. */
  @Test
  void quietWhenDurabilityLeftToBooleanField() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  private final boolean fsync;",
            "",
            "  A(boolean fsync) {",
            "    this.fsync = fsync;",
            "  }",
            "",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      if (fsync) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10 under {@code Strict=true}: the boolean parameter switch is reported. */
  @Test
  void strictFlagReportsDurabilitySwitch() {
    compilationTestHelper
        .setArgs("-XepOpt:RenameWithoutFsync:Strict=true")
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data, boolean fsync) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp)) {",
            "      fos.write(data);",
            "      if (fsync) {",
            "        fos.getFD().sync();",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 8",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** Quiet 10 under {@code Strict=true}: the boolean field switch is reported. */
  @Test
  void strictFlagReportsDurabilitySwitchOnField() {
    compilationTestHelper
        .setArgs("-XepOpt:RenameWithoutFsync:Strict=true")
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  private final boolean fsync;",
            "",
            "  A(boolean fsync) {",
            "    this.fsync = fsync;",
            "  }",
            "",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      if (fsync) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 21",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Under {@code Strict=true} an unconditional force is still quiet. */
  @Test
  void strictFlagKeepsForcedRenameQuiet() {
    compilationTestHelper
        .setArgs("-XepOpt:RenameWithoutFsync:Strict=true")
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      ch.force(true);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A boolean local computed from the data is not a durability switch: reported without Strict. */
  @Test
  void flagsBooleanLocalComputedFromData() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] payload) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(ByteBuffer.wrap(payload));",
            "      boolean big = payload.length > 4096;",
            "      if (big) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 15",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Quiet 11: only metadata ({@code Files.size}, {@code setLastModifiedTime}) is touched before the
   * move.
   */
  @Test
  void quietWhenOnlyMetadataTouched() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.attribute.FileTime;",
            "import java.time.Instant;",
            "",
            "class A {",
            "  void archive(Path file, Path archiveDir) throws IOException {",
            "    if (Files.size(file) == 0) {",
            "      return;",
            "    }",
            "    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));",
            "    Files.move(file, archiveDir.resolve(file.getFileName()), REPLACE_EXISTING);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Write and rename inside a lambda body. */
  @Test
  void flagsRenameInsideLambda() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  Runnable saver(Path tmp, Path target, String s) {",
            "    return () -> {",
            "      try {",
            "        Files.writeString(tmp, s);",
            "        // BUG: Diagnostic contains: line 12",
            "        Files.move(tmp, target, ATOMIC_MOVE);",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  /** Write and rename inside a method of an anonymous class. */
  @Test
  void flagsRenameInsideAnonymousClass() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  interface Sink {",
            "    void save(byte[] data) throws IOException;",
            "  }",
            "",
            "  Sink sink(File tmp, File target) {",
            "    return new Sink() {",
            "      @Override",
            "      public void save(byte[] data) throws IOException {",
            "        try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "          out.write(data);",
            "        }",
            "        // BUG: Diagnostic contains: line 15",
            "        tmp.renameTo(target);",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  /** Write and rename inside a record's compact constructor. */
  @Test
  void flagsRenameInRecordCompactConstructor() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  record Snapshot(Path tmp, Path target, byte[] data) {",
            "    Snapshot {",
            "      try {",
            "        Files.write(tmp, data);",
            "        // BUG: Diagnostic contains: line 12",
            "        Files.move(tmp, target, ATOMIC_MOVE);",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** A switch expression whose default branch does not force. */
  @Test
  void flagsSwitchExpressionWithUnforcedBranch() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data, String mode) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      int forced =",
            "          switch (mode) {",
            "            case \"full\" -> {",
            "              ch.force(true);",
            "              yield 2;",
            "            }",
            "            case \"data\" -> {",
            "              ch.force(false);",
            "              yield 1;",
            "            }",
            "            default -> 0;",
            "          };",
            "      System.out.println(forced);",
            "    }",
            "    // BUG: Diagnostic contains: line 15",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** {@code if (!tmp.renameTo(target)) throw ...} after an unsynced {@code FileWriter}. */
  @Test
  void flagsRenameToTestedWithNegationAndThrow() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "",
            "import java.io.File;",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, String text) throws IOException {",
            "    FileWriter w = new FileWriter(tmp, UTF_8);",
            "    try {",
            "      w.write(text);",
            "    } finally {",
            "      w.close();",
            "    }",
            "    // BUG: Diagnostic contains: line 11",
            "    if (!tmp.renameTo(target)) throw new IOException(\"rename failed: \" + tmp);",
            "  }",
            "}")
        .doTest();
  }

  /** Written through {@code tmp.toFile()}, moved as {@code tmp}. */
  @Test
  void flagsWrittenThroughToFileMovedAsPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {",
            "      out.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 11",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * File named by a {@code String}: {@code new FileOutputStream(name)} then {@code new
   * File(name).renameTo(...)}.
   */
  @Test
  void flagsStringFileNames() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(String name, String targetName, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(name)) {",
            "      out.write(data);",
            "    }",
            "    // BUG: Diagnostic contains: line 8",
            "    new File(name).renameTo(new File(targetName));",
            "  }",
            "}")
        .doTest();
  }

  /** A write in a {@code finally} that runs after the force. */
  @Test
  void flagsWriteInFinallyAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] body, byte[] footer) throws IOException {",
            "    FileOutputStream out = new FileOutputStream(tmp);",
            "    try {",
            "      out.write(body);",
            "      out.getFD().sync();",
            "    } finally {",
            "      out.write(footer);",
            "      out.close();",
            "    }",
            "    // BUG: Diagnostic contains: line 12",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** The catch path forces, the normal path does not. */
  @Test
  void flagsWhenOnlyCatchPathForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      try {",
            "        ch.write(ByteBuffer.wrap(data));",
            "      } catch (IOException e) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 16",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Write and rename inside a static initializer block. */
  @Test
  void flagsRenameInStaticInitializer() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.Paths;",
            "",
            "class A {",
            "  static {",
            "    try {",
            "      Path tmp = Paths.get(\"boot.tmp\");",
            "      Files.writeString(tmp, \"ready\");",
            "      // BUG: Diagnostic contains: line 12",
            "      Files.move(tmp, Paths.get(\"boot\"), ATOMIC_MOVE);",
            "    } catch (IOException e) {",
            "      throw new ExceptionInInitializerError(e);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** {@code Files.copy(src, tmp)} (path to path) writes {@code tmp}. */
  @Test
  void flagsPathToPathCopyThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void install(Path src, Path tmp, Path target) throws IOException {",
            "    Files.copy(src, tmp, REPLACE_EXISTING);",
            "    // BUG: Diagnostic contains: line 10",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Opening with the default {@code CREATE, TRUNCATE_EXISTING} is itself a write. */
  @Test
  void flagsTruncatingOpenWithoutWrite() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void clear(Path tmp, Path target) throws IOException {",
            "    // An empty file replaces the target.",
            "    Files.newOutputStream(tmp).close();",
            "    // BUG: Diagnostic contains: line 10",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * {@code fos.getFD().sync()} before the {@code GZIPOutputStream} over {@code fos} is finished or
   * flushed.
   */
  @Test
  void flagsFdSyncWhileGzipStreamHoldsData() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.util.zip.GZIPOutputStream;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        GZIPOutputStream gz = new GZIPOutputStream(fos)) {",
            "      gz.write(data);",
            "      fos.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 10",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** A force before a loop of writes covers none of them. */
  @Test
  void flagsForceBeforeLoopThatKeepsWriting() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {",
            "      ch.force(true);",
            "      for (ByteBuffer chunk : chunks) {",
            "        ch.write(chunk);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 17",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** Write, force and rename inside a lambda body. */
  @Test
  void quietRenameInsideLambdaAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  Runnable saver(Path tmp, Path target, ByteBuffer data) {",
            "    return () -> {",
            "      try {",
            "        try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {",
            "          ch.write(data);",
            "          ch.force(true);",
            "        }",
            "        Files.move(tmp, target, ATOMIC_MOVE);",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    };",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Every branch of a switch expression forces. */
  @Test
  void quietSwitchExpressionWhereEveryBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data, String mode) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      int forced =",
            "          switch (mode) {",
            "            case \"data\" -> {",
            "              ch.force(false);",
            "              yield 1;",
            "            }",
            "            default -> {",
            "              ch.force(true);",
            "              yield 2;",
            "            }",
            "          };",
            "      System.out.println(forced);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A {@code DataOutputStream} does not buffer: syncing {@code fos.getFD()} covers its writes. */
  @Test
  void quietWhenDataOutputStreamOverSyncedStream() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.DataOutputStream;",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, long version, byte[] data) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        DataOutputStream out = new DataOutputStream(fos)) {",
            "      out.writeLong(version);",
            "      out.writeInt(data.length);",
            "      out.write(data);",
            "      fos.getFD().sync();",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A {@code BufferedWriter} is flushed, then the descriptor is synced. */
  @Test
  void quietWhenBufferedWriterFlushedThenFdSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.OutputStreamWriter;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<String> lines) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());",
            "        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {",
            "      for (String line : lines) {",
            "        w.write(line);",
            "        w.newLine();",
            "      }",
            "      w.flush();",
            "      fos.getFD().sync();",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Nested try/finally with the force in the inner {@code finally}. */
  @Test
  void quietWhenForcedInNestedInnerFinally() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE);",
            "    try {",
            "      try {",
            "        ch.write(data);",
            "      } finally {",
            "        ch.force(true);",
            "      }",
            "    } finally {",
            "      ch.close();",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** The {@code FileDescriptor} taken before the write is synced after it. */
  @Test
  void quietWhenSavedFileDescriptorSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import java.io.File;",
            "import java.io.FileDescriptor;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "",
            "class A {",
            "  void save(File tmp, File target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      FileDescriptor fd = out.getFD();",
            "      out.write(data);",
            "      fd.sync();",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * {@code MappedByteBuffer.force()} forces a file written through a {@code READ_WRITE} mapping.
   */
  @Test
  void quietWhenMappedBufferForced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.channels.FileChannel.MapMode.READ_WRITE;",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.READ;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.MappedByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, READ, WRITE)) {",
            "      MappedByteBuffer map = ch.map(READ_WRITE, 0, data.length);",
            "      map.put(data);",
            "      map.force();",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Written, forced, then reopened with {@code APPEND} only (no write) before the move. */
  @Test
  void quietWhenReopenedForAppendWithoutWriting() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.APPEND;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(ByteBuffer.wrap(data));",
            "      ch.force(true);",
            "    }",
            "    try (OutputStream out = Files.newOutputStream(tmp, APPEND)) {",
            "      out.flush();",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * {@code Files.delete(tmp)} forgets the write; the file later moved under that name came from
   * elsewhere.
   */
  @Test
  void quietWhenWrittenFileDeletedBeforeMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void adopt(Path tmp, Path incoming, Path target, byte[] draft) throws IOException {",
            "    Files.write(tmp, draft);",
            "    Files.delete(tmp);",
            "    Files.move(incoming, tmp);",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A loop of writes followed by one force covers every iteration. */
  @Test
  void quietWhenTryWithResourcesChannelForcedOnEveryPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {",
            "      for (ByteBuffer chunk : chunks) {",
            "        ch.write(chunk);",
            "      }",
            "      ch.force(true);",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** An unforced write in a method that never renames is none of this check's business. */
  @Test
  void quietMethodWithoutRename() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardOpenOption.APPEND;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void append(Path log, String line) throws IOException {",
            "    Files.writeString(log, line + \"\\n\", CREATE, APPEND);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * A reopen-and-force while a {@code BufferedWriter} on the file still holds its text; the later
   * close only moves it to the OS.
   */
  @Test
  void flagsReopenForceWhileBufferedWriterStillOpen() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, String text) throws IOException {",
            "    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {",
            "      w.write(text);",
            "      try (FileChannel c = FileChannel.open(tmp, WRITE)) {",
            "        c.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 13",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * One branch writes and forces through a channel, the other writes with {@code Files.write} only.
   */
  @Test
  void flagsWhenOneBranchWritesWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE_NEW;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    if (data.length < 512) {",
            "      Files.write(tmp, data);",
            "    } else {",
            "      try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {",
            "        ch.write(ByteBuffer.wrap(data));",
            "        ch.force(true);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 14",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** A {@code break} leaves the loop between the write and the force. */
  @Test
  void flagsBreakSkipsForceInLoop() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      for (ByteBuffer chunk : chunks) {",
            "        ch.write(chunk);",
            "        if (!chunk.hasRemaining()) {",
            "          break;",
            "        }",
            "        ch.force(false);",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: line 17",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * {@code fos.getChannel().force(true)} does not cover bytes still in a {@code
   * BufferedOutputStream}.
   */
  @Test
  void flagsChannelForceWhileBufferedStreamHoldsWrites() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.BufferedOutputStream;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());",
            "        BufferedOutputStream out = new BufferedOutputStream(fos)) {",
            "      out.write(data);",
            "      fos.getChannel().force(true);",
            "    }",
            "    // BUG: Diagnostic contains: line 13",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A failed force is caught and ignored, and the rename still happens: FsyncFailureIgnored reports
   * the force. Forcing again before the rename, this check's fix, is the retry that can lose data.
   */
  @Test
  void quietWhenFailedForceIsSwallowedForFsyncFailureIgnored() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      try {",
            "        ch.force(true);",
            "      } catch (IOException e) {",
            "        System.err.println(\"fsync failed: \" + e);",
            "      }",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** {@code append} on a {@code BufferedWriter} is a buffered write the sync does not cover. */
  @Test
  void flagsAppendThroughBufferedWriterBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.OutputStreamWriter;",
            "",
            "class A {",
            "  void save(File tmp, File target, CharSequence text) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {",
            "      w.append(text);",
            "      fos.getFD().sync();",
            "    }",
            "    // BUG: Diagnostic contains: line 13",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .doTest();
  }

  /** {@code FileChannel.transferFrom} writes the file. */
  @Test
  void flagsTransferFromWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.READ;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path src, Path tmp, Path target) throws IOException {",
            "    try (FileChannel in = FileChannel.open(src, READ);",
            "        FileChannel out = FileChannel.open(tmp, WRITE)) {",
            "      out.transferFrom(in, 0, in.size());",
            "    }",
            "    // BUG: Diagnostic contains: line 14",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** A flush moves the bytes to the OS but does not force them. */
  @Test
  void flagsFlushWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, String text) throws IOException {",
            "    BufferedWriter w = Files.newBufferedWriter(tmp);",
            "    w.write(text);",
            "    w.flush();",
            "    w.close();",
            "    // BUG: Diagnostic contains: line 11",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /** The only path that skips the force deletes the temp and rethrows. */
  @Test
  void quietWhenCatchDeletesAndRethrows() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      ch.force(true);",
            "    } catch (IOException e) {",
            "      Files.deleteIfExists(tmp);",
            "      throw e;",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** On failure the temp is deleted and the method returns before the rename. */
  @Test
  void quietWhenCatchDeletesAndReturns() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  boolean save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {",
            "      out.write(data);",
            "      out.getFD().sync();",
            "    } catch (IOException e) {",
            "      Files.delete(tmp);",
            "      return false;",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "    return true;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * A catch that commits anyway: the write may have happened and the force not. What a call throws
   * to a handler carries the call's store, even though what it throws out of the method does not
   * matter to the check.
   */
  @Test
  void flagsRenameInCatchAfterWriteBeforeForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    try {",
            "      Files.write(tmp, data);",
            "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
            "        ch.force(true);",
            "      }",
            "    } catch (IOException e) {",
            "      // BUG: Diagnostic contains: line 12",
            "      Files.move(tmp, target, ATOMIC_MOVE);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /** Every case of an old-style switch statement, default included, forces. */
  @Test
  void quietWhenEveryCaseOfSwitchStatementForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.CREATE;",
            "import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, ByteBuffer data, int level) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {",
            "      ch.write(data);",
            "      switch (level) {",
            "        case 0:",
            "          ch.force(false);",
            "          break;",
            "        case 1:",
            "        case 2:",
            "          ch.force(true);",
            "          break;",
            "        default:",
            "          ch.force(true);",
            "      }",
            "    }",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** A {@code PrintWriter} is flushed, then the descriptor is synced. */
  @Test
  void quietWhenPrintWriterFlushedThenFdSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.charset.StandardCharsets.UTF_8;",
            "",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.io.OutputStreamWriter;",
            "import java.io.PrintWriter;",
            "import java.util.List;",
            "",
            "class A {",
            "  void save(File tmp, File target, List<String> lines) throws IOException {",
            "    try (FileOutputStream fos = new FileOutputStream(tmp);",
            "        PrintWriter pw = new PrintWriter(new OutputStreamWriter(fos, UTF_8))) {",
            "      for (String line : lines) {",
            "        pw.println(line);",
            "      }",
            "      pw.flush();",
            "      fos.getFD().sync();",
            "    }",
            "    tmp.renameTo(target);",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * The branch that skips the force returns: the rename is reached only forced. (An analysis that
   * let the return's state flow on to the next statement would flag it.)
   */
  @Test
  void quietWhenTheUnforcedBranchReturnsEarly() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  int save(Path tmp, Path target, byte[] data) throws IOException {",
            "    Files.write(tmp, data);",
            "    if (data.length == 0) {",
            "      return 0;",
            "    } else {",
            "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "    int written = data.length;",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "    return written;",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }

  /** Only the branch that returns early forces: the rename is reached unforced. */
  @Test
  void flagsWhenOnlyTheReturningBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
            "import static java.nio.file.StandardOpenOption.WRITE;",
            "",
            "import java.io.IOException;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "class A {",
            "  void save(Path tmp, Path target, byte[] data) throws IOException {",
            "    Files.write(tmp, data);",
            "    if (data.length == 0) {",
            "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
            "        ch.force(true);",
            "      }",
            "      return;",
            "    }",
            "    int written = data.length;",
            "    // BUG: Diagnostic contains: line 11",
            "    Files.move(tmp, target, ATOMIC_MOVE);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Facts cross many top-level statements, loops and try/finally blocks between the write and the
   * rename: long enough to be analysed in segments.
   */
  @Test
  void flagsAcrossALongMethod() {
    java.util.List<String> lines =
        new java.util.ArrayList<>(
            java.util.List.of(
                "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
                "import static java.nio.file.StandardOpenOption.WRITE;",
                "",
                "import java.io.IOException;",
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.Files;",
                "import java.nio.file.Path;",
                "",
                "class A {",
                "  void save(Path dir, byte[] data) throws IOException {",
                "    Path early = dir.resolve(\"early.tmp\");",
                "    Path forced = dir.resolve(\"forced.tmp\");",
                "    Files.write(early, data);",
                "    Files.write(forced, data);",
                "    int total = 0;"));
    for (int i = 0; i < 150; i++) {
      lines.add("    try {");
      lines.add("      for (int k = 0; k < data.length; k++) {");
      lines.add("        total += data[k] * " + i + ";");
      lines.add("      }");
      lines.add("    } finally {");
      lines.add("      total++;");
      lines.add("    }");
      if (i == 75) {
        lines.add("    try (FileChannel ch = FileChannel.open(forced, WRITE)) {");
        lines.add("      ch.force(true);");
        lines.add("    }");
      }
    }
    lines.add("    Files.move(forced, dir.resolve(\"forced\"), ATOMIC_MOVE);");
    lines.add("    // BUG: Diagnostic contains: line 13");
    lines.add("    Files.move(early, dir.resolve(\"early\"), ATOMIC_MOVE);");
    lines.add("  }");
    lines.add("}");
    compilationTestHelper.addSourceLines("A.java", lines.toArray(new String[0])).doTest();
  }

  /**
   * A class around {@code body}, which starts on line 10 inside {@code save(Path tmp, Path target,
   * byte[] data)}; line 11 of the class is line 2 of the body, and so on.
   */
  private static String[] saveMethod(String... body) {
    java.util.List<String> lines =
        new java.util.ArrayList<>(
            java.util.List.of(
                "import static java.nio.file.StandardOpenOption.WRITE;",
                "import java.io.BufferedWriter;",
                "import java.io.IOException;",
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.Files;",
                "import java.nio.file.Path;",
                "",
                "class A {",
                "  void save(Path tmp, Path target, byte[] data) throws IOException {"));
    lines.addAll(java.util.List.of(body));
    lines.add("  }");
    lines.add("}");
    return lines.toArray(new String[0]);
  }

  private void flags(String... body) {
    compilationTestHelper.addSourceLines("A.java", saveMethod(body)).doTest();
  }

  /** Never forced: the message says so, not merely "not on every path". */
  @Test
  void saysNeverForcedWhenNoPathForces() {
    flags(
        "    Files.write(tmp, data);",
        "    // BUG: Diagnostic contains: `tmp` is renamed before the write on line 10 was forced"
            + " to disk (never forced on any path): after a power loss",
        "    Files.move(tmp, target);");
  }

  /** Written on one branch, forced on none: a path that does not write has nothing forced. */
  @Test
  void saysNeverForcedWhenOnlyOneBranchWrites() {
    flags(
        "    if (data.length > 0) {",
        "      Files.write(tmp, data);",
        "    }",
        "    // BUG: Diagnostic contains: line 11 was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** Forced on one branch of a data-dependent condition: the message names that force. */
  @Test
  void namesTheForceABranchSkips() {
    flags(
        "    Files.write(tmp, data);",
        "    if (data.length > 4096) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: line 10 was forced to disk (forced on line 13 on some"
            + " paths only): after",
        "    Files.move(tmp, target);");
  }

  /** A loop that forces can run zero times. */
  @Test
  void namesTheForceOfALoopThatMayNotRun() {
    flags(
        "    Files.write(tmp, data);",
        "    for (int i = 0; i < data.length; i++) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: (forced on line 13 on some paths only)",
        "    Files.move(tmp, target);");
  }

  /** Forces before each write in a loop never cover the last write: never forced, not "some". */
  @Test
  void saysNeverForcedWhenALoopForcesBeforeEachWrite() {
    flags(
        "    for (int i = 0; i < 3; i++) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "      }",
        "      Files.write(tmp, data);",
        "    }",
        "    // BUG: Diagnostic contains: line 14 was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** A failed force caught and logged leaves the file unforced on the catch's path. */
  @Test
  void namesTheForceACatchSkips() {
    flags(
        "    Files.write(tmp, data);",
        "    try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "      ch.force(true);",
        "    } catch (IOException e) {",
        "      System.err.println(\"not forced: \" + e);",
        "    }",
        "    // BUG: Diagnostic contains: line 10 was forced to disk (forced on line 12 on some"
            + " paths only)",
        "    Files.move(tmp, target);");
  }

  /** A write in a try whose catch goes on: no path forces. */
  @Test
  void saysNeverForcedWhenACatchFollowsTheWrite() {
    flags(
        "    try {",
        "      Files.write(tmp, data);",
        "    } catch (IOException e) {",
        "      System.err.println(e);",
        "    }",
        "    // BUG: Diagnostic contains: line 11 was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** A retry loop leaves by its break once forced, or unforced when every attempt failed. */
  @Test
  void namesTheForceOfARetryLoop() {
    flags(
        "    Files.write(tmp, data);",
        "    for (int attempt = 0; attempt < 3; attempt++) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "        break;",
        "      } catch (IOException e) {",
        "        System.err.println(\"retrying: \" + e);",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: (forced on line 13 on some paths only)",
        "    Files.move(tmp, target);");
  }

  /** The early return renames before the force that the rest of the method does. */
  @Test
  void saysNeverForcedOnAnEarlyReturnBeforeTheForce() {
    flags(
        "    Files.write(tmp, data);",
        "    if (data.length < 4096) {",
        "      // BUG: Diagnostic contains: line 10 was forced to disk (never forced on any path)",
        "      Files.move(tmp, target);",
        "      return;",
        "    }",
        "    try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "      ch.force(true);",
        "    }",
        "    Files.move(tmp, target);");
  }

  /** A force on a path that returns does not reach the rename after it: never forced there. */
  @Test
  void saysNeverForcedAfterAnEarlyReturnThatForces() {
    flags(
        "    Files.write(tmp, data);",
        "    if (data.length > 4096) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "      }",
        "      Files.move(tmp, target);",
        "      return;",
        "    }",
        "    // BUG: Diagnostic contains: line 10 was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** Bytes still in a Java buffer: never flushed and forced. */
  @Test
  void saysNeverFlushedAndForcedForABufferedWrite() {
    flags(
        "    BufferedWriter w = Files.newBufferedWriter(tmp);",
        "    w.write(data.length);",
        "    // BUG: Diagnostic contains: the write on line 11 left its Java buffer, let alone"
            + " reached the disk (never flushed and forced on any path): after",
        "    Files.move(tmp, target);");
  }
}
