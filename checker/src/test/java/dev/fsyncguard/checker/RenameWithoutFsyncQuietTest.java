package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutFsync}: the rows of the public case table that must stay quiet
 * ("Quiet N"), and their near misses that must not.
 *
 * <p>A flagged rename carries {@code // BUG: Diagnostic contains: line N} where {@code N} is the
 * line of the last write that reaches the rename without having been forced to disk.
 */
class RenameWithoutFsyncQuietTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /** Quiet 1: {@code out.getFD().sync()} before the stream is closed. */
  @Test
  void quietWhenFdSyncedBeforeClose() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    if (!tmp.renameTo(target)) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 1: {@code out.getChannel().force(true)} before the stream is closed. */
  @Test
  void quietWhenChannelOfStreamForcedBeforeClose() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                      out.write(data);
                      out.getChannel().force(true);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 2: {@code ch.force(false)} forces the data, which is all the rename needs. */
  @Test
  void quietWhenDataOnlyForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      ch.force(false);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: a channel opened with {@code SYNC} never leaves the file dirty. */
  @Test
  void quietWhenChannelOpenedWithSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch =
                        FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE, SYNC)) {
                      ch.write(data);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Found in JGit's PatchApplier: a loop variable names a new file each time round. */
  @Test
  void quietWhenLoopWritesOneFileAndRenamesAnother() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void apply(File dir, List<String> names, boolean rename) throws IOException {
                    for (String n : names) {
                      File src = new File(dir, n);
                      if (!rename) {
                        Files.writeString(src.toPath(), "x");
                      } else {
                        src.renameTo(new File(dir, n + ".new"));
                      }
                    }
                    for (String n : names) {
                      Path p = Path.of(n);
                      if (!rename) {
                        Files.writeString(p, "x");
                      } else {
                        Files.move(p, Path.of(n + ".new"), StandardCopyOption.ATOMIC_MOVE);
                      }
                    }
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: the options may come as a set; {@code DSYNC} among them is seen. */
  @Test
  void quietWhenChannelOpenedWithDsyncInOptionSet() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(CREATE, WRITE, DSYNC))) {
                      ch.write(data);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data, OpenOption... options) throws IOException {
                    Files.write(tmp, data, options);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** The same options spelled out without SYNC are seen, and the write is reported. */
  @Test
  void flagsWhenVisibleOptionSetLacksSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, Set.of(CREATE, WRITE))) {
                      ch.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet 3: {@code Files.newOutputStream} with {@code DSYNC} never leaves the file dirty. */
  @Test
  void quietWhenOutputStreamOpenedWithDsync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (OutputStream out =
                        Files.newOutputStream(tmp, CREATE, TRUNCATE_EXISTING, WRITE, DSYNC)) {
                      out.write(data);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code Files.write(..., DSYNC)}. */
  @Test
  void quietWhenFilesWriteWithDsync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data, CREATE, TRUNCATE_EXISTING, WRITE, DSYNC);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code RandomAccessFile} mode {@code "rws"}. */
  @Test
  void quietWhenRandomAccessFileModeRws() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (RandomAccessFile raf = new RandomAccessFile(tmp, "rws")) {
                      raf.write(data);
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 3: {@code RandomAccessFile} mode {@code "rwd"}. */
  @Test
  void quietWhenRandomAccessFileModeRwd() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (RandomAccessFile raf = new RandomAccessFile(tmp, "rwd")) {
                      raf.writeInt(data.length);
                      raf.write(data);
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: log rotation renames files this method never wrote. */
  @Test
  void quietLogRotation() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void rotate(Path log, int keep) throws IOException {
                    for (int i = keep - 1; i > 0; i--) {
                      Path older = log.resolveSibling(log.getFileName() + "." + i);
                      if (Files.exists(older)) {
                        Path newer = log.resolveSibling(log.getFileName() + "." + (i + 1));
                        Files.move(older, newer, REPLACE_EXISTING);
                      }
                    }
                    Files.move(log, log.resolveSibling(log.getFileName() + ".1"));
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: quarantining a user's file renames a file this method never wrote. */
  @Test
  void quietQuarantineOfUserFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void quarantine(File upload, File quarantineDir) throws IOException {
                    File dest = new File(quarantineDir, upload.getName() + ".quarantined");
                    if (!upload.renameTo(dest)) {
                      throw new IOException("Cannot quarantine " + upload);
                    }
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 4: the moved file was only read ({@code Files.readAllBytes}). */
  @Test
  void quietMoveAfterOnlyReading() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void triage(Path tmp, Path accepted, Path rejected) throws IOException {
                    byte[] bytes = Files.readAllBytes(tmp);
                    if (bytes.length > 0 && bytes[0] == '{') {
                      Files.move(tmp, accepted, ATOMIC_MOVE);
                    } else {
                      Files.move(tmp, rejected, REPLACE_EXISTING);
                    }
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 5: the {@code BufferedOutputStream} is flushed before the descriptor is synced. */
  @Test
  void quietWhenBufferedStreamFlushedBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        BufferedOutputStream out = new BufferedOutputStream(fos)) {
                      out.write(data);
                      out.flush();
                      fos.getFD().sync();
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 5: {@code Properties.store} writes and flushes, then the descriptor is synced. */
  @Test
  void quietWhenPropertiesStoreFlushesBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, Properties props) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                      props.store(out, "settings");
                      out.getFD().sync();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, Properties props) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        OutputStreamWriter w = new OutputStreamWriter(fos, UTF_8)) {
                      props.store(w, null);
                      fos.getFD().sync();
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, String text) throws IOException {
                    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                      w.write(text);
                    }
                    try (FileChannel c = FileChannel.open(tmp, WRITE)) {
                      c.force(true);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 7: {@code force(true)} on one branch, {@code force(false)} on the other. */
  @Test
  void quietWhenEveryBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] payload) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(ByteBuffer.wrap(payload));
                      if (payload.length > 4096) {
                        ch.force(true);
                      } else {
                        ch.force(false);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 8: {@code other} is written, {@code tmp} is moved. */
  @Test
  void quietWhenWrittenFileIsNotMovedFile() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path other, Path target, byte[] data) throws IOException {
                    Files.write(other, data);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void publish(File dir, byte[] index) throws IOException {
                    File tmp = new File(dir, "data.tmp");
                    File idx = new File(dir, "index");
                    try (FileOutputStream out = new FileOutputStream(idx)) {
                      out.write(index);
                    }
                    tmp.renameTo(new File(dir, "data"));
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 9: {@code @SuppressWarnings("RenameWithoutFsync")} on the method. */
  @Test
  void quietInsideSuppressWarningsOnMethod() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  @SuppressWarnings("RenameWithoutFsync")
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 9: {@code @SuppressWarnings("RenameWithoutFsync")} on the enclosing class. */
  @Test
  void quietInsideSuppressWarningsOnClass() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                @SuppressWarnings("RenameWithoutFsync")
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10: {@code if (fsync) fos.getFD().sync();} with {@code fsync} a boolean parameter. */
  @Test
  void quietWhenDurabilityLeftToBooleanParameter() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data, boolean fsync) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp)) {
                      fos.write(data);
                      if (fsync) {
                        fos.getFD().sync();
                      }
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10: {@code if (fsync) ch.force(true);} with {@code fsync} a boolean field. */
  @Test
  void quietWhenDurabilityLeftToBooleanField() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  private final boolean fsync;

                  A(boolean fsync) {
                    this.fsync = fsync;
                  }

                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      if (fsync) {
                        ch.force(true);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Quiet 10 under {@code Strict=true}: the boolean parameter switch is reported. */
  @Test
  void strictFlagReportsDurabilitySwitch() {
    compilationTestHelper
        .setArgs(TestSources.STRICT)
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data, boolean fsync) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp)) {
                      fos.write(data); // @write
                      if (fsync) {
                        fos.getFD().sync();
                      }
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet 10 under {@code Strict=true}: the boolean field switch is reported. */
  @Test
  void strictFlagReportsDurabilitySwitchOnField() {
    compilationTestHelper
        .setArgs(TestSources.STRICT)
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  private final boolean fsync;

                  A(boolean fsync) {
                    this.fsync = fsync;
                  }

                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data); // @write
                      if (fsync) {
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

  /** Under {@code Strict=true} an unconditional force is still quiet. */
  @Test
  void strictFlagKeepsForcedRenameQuiet() {
    compilationTestHelper
        .setArgs(TestSources.STRICT)
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      ch.force(true);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A boolean local computed from the data is not a durability switch: reported without Strict. */
  @Test
  void flagsBooleanLocalComputedFromData() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] payload) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(ByteBuffer.wrap(payload)); // @write
                      boolean big = payload.length > 4096;
                      if (big) {
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

  /**
   * Quiet 11: only metadata ({@code Files.size}, {@code setLastModifiedTime}) is touched before the
   * move.
   */
  @Test
  void quietWhenOnlyMetadataTouched() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                import java.nio.file.attribute.FileTime;
                import java.time.Instant;
                class A {
                  void archive(Path file, Path archiveDir) throws IOException {
                    if (Files.size(file) == 0) {
                      return;
                    }
                    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                    Files.move(file, archiveDir.resolve(file.getFileName()), REPLACE_EXISTING);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Quiet: the {@code finally} renames only where {@code success} is set, after the force: the
   * paths that threw before it never rename.
   */
  @Test
  void quietWhenFinallyRenamesOnlyAfterTheForceSucceeded() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    FileOutputStream out = new FileOutputStream(tmp);
                    boolean success = false;
                    try {
                      out.write(data);
                      out.getFD().sync();
                      out.close();
                      success = true;
                    } finally {
                      if (success) {
                        tmp.renameTo(target);
                      } else {
                        tmp.delete();
                      }
                    }
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }
}
