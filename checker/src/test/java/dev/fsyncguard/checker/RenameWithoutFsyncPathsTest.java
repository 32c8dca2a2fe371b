package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutFsync} on which paths reach the rename (early returns, breaks,
 * handlers that delete and rethrow), and on what the message says about them ("never forced",
 * "forced on some paths only").
 *
 * <p>A flagged rename carries {@code // BUG: Diagnostic contains: line N} where {@code N} is the
 * line of the last write that reaches the rename without having been forced to disk.
 */
class RenameWithoutFsyncPathsTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, String text) throws IOException {
                    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                      w.write(text); // @write
                      try (FileChannel c = FileChannel.open(tmp, WRITE)) {
                        c.force(true);
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
   * One branch writes and forces through a channel, the other writes with {@code Files.write} only.
   */
  @Test
  void flagsWhenOneBranchWritesWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    if (data.length < 512) {
                      Files.write(tmp, data); // @write
                    } else {
                      try (FileChannel ch = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                        ch.write(ByteBuffer.wrap(data));
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

  /** A {@code break} leaves the loop between the write and the force. */
  @Test
  void flagsBreakSkipsForceInLoop() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, List<ByteBuffer> chunks) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      for (ByteBuffer chunk : chunks) {
                        ch.write(chunk); // @write
                        if (!chunk.hasRemaining()) {
                          break;
                        }
                        ch.force(false);
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
   * {@code fos.getChannel().force(true)} does not cover bytes still in a {@code
   * BufferedOutputStream}.
   */
  @Test
  void flagsChannelForceWhileBufferedStreamHoldsWrites() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                        BufferedOutputStream out = new BufferedOutputStream(fos)) {
                      out.write(data); // @write
                      fos.getChannel().force(true);
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      try {
                        ch.force(true);
                      } catch (IOException e) {
                        System.err.println("fsync failed: " + e);
                      }
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** {@code append} on a {@code BufferedWriter} is a buffered write the sync does not cover. */
  @Test
  void flagsAppendThroughBufferedWriterBeforeFdSync() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, CharSequence text) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(fos, UTF_8))) {
                      w.append(text); // @write
                      fos.getFD().sync();
                    }
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /** {@code FileChannel.transferFrom} writes the file. */
  @Test
  void flagsTransferFromWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path src, Path tmp, Path target) throws IOException {
                    try (FileChannel in = FileChannel.open(src, READ);
                        FileChannel out = FileChannel.open(tmp, WRITE)) {
                      out.transferFrom(in, 0, in.size()); // @write
                    }
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** A flush moves the bytes to the OS but does not force them. */
  @Test
  void flagsFlushWithoutForce() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, String text) throws IOException {
                    BufferedWriter w = Files.newBufferedWriter(tmp);
                    w.write(text); // @write
                    w.flush();
                    w.close();
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** The only path that skips the force deletes the temp and rethrows. */
  @Test
  void quietWhenCatchDeletesAndRethrows() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      ch.force(true);
                    } catch (IOException e) {
                      Files.deleteIfExists(tmp);
                      throw e;
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** On failure the temp is deleted and the method returns before the rename. */
  @Test
  void quietWhenCatchDeletesAndReturns() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  boolean save(Path tmp, Path target, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                      out.write(data);
                      out.getFD().sync();
                    } catch (IOException e) {
                      Files.delete(tmp);
                      return false;
                    }
                    Files.move(tmp, target, ATOMIC_MOVE);
                    return true;
                  }
                }
                """))
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
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    try {
                      Files.write(tmp, data); // @write
                      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
                        ch.force(true);
                      }
                    } catch (IOException e) {
                      // BUG: Diagnostic contains: line @write
                      Files.move(tmp, target, ATOMIC_MOVE);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Every case of an old-style switch statement, default included, forces. */
  @Test
  void quietWhenEveryCaseOfSwitchStatementForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, ByteBuffer data, int level) throws IOException {
                    try (FileChannel ch = FileChannel.open(tmp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                      ch.write(data);
                      switch (level) {
                        case 0:
                          ch.force(false);
                          break;
                        case 1:
                        case 2:
                          ch.force(true);
                          break;
                        default:
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

  /** A {@code PrintWriter} is flushed, then the descriptor is synced. */
  @Test
  void quietWhenPrintWriterFlushedThenFdSynced() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(File tmp, File target, List<String> lines) throws IOException {
                    try (FileOutputStream fos = new FileOutputStream(tmp);
                        PrintWriter pw = new PrintWriter(new OutputStreamWriter(fos, UTF_8))) {
                      for (String line : lines) {
                        pw.println(line);
                      }
                      pw.flush();
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
   * The branch that skips the force returns: the rename is reached only forced. (An analysis that
   * let the return's state flow on to the next statement would flag it.)
   */
  @Test
  void quietWhenTheUnforcedBranchReturnsEarly() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  int save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data);
                    if (data.length == 0) {
                      return 0;
                    } else {
                      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
                        ch.force(true);
                      }
                    }
                    int written = data.length;
                    Files.move(tmp, target, ATOMIC_MOVE);
                    return written;
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Only the branch that returns early forces: the rename is reached unforced. */
  @Test
  void flagsWhenOnlyTheReturningBranchForces() {
    compilationTestHelper
        .addSourceLines(
            "A.java",
            TestSources.source(
                """
                class A {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data); // @write
                    if (data.length == 0) {
                      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
                        ch.force(true);
                      }
                      return;
                    }
                    int written = data.length;
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
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
                "    Files.write(early, data); // @early",
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
    lines.add("    // BUG: Diagnostic contains: line @early");
    lines.add("    Files.move(early, dir.resolve(\"early\"), ATOMIC_MOVE);");
    lines.add("  }");
    lines.add("}");
    compilationTestHelper
        .addSourceLines("A.java", TestSources.marked(lines.toArray(new String[0])))
        .doTest();
  }

  /** A class around {@code body}, inside {@code save(Path tmp, Path target, byte[] data)}. */
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
    compilationTestHelper.addSourceLines("A.java", TestSources.marked(saveMethod(body))).doTest();
  }

  /** Never forced: the message says so, not merely "not on every path". */
  @Test
  void saysNeverForcedWhenNoPathForces() {
    flags(
        "    Files.write(tmp, data); // @write",
        "    // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write was forced"
            + " to disk (never forced on any path): after a power loss",
        "    Files.move(tmp, target);");
  }

  /** Written on one branch, forced on none: a path that does not write has nothing forced. */
  @Test
  void saysNeverForcedWhenOnlyOneBranchWrites() {
    flags(
        "    if (data.length > 0) {",
        "      Files.write(tmp, data); // @write",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** Forced on one branch of a data-dependent condition: the message names that force. */
  @Test
  void namesTheForceABranchSkips() {
    flags(
        "    Files.write(tmp, data); // @write",
        "    if (data.length > 4096) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true); // @force",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (forced on line @force on some"
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
        "        ch.force(true); // @force",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: (forced on line @force on some paths only)",
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
        "      Files.write(tmp, data); // @write",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** A failed force caught and logged leaves the file unforced on the catch's path. */
  @Test
  void namesTheForceACatchSkips() {
    flags(
        "    Files.write(tmp, data); // @write",
        "    try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "      ch.force(true); // @force",
        "    } catch (IOException e) {",
        "      System.err.println(\"not forced: \" + e);",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (forced on line @force on some"
            + " paths only)",
        "    Files.move(tmp, target);");
  }

  /** A write in a try whose catch goes on: no path forces. */
  @Test
  void saysNeverForcedWhenACatchFollowsTheWrite() {
    flags(
        "    try {",
        "      Files.write(tmp, data); // @write",
        "    } catch (IOException e) {",
        "      System.err.println(e);",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** A retry loop leaves by its break once forced, or unforced when every attempt failed. */
  @Test
  void namesTheForceOfARetryLoop() {
    flags(
        "    Files.write(tmp, data);",
        "    for (int attempt = 0; attempt < 3; attempt++) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true); // @force",
        "        break;",
        "      } catch (IOException e) {",
        "        System.err.println(\"retrying: \" + e);",
        "      }",
        "    }",
        "    // BUG: Diagnostic contains: (forced on line @force on some paths only)",
        "    Files.move(tmp, target);");
  }

  /** The early return renames before the force that the rest of the method does. */
  @Test
  void saysNeverForcedOnAnEarlyReturnBeforeTheForce() {
    flags(
        "    Files.write(tmp, data); // @write",
        "    if (data.length < 4096) {",
        "      // BUG: Diagnostic contains: line @write was forced to disk (never forced on any path)",
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
        "    Files.write(tmp, data); // @write",
        "    if (data.length > 4096) {",
        "      try (FileChannel ch = FileChannel.open(tmp, WRITE)) {",
        "        ch.force(true);",
        "      }",
        "      Files.move(tmp, target);",
        "      return;",
        "    }",
        "    // BUG: Diagnostic contains: line @write was forced to disk (never forced on any path)",
        "    Files.move(tmp, target);");
  }

  /** Bytes still in a Java buffer: never flushed and forced. */
  @Test
  void saysNeverFlushedAndForcedForABufferedWrite() {
    flags(
        "    BufferedWriter w = Files.newBufferedWriter(tmp);",
        "    w.write(data.length); // @write",
        "    // BUG: Diagnostic contains: the write on line @write left its Java buffer, let alone"
            + " reached the disk (never flushed and forced on any path): after",
        "    Files.move(tmp, target);");
  }
}
