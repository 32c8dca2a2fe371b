package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link NonAtomicReplace}: the public case table of what must be flagged and what must
 * stay quiet, including the tricky quiet cases (files not written here, renameTo alone, fallbacks
 * that fail or rethrow, options the check cannot read).
 */
final class NonAtomicReplaceTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(NonAtomicReplace.class, getClass());

  /**
   * Flag: {@code REPLACE_EXISTING} without {@code ATOMIC_MOVE}: the JDK deletes the target, then
   * renames.
   */
  @Test
  void flagsMoveWithReplaceExistingWithoutAtomicMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    // BUG: Diagnostic contains: without ATOMIC_MOVE
                    Files.move(tmp, target, REPLACE_EXISTING);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the same, with the option qualified, and the file written by {@code Properties.store}.
   */
  @Test
  void flagsQualifiedReplaceExisting() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, Properties properties) throws IOException {
                    File tmp = new File(target.getPath() + ".tmp");
                    try (OutputStream out = new FileOutputStream(tmp)) {
                      properties.store(out, null);
                      out.flush();
                    }
                    // BUG: Diagnostic contains: `target.toPath()`
                    Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the target deleted, then the file moved onto it (no options needed). */
  @Test
  void flagsDeleteIfExistsThenMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.deleteIfExists(target); // @delete
                    // BUG: Diagnostic contains: deleted on line @delete
                    Files.move(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: even with {@code ATOMIC_MOVE}, a delete before it leaves a moment with no file. */
  @Test
  void flagsDeleteThenAtomicMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.delete(target);
                    // BUG: Diagnostic contains: Drop the delete
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: {@code if (target.exists()) target.delete();} then {@code renameTo}: deleted on some
   * path.
   */
  @Test
  void flagsIfExistsDeleteThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    if (target.exists()) {
                      target.delete(); // @delete
                    }
                    // BUG: Diagnostic contains: `target` is deleted on line @delete
                    if (!tmp.renameTo(target)) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the retry after a failed {@code renameTo} that first deletes the target (written for
   * Windows).
   */
  @Test
  void flagsDeleteAndRetryAfterFailedRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    if (!tmp.renameTo(target)) {
                      target.delete(); // @delete
                      // BUG: Diagnostic contains: deleted on line @delete
                      if (!tmp.renameTo(target)) {
                        throw new IOException("rename failed");
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: a handler of {@code AtomicMoveNotSupportedException} that replaces the target
   * non-atomically.
   */
  @Test
  void flagsFallbackAfterAtomicMoveNotSupported() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    try {
                      Files.move(tmp, target, ATOMIC_MOVE); // @move
                    } catch (AtomicMoveNotSupportedException e) {
                      // BUG: Diagnostic contains: When the atomic move on line @move fails
                      Files.move(tmp, target, REPLACE_EXISTING);
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the same fallback in a handler of {@code IOException}, which catches the unsupported move
   * too.
   */
  @Test
  void flagsFallbackInHandlerOfIoException() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    try {
                      Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
                    } catch (IOException e) {
                      // BUG: Diagnostic contains: by copying over it
                      Files.copy(tmp, target, REPLACE_EXISTING);
                      Files.delete(tmp);
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: a fallback that deletes the target, then moves without options. */
  @Test
  void flagsFallbackThatDeletesFirst() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    try {
                      Files.move(tmp, target, ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                      Files.deleteIfExists(target);
                      // BUG: Diagnostic contains: after deleting it
                      Files.move(tmp, target);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: {@code Files.copy(tmp, target, REPLACE_EXISTING)} as the publishing step. */
  @Test
  void flagsCopyOverTarget() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    force(tmp);
                    // BUG: Diagnostic contains: Files.copy with REPLACE_EXISTING replaces `target`
                    Files.copy(tmp, target, REPLACE_EXISTING);
                    Files.delete(tmp);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the same shapes inside a lambda. */
  @Test
  void flagsInLambda() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  Callable<Void> saver(Path target, String s) {
                    return () -> {
                      Path tmp = target.resolveSibling("state.tmp");
                      Files.writeString(tmp, s);
                      // BUG: Diagnostic contains: without ATOMIC_MOVE
                      Files.move(tmp, target, REPLACE_EXISTING);
                      return null;
                    };
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the file written by a helper of the same compilation. */
  @Test
  void flagsWrittenBySummarisedHelper() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    writeTo(tmp, s);
                    // BUG: Diagnostic contains: without ATOMIC_MOVE
                    Files.move(tmp, target, REPLACE_EXISTING);
                  }

                  private static void writeTo(Path file, String s) throws IOException {
                    try (Writer w = Files.newBufferedWriter(file)) {
                      w.write(s);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: {@code ATOMIC_MOVE} with {@code REPLACE_EXISTING}. */
  @Test
  void quietWithAtomicMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    force(tmp);
                    Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: moves of files not written in the method (log rotation, archiving, quarantine). */
  @Test
  void quietRotationOfFileNotWrittenHere() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void rotate(Path log, Path archive, Path quarantine) throws IOException {
                    Files.deleteIfExists(archive);
                    Files.move(log, archive, REPLACE_EXISTING);
                    Files.copy(archive, quarantine, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /**
   * A file forced here and then moved is being committed, though written elsewhere: the force shows
   * the intent, so the replace's atomicity is judged.
   */
  @Test
  void flagsNonAtomicReplaceOfFileForcedHere() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void archive(Path log, Path archive) throws IOException {
                    dev.fsyncguard.durable.DurableFiles.force(log);
                    // BUG: Diagnostic contains: without ATOMIC_MOVE
                    Files.move(log, archive, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: {@code File.renameTo} with no delete of the target before it: {@code rename(2)} is
   * atomic.
   */
  @Test
  void quietRenameToWithoutDelete() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
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
        .doTest();
  }

  /** Quiet: a move with no options fails on an existing target instead of replacing it. */
  @Test
  void quietMoveWithoutOptions() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void create(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the delete removes another file, and the temp after a failure. */
  @Test
  void quietDeleteOfAnotherFile() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, Path old, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.deleteIfExists(old);
                    try {
                      Files.writeString(tmp, s);
                      Files.move(tmp, target, ATOMIC_MOVE);
                    } finally {
                      Files.deleteIfExists(tmp);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the target is deleted, then written again: it exists when the file is renamed onto it.
   */
  @Test
  void quietDeleteThenWrittenAgain() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Files.deleteIfExists(target);
                    Files.writeString(target, "");
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: options passed as an array are not judged. */
  @Test
  void quietOptionsNotSpelledOut() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s, CopyOption... options) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, options);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: a fallback without {@code REPLACE_EXISTING} fails on an existing target; one that
   * rethrows.
   */
  @Test
  void quietFallbackThatFails() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, Path other, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    try {
                      Files.move(tmp, target, ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                      Files.move(tmp, target);
                    }
                    Path tmp2 = other.resolveSibling("other.tmp");
                    Files.writeString(tmp2, s);
                    try {
                      Files.move(tmp2, other, ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                      throw new IOException("cannot replace " + other + " atomically", e);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: a helper that only moves files it is given; the fallback publishes nothing written here.
   */
  @Test
  void quietFallbackOfFileNotWrittenHere() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  static void moveWithFallback(Path source, Path target) throws IOException {
                    try {
                      Files.move(source, target, ATOMIC_MOVE);
                    } catch (IOException e) {
                      Files.move(source, target, REPLACE_EXISTING);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a copy without {@code REPLACE_EXISTING}, and a stream copied onto the target. */
  @Test
  void quietCopyThatReplacesNothing() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, Path backup, InputStream in) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, "x");
                    Files.copy(tmp, backup);
                    Files.copy(in, target, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: {@code @SuppressWarnings("NonAtomicReplace")}. */
  @Test
  void quietWhenSuppressed() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  @SuppressWarnings("NonAtomicReplace")
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: atomic replaces in an anonymous class and a record; no crash on either. */
  @Test
  void quietInAnonymousClassAndRecord() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  record Saver(Path target) {
                    void save(String s) throws IOException {
                      Path tmp = target.resolveSibling("state.tmp");
                      Files.writeString(tmp, s);
                      Files.move(tmp, target, ATOMIC_MOVE);
                    }
                  }

                  Callable<Path> saver(Path target) {
                    return new Callable<Path>() {
                      @Override
                      public Path call() throws IOException {
                        Path tmp = target.resolveSibling("state.tmp");
                        Files.writeString(tmp, "x");
                        return switch (target.getNameCount()) {
                          case 0 -> tmp;
                          default -> Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
                        };
                      }
                    };
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag at the caller that wrote the file: its own rename helper deletes the target and renames
   * again when {@code renameTo} fails (HDFS's {@code NNStorage}-style retry).
   */
  @Test
  void flagsSaveThroughAHelperThatDeletesTheTargetAndRetries() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    // BUG: Diagnostic contains: `replace(…)` can replace `target` in two steps
                    replace(tmp, target);
                  }

                  static void replace(File src, File dst) throws IOException {
                    if (!src.renameTo(dst)) {
                      if (!dst.delete() || !src.renameTo(dst)) {
                        throw new IOException("could not rename " + src + " to " + dst);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag at the caller that wrote the file: its own move helper falls back to {@code
   * REPLACE_EXISTING} when the atomic move fails.
   */
  @Test
  void flagsSaveThroughAHelperThatFallsBackToANonAtomicMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data);
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    // BUG: Diagnostic contains: `moveWithFallback(…)` can replace `target` in two steps
                    moveWithFallback(tmp, target);
                  }

                  static void moveWithFallback(Path source, Path target) throws IOException {
                    try {
                      Files.move(source, target, ATOMIC_MOVE);
                    } catch (IOException e) {
                      Files.move(source, target, REPLACE_EXISTING);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the same helpers for a file the caller neither wrote nor forced (a rotation), and an
   * atomic helper for a file it wrote.
   */
  @Test
  void quietHelpersThatReplaceInTwoStepsForFilesNotSavedHereAndAtomicHelpers() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void rotate(File log, File archive) throws IOException {
                    replace(log, archive);
                  }

                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data);
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    moveAtomically(tmp, target);
                  }

                  static void replace(File src, File dst) throws IOException {
                    if (!src.renameTo(dst)) {
                      if (!dst.delete() || !src.renameTo(dst)) {
                        throw new IOException("could not rename " + src + " to " + dst);
                      }
                    }
                  }

                  static void moveAtomically(Path source, Path target) throws IOException {
                    Files.move(source, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }
}
