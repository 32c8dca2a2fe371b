package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link FsyncFailureIgnored}: the public case table of what must be flagged and what
 * must stay quiet, including the tricky quiet cases (handlers that rethrow, return failure, abandon
 * the temp, or set a flag the rename depends on; best-effort forces with nothing published after
 * them).
 */
final class FsyncFailureIgnoredTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(FsyncFailureIgnored.class, getClass());

  /** Flag: the force's failure is logged, and the file is renamed anyway. */
  @Test
  void flagsLoggedFailureThenRename() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, ByteBuffer data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                      ch.write(data);
                      try {
                        // BUG: Diagnostic contains: published on line @publish
                        ch.force(true);
                      } catch (IOException e) {
                        LOG.warning("fsync failed: " + e);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE); // @publish
                  }
                }
                """))
        .doTest();
  }

  /** Flag: an empty handler of {@code SyncFailedException}, then {@code renameTo}. */
  @Test
  void flagsEmptyHandlerThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getPath() + ".tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      try {
                        // BUG: Diagnostic contains: FsyncFailureIgnored
                        out.getFD().sync();
                      } catch (SyncFailedException ignored) {
                      }
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the handler sets a local that nothing reads, and prints the trace. */
  @Test
  void flagsFlagNothingReads() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    boolean failed = false;
                    try {
                      // BUG: Diagnostic contains: FsyncFailureIgnored
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      failed = true;
                      e.printStackTrace();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the handler forces again: the retry is reported. */
  @Test
  void flagsRetryInHandler() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, ByteBuffer data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                      ch.write(data);
                      try {
                        ch.force(true); // @force
                      } catch (IOException e) {
                        LOG.warning("fsync failed, retrying: " + e);
                        // BUG: Diagnostic contains: retries the one on line @force
                        ch.force(true);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: a loop that leaves when the force succeeds and goes round when it fails. */
  @Test
  void flagsRetryLoop() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void sync(FileChannel ch) throws IOException {
                    for (int attempt = 0; attempt < 3; attempt++) {
                      try {
                        // BUG: Diagnostic contains: retried in a loop
                        ch.force(true);
                        break;
                      } catch (IOException e) {
                        LOG.warning("fsync failed, attempt " + attempt);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the directory's force fails silently, and the method returns as if the rename were
   * durable.
   */
  @Test
  void flagsSwallowedDirectoryForce() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    DurableFiles.force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE); // @rename
                    try {
                      // BUG: Diagnostic contains: returns as if the rename on line @rename
                      DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
                    } catch (IOException e) {
                      LOG.warning("directory fsync failed: " + e);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: forcing again after the failure was let go does not bring the data back: the first force
   * is reported.
   */
  @Test
  void flagsForceAgainAfterTheSwallowedFailure() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, ByteBuffer data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                      ch.write(data);
                      try {
                        // BUG: Diagnostic contains: FsyncFailureIgnored
                        ch.force(true);
                      } catch (IOException e) {
                        LOG.warning("fsync failed: " + e);
                      }
                      ch.force(true);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: a handler of {@code Exception}, and one of {@code RuntimeException} around a mapping's
   * force.
   */
  @Test
  void flagsHandlerOfExceptionAndOfUncheckedFailures() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      // BUG: Diagnostic contains: FsyncFailureIgnored
                      DurableFiles.force(tmp);
                    } catch (Exception e) {
                      LOG.warning("fsync failed: " + e);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  void saveMapped(Path target, int size) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                      java.nio.MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
                      map.put(0, (byte) 1);
                      try {
                        // BUG: Diagnostic contains: FsyncFailureIgnored
                        map.force();
                      } catch (UncheckedIOException e) {
                        LOG.warning("msync failed: " + e);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the directory's force fails silently, and the method returns success. */
  @Test
  void flagsSwallowedDirectoryForceInAMethodThatReturnsSuccess() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  boolean save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    DurableFiles.force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE); // @rename
                    try {
                      // BUG: Diagnostic contains: returns as if the rename on line @rename
                      DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
                    } catch (IOException e) {
                      LOG.warning("directory fsync failed: " + e);
                    }
                    return true;
                  }
                }
                """))
        .doTest();
  }

  /** Flag: a retry of a method that {@code FsyncMethods} declares a force. */
  @Test
  void flagsRetryOfAForceNamedByTheBuild() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  static void flushFile(Path file) throws IOException {}

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      flushFile(tmp); // @force
                    } catch (IOException e) {
                      // BUG: Diagnostic contains: retries the one on line @force
                      flushFile(tmp);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .setArgs("-XepOpt:RenameWithoutFsync:FsyncMethods=Store#flushFile")
        .doTest();
  }

  /** Quiet: the handler rethrows, wrapped or not. */
  @Test
  void quietHandlerRethrows() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      LOG.warning("fsync failed: " + e);
                      throw new UncheckedIOException(e);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the handler returns failure to the caller. */
  @Test
  void quietHandlerReturnsFailure() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  boolean save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      return false;
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                    return true;
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the handler deletes the temp file and aborts the commit. */
  @Test
  void quietHandlerAbandonsTheTemp() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      Files.deleteIfExists(tmp);
                      return;
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the handler sets a flag that decides whether to rename. */
  @Test
  void quietFlagReadLater() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    boolean forced = true;
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      forced = false;
                    }
                    if (forced) {
                      Files.move(tmp, target, ATOMIC_MOVE);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: best-effort forces with nothing published afterwards (closing, flushing a list of
   * files).
   */
  @Test
  void quietBestEffortCleanup() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void close(FileChannel ch) {
                    try {
                      ch.force(true);
                    } catch (IOException e) {
                      LOG.warning("fsync on close failed: " + e);
                    }
                  }

                  void flushAll(List<Path> files) {
                    for (Path file : files) {
                      try {
                        DurableFiles.force(file);
                      } catch (IOException e) {
                        LOG.warning("fsync of " + file + " failed");
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a force whose failure propagates, and a handler that hands the failure on. */
  @Test
  void quietForceNotCaughtOrHandedOn() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    DurableFiles.force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  void saveReporting(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      failed(e);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  private static void failed(IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a loop whose handler rethrows is not a retry of a failed force. */
  @Test
  void quietRetryLoopThatGivesUp() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  void sync(FileChannel ch) throws IOException {
                    while (true) {
                      try {
                        ch.force(true);
                        break;
                      } catch (java.nio.channels.ClosedByInterruptException e) {
                        throw e;
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the handler gives the failure to a method that rethrows all but an interrupt (H2's
   * shape).
   */
  @Test
  void quietRetryLoopWhoseHandlerHandsTheFailureOn() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  private FileChannel channel;

                  public void force(boolean metaData) throws IOException {
                    for (int i = 0;; i++) {
                      try {
                        channel.force(metaData);
                        return;
                      } catch (IOException e) {
                        reopen(i, e);
                      }
                    }
                  }

                  private void reopen(int i, IOException e) throws IOException {
                    if (i > 20 || !(e instanceof java.nio.channels.ClosedByInterruptException)) {
                      throw e;
                    }
                    Thread.interrupted();
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: {@code @SuppressWarnings}, and forces in lambdas and records that let failures out. */
  @Test
  void quietWhenSuppressedAndInLambdas() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Logger LOG = Logger.getLogger("store");

                  @SuppressWarnings("FsyncFailureIgnored")
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      DurableFiles.force(tmp);
                    } catch (IOException e) {
                      LOG.warning("ignored: " + e);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  record Saver(Path target) {
                    java.util.concurrent.Callable<Path> saver(byte[] data) {
                      return () -> {
                        Path tmp = target.resolveSibling("state.tmp");
                        Files.write(tmp, data);
                        DurableFiles.force(tmp);
                        return switch (data.length) {
                          case 0 -> tmp;
                          default -> Files.move(tmp, target, ATOMIC_MOVE);
                        };
                      };
                    }
                  }
                }
                """))
        .doTest();
  }
}
