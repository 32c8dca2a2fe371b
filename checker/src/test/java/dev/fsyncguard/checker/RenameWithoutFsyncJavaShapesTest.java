package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutFsync} on the shapes of Java a save is written in: lambdas,
 * anonymous classes, records, switch expressions, initializers, finally blocks, loops, and the
 * buffered and unbuffered streams between the write and the descriptor.
 *
 * <p>A flagged rename carries {@code // BUG: Diagnostic contains: line N} where {@code N} is the
 * line of the last write that reaches the rename without having been forced to disk.
 */
class RenameWithoutFsyncJavaShapesTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /** Write and rename inside a lambda body. */
  @Test
  void flagsRenameInsideLambda() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  Runnable saver(Path tmp, Path target, String s) {
                    return () -> {
                      try {
                        Files.writeString(tmp, s); // @write
                        // BUG: Diagnostic contains: line @write
                        Files.move(tmp, target, ATOMIC_MOVE);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    };
                  }
                }
                """))
        .doTest();
  }

  /** Write and rename inside a method of an anonymous class. */
  @Test
  void flagsRenameInsideAnonymousClass() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  interface Sink {
                    void save(byte[] data) throws IOException;
                  }

                  Sink sink(File tmp, File target) {
                    return new Sink() {
                      @Override
                      public void save(byte[] data) throws IOException {
                        try (FileOutputStream out = new FileOutputStream(tmp)) {
                          out.write(data); // @write
                        }
                        // BUG: Diagnostic contains: line @write
                        tmp.renameTo(target);
                      }
                    };
                  }
                }
                """))
        .doTest();
  }

  /** Write and rename inside a record's compact constructor. */
  @Test
  void flagsRenameInRecordCompactConstructor() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  record Snapshot(Path tmp, Path target, byte[] data) {
                    Snapshot {
                      try {
                        Files.write(tmp, data); // @write
                        // BUG: Diagnostic contains: line @write
                        Files.move(tmp, target, ATOMIC_MOVE);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /** A switch expression whose default branch does not force. */
  @Test
  void flagsSwitchExpressionWithUnforcedBranch() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data, String mode) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data); // @write
                      int forced =
                          switch (mode) {
                            case "full" -> {
                              ch.force(true);
                              yield 2;
                            }
                            case "data" -> {
                              ch.force(false);
                              yield 1;
                            }
                            default -> 0;
                          };
                      System.out.println(forced);
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** {@code if (!tmp.renameTo(target)) throw ...} after an unsynced {@code FileWriter}. */
  @Test
  void flagsRenameToTestedWithNegationAndThrow() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, String text) throws IOException {
                    FileWriter w = new FileWriter(tmp, UTF_8);
                    try {
                      w.write(text); // @write
                    } finally {
                      w.close();
                    }
                    // BUG: Diagnostic contains: line @write
                    if (!tmp.renameTo(target)) throw new IOException("rename failed: " + tmp);
                  }
                }
                """))
        .doTest();
  }

  /** Written through {@code tmp.toFile()}, moved as {@code tmp}. */
  @Test
  void flagsWrittenThroughToFileMovedAsPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                      out.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(String name, String targetName, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(name)) {
                      out.write(data); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    new File(name).renameTo(new File(targetName));
                  }
                }
                """))
        .doTest();
  }

  /** A write in a {@code finally} that runs after the force. */
  @Test
  void flagsWriteInFinallyAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] body, byte[] footer) throws IOException {
                    FileOutputStream out = new FileOutputStream(tmp);
                    try {
                      out.write(body);
                      out.getFD().sync();
                    } finally {
                      out.write(footer); // @write
                      out.close();
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** The catch path forces, the normal path does not. */
  @Test
  void flagsWhenOnlyCatchPathForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      try {
                        ch.write(ByteBuffer.wrap(data)); // @write
                      } catch (IOException e) {
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

  /** Write and rename inside a static initializer block. */
  @Test
  void flagsRenameInStaticInitializer() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  static {
                    try {
                      Path tmp = Paths.get("boot.tmp");
                      Files.writeString(tmp, "ready"); // @write
                      // BUG: Diagnostic contains: line @write
                      Files.move(tmp, Paths.get("boot"), ATOMIC_MOVE);
                    } catch (IOException e) {
                      throw new ExceptionInInitializerError(e);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** {@code Files.copy(src, tmp)} (path to path) writes {@code tmp}. */
  @Test
  void flagsPathToPathCopyThenMove() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void install(Path src, Path tmp, Path target) throws IOException {
                    Files.copy(src, tmp, REPLACE_EXISTING); // @write
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Opening with the default {@code CREATE, TRUNCATE_EXISTING} is itself a write. */
  @Test
  void flagsTruncatingOpenWithoutWrite() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void clear(Path tmp, Path target) throws IOException {
                    // An empty file replaces the target.
                    Files.newOutputStream(tmp).close(); // @write
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                import java.util.zip.GZIPOutputStream;
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        GZIPOutputStream gz = new GZIPOutputStream(fos)) {
                      gz.write(data); // @write
                      fos.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** A force before a loop of writes covers none of them. */
  @Test
  void flagsForceBeforeLoopThatKeepsWriting() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                      ch.force(true);
                      for (ByteBuffer chunk : chunks) {
                        ch.write(chunk); // @write
                      }
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Write, force and rename inside a lambda body. */
  @Test
  void quietRenameInsideLambdaAfterForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  Runnable saver(Path tmp, Path target, ByteBuffer data) {
                    return () -> {
                      try {
                        try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                          ch.write(data);
                          ch.force(true);
                        }
                        Files.move(tmp, target, ATOMIC_MOVE);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    };
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Every branch of a switch expression forces. */
  @Test
  void quietSwitchExpressionWhereEveryBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data, String mode) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      int forced =
                          switch (mode) {
                            case "data" -> {
                              ch.force(false);
                              yield 1;
                            }
                            default -> {
                              ch.force(true);
                              yield 2;
                            }
                          };
                      System.out.println(forced);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A {@code DataOutputStream} does not buffer: syncing {@code fos.getFD()} covers its writes. */
  @Test
  void quietWhenDataOutputStreamOverSyncedStream() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, long version, byte[] data) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        DataOutputStream out = new DataOutputStream(fos)) {
                      out.writeLong(version);
                      out.writeInt(data.length);
                      out.write(data);
                      fos.getFD().sync();
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A {@code BufferedWriter} is flushed, then the descriptor is synced. */
  @Test
  void quietWhenBufferedWriterFlushedThenFdSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, List<String> lines) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {
                      for (String line : lines) {
                        w.write(line);
                        w.newLine();
                      }
                      w.flush();
                      fos.getFD().sync();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Nested try/finally with the force in the inner {@code finally}. */
  @Test
  void quietWhenForcedInNestedInnerFinally() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE);
                    try {
                      try {
                        ch.write(data);
                      } finally {
                        ch.force(true);
                      }
                    } finally {
                      ch.close();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** The {@code FileDescriptor} taken before the write is synced after it. */
  @Test
  void quietWhenSavedFileDescriptorSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      FileDescriptor fd = out.getFD();
                      out.write(data);
                      fd.sync();
                    }
                    tmp.renameTo(target);
                  }
                }
                """))
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
            TestSources.source(
                """
                import static java.nio.channels.FileChannel.MapMode.READ_WRITE;
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, READ, WRITE)) {
                      MappedByteBuffer map = ch.map(READ_WRITE, 0, data.length);
                      map.put(data);
                      map.force();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Written, forced, then reopened with {@code APPEND} only (no write) before the move. */
  @Test
  void quietWhenReopenedForAppendWithoutWriting() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(ByteBuffer.wrap(data));
                      ch.force(true);
                    }
                    try (OutputStream out = Files.newOutputStream(tmp, APPEND)) {
                      out.flush();
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void adopt(Path tmp, Path incoming, Path target, byte[] draft) throws IOException {
                    Files.write(tmp, draft);
                    Files.delete(tmp);
                    Files.move(incoming, tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A loop of writes followed by one force covers every iteration. */
  @Test
  void quietWhenTryWithResourcesChannelForcedOnEveryPath() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                      for (ByteBuffer chunk : chunks) {
                        ch.write(chunk);
                      }
                      ch.force(true);
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Flag: {@code success} is set before the force, so a force that throws still reaches the rename
   * in the {@code finally}.
   */
  @Test
  void flagsWhenTheSuccessFlagIsSetBeforeTheForce() {
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
                      out.write(data); // @write
                      success = true;
                      out.getFD().sync();
                      out.close();
                    } finally {
                      if (success) {
                        // BUG: Diagnostic contains: the write on line @write was forced to disk (forced on line
                        tmp.renameTo(target);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }
}
