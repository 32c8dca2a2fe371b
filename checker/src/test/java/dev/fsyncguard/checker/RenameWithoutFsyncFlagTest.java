package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutFsync}: the rows of the public case table it must flag ("Flag N"),
 * each a save that renames a file whose data can still be lost.
 *
 * <p>A flagged rename carries {@code // BUG: Diagnostic contains: line N} where {@code N} is the
 * line of the last write that reaches the rename without having been forced to disk.
 */
class RenameWithoutFsyncFlagTest {
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
            TestSources.source(
                """
                class A {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                    try {
                      Files.writeString(tmp, s); // @write
                      // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write
                      Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
                    } finally {
                      Files.deleteIfExists(tmp);
                    }
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(File dir, byte[] data) throws IOException {
                    File tmp = new File(dir, "state.tmp");
                    File target = new File(dir, "state");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 2: as above, with the result of {@code renameTo} tested in an {@code if}. */
  @Test
  void flagsFileOutputStreamThenRenameToTestedInIf() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    if (!tmp.renameTo(target)) {
                      throw new IOException("Cannot rename " + tmp + " to " + target);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag 3: {@code Files.newBufferedWriter} filled in a loop, then {@code Files.move}. */
  @Test
  void flagsBufferedWriterFilledInLoopThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.marked(
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
                "        w.write(line + \"\\n\"); // @write",
                "      }",
                "    }",
                "    // BUG: Diagnostic contains: line @write",
                "    Files.move(tmp, target, REPLACE_EXISTING);",
                "  }",
                "}"))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                      for (ByteBuffer chunk : chunks) {
                        while (chunk.hasRemaining()) {
                          ch.write(chunk); // @write
                        }
                      }
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 5: a {@code RandomAccessFile} opened {@code "rw"} and written, then {@code renameTo}. */
  @Test
  void flagsRandomAccessFileRwThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (RandomAccessFile raf = new RandomAccessFile(tmp, "rw")) {
                      raf.seek(0);
                      raf.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(File target, String text) throws IOException {
                    File tmp = File.createTempFile("state", ".tmp", target.getParentFile());
                    try (FileWriter w = new FileWriter(tmp, UTF_8)) {
                      w.write(text); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 7: {@code Files.copy(InputStream, tmp, REPLACE_EXISTING)}, then {@code Files.move}. */
  @Test
  void flagsCopyFromInputStreamThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void download(InputStream in, Path tmp, Path target) throws IOException {
                    Files.copy(in, tmp, REPLACE_EXISTING); // @write
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, Object state) throws IOException {
                    OutputStream raw = Files.newOutputStream(tmp);
                    try (ObjectOutputStream out = new ObjectOutputStream(raw)) {
                      out.writeObject(state); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        BufferedOutputStream out = new BufferedOutputStream(fos)) {
                      out.write(data); // @write
                      fos.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, String text) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {
                      w.write(text); // @write
                      fos.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, List<String> lines) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        PrintWriter pw = new PrintWriter(fos)) {
                      for (String line : lines) {
                        pw.println(line); // @write
                      }
                      fos.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 10: a trailer appended after {@code ch.force(true)}. */
  @Test
  void flagsWriteAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer body, ByteBuffer trailer)
                      throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(body);
                      ch.force(true);
                      ch.write(trailer); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 11: the force happens only when {@code payload.length > 4096}. */
  @Test
  void flagsForceOnlyOnDataDependentBranch() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] payload) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(ByteBuffer.wrap(payload)); // @write
                      if (payload.length > 4096) {
                        ch.force(true);
                      }
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 12: the synced stream is the journal's; the renamed data file is never synced. */
  @Test
  void flagsWhenOnlyTheJournalIsSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void commit(Path journal, Path tmp, Path target, byte[] entry, byte[] data)
                      throws IOException {
                    try (FileOutputStream log = new FileOutputStream(journal.toFile(), true);
                        FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                      log.write(entry);
                      out.write(data); // @write
                      log.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 13: the target is forced after the rename, which leaves the crash window open. */
  @Test
  void flagsTargetForcedOnlyAfterRename() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(ByteBuffer.wrap(data)); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                    try (FileChannel ch = FileChannel.open(target, WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag 14: written through a {@code File}, moved as {@code tmpFile.toPath()}. */
  @Test
  void flagsWrittenAsFileMovedAsToPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmpFile, Path target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmpFile)) {
                      out.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmpFile.toPath(), target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag 14: written through a {@code Path}, renamed with {@code tmp.toFile().renameTo(...)}. */
  @Test
  void flagsWrittenAsPathRenamedThroughToFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, File target, byte[] data) throws IOException {
                    Files.write(tmp, data); // @write
                    // BUG: Diagnostic contains: line @write
                    if (!tmp.toFile().renameTo(target)) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag 15: every iteration of a loop writes a temp file and renames it. */
  @Test
  void flagsLoopWritingAndRenamingEachTemp() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void saveAll(Path dir, Map<String, byte[]> files) throws IOException {
                    for (Map.Entry<String, byte[]> e : files.entrySet()) {
                      Path tmp = dir.resolve(e.getKey() + ".tmp");
                      Files.write(tmp, e.getValue()); // @write
                      // BUG: Diagnostic contains: line @write
                      Files.move(tmp, dir.resolve(e.getKey()), ATOMIC_MOVE);
                    }
                  }
                }
                """))
        .doTest();
  }
}
