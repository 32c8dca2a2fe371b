package dev.fsyncguard.checker;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link RenameWithoutFsync} when writes, forces and renames happen in other methods. */
class RenameWithoutFsyncAcrossMethodsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  @Test
  void flagsTempFilledByPrivateHelper() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("t.tmp");
                    fill(tmp, s); // @write
                    // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write was forced to disk (never forced on any path)
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                  private void fill(Path file, String s) throws IOException {
                    Files.writeString(file, s);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsTempFilledByStaticHelperOfAnotherClass() {
    helper
        .addSourceLines(
            "Io.java",
            TestSources.source(
                """
                final class Io {
                  static void writeAll(File file, byte[] data) throws IOException {
                    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(file))) {
                      out.write(data);
                    }
                  }
                }
                """))
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    Io.writeAll(tmp, data); // @write
                    // BUG: Diagnostic contains: line @write
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsHelperThatWritesThroughAGivenStream() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File tmp, File target, String s) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp, true)) {
                      out.getFD().sync();
                      emit(out, s); // @emit
                    }
                    // BUG: Diagnostic contains: line @emit
                    tmp.renameTo(target);
                  }
                  private static void emit(OutputStream out, String s) throws IOException {
                    out.write(s.getBytes());
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenHelperOfSameClassForces() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    durable(tmp);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                  private static void durable(Path file) throws IOException {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenHelperOfAnotherClassWritesAndForces() {
    helper
        .addSourceLines(
            "Io.java",
            TestSources.source(
                """
                final class Io {
                  static void writeDurably(File file, byte[] data) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(file)) {
                      out.write(data);
                      out.getChannel().force(false);
                    }
                  }
                }
                """))
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File tmp, File target, byte[] data) throws IOException {
                    Io.writeDurably(tmp, data);
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsHelperThatForcesOnlyOnOnePath() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data); // @write
                    maybeSync(tmp, data.length);
                    // BUG: Diagnostic contains: line @write
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                  private static void maybeSync(Path file, int size) throws IOException {
                    if (size > 4096) {
                      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsWriteThenProjectRenameWrapper() {
    helper
        .addSourceLines(
            "Moves.java",
            TestSources.source(
                """
                final class Moves {
                  static void atomicReplace(Path source, Path target) throws IOException {
                    try {
                      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                  }
                }
                """))
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s); // @write
                    // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write was forced to disk (never forced on any path)
                    Moves.atomicReplace(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenWrapperRenamesFileForcedBeforeTheCall() {
    helper
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
                    replace(tmp, target);
                  }
                  private static void replace(File from, File to) throws IOException {
                    if (!from.renameTo(to)) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenWrapperItselfForcesBeforeRenaming() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    commit(tmp, target);
                  }
                  private static void commit(Path from, Path to) throws IOException {
                    try (FileChannel ch = FileChannel.open(from, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenForcedThroughAnnotatedMethodOfAnotherModule() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                import dev.fsyncguard.checker.testdata.PrecompiledIo;
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    PrecompiledIo.sync(tmp);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsAnnotatedRenameOfAnotherModule() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                import dev.fsyncguard.checker.testdata.PrecompiledIo;
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s); // @write
                    // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write
                    PrecompiledIo.replace(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenMethodOfAnotherModuleIsUnknown() {
    // Its body is not available and it carries no annotation: the write it does is not seen.
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                import dev.fsyncguard.checker.testdata.PrecompiledIo;
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    PrecompiledIo.fill(tmp, s);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void durableRenameIsARenameThatForcesItsSource() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    DurableFiles.rename(tmp, target);
                  }
                  void oneCall(Path target, String s) throws IOException {
                    DurableFiles.write(target, s, java.nio.charset.StandardCharsets.UTF_8);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** Found in log4j-core's FileRenameAction: rotation through a helper with a copy fallback. */
  @Test
  void quietWhenRenameHelperTruncatesSourceOnlyAfterCopyFallback() {
    helper
        .addSourceLines(
            "Rotate.java",
            TestSources.source(
                """
                class Rotate {
                  static boolean moveAway(File source, File dest) {
                    if (source.renameTo(dest)) return true;
                    try {
                      Files.copy(source.toPath(), dest.toPath(), StandardCopyOption.REPLACE_EXISTING);
                      new PrintWriter(source).close();
                      return true;
                    } catch (IOException e) {
                      return false;
                    }
                  }
                  boolean rotate(File log, File archive) {
                    return moveAway(log, archive);
                  }
                }
                """))
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void recursiveHelpersDoNotLoop() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, String s, int n) throws IOException {
                    fill(tmp, s, n); // @fill
                    // BUG: Diagnostic contains: line @fill
                    Files.move(tmp, target);
                  }
                  private void fill(Path file, String s, int n) throws IOException {
                    if (n > 0) {
                      Files.writeString(file, s);
                      fill(file, s, n - 1);
                    }
                    other(file, s, n);
                  }
                  private void other(Path file, String s, int n) throws IOException {
                    if (n > 1) {
                      fill(file, s, n - 2);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * A directory force of the file itself (Kafka's {@code Utils.flushDir}) does not force its data.
   */
  @Test
  void flagsDirectoryForceOfTheFileItself() {
    LibraryStandIns.addTo(helper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d);
                    org.apache.kafka.common.utils.Utils.flushDir(tmp);
                    // BUG: Diagnostic contains: never forced on any path
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsEachModelledLibraryRename() {
    LibraryStandIns.addTo(helper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void kafka(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d);
                    // BUG: Diagnostic contains: `tmp` is renamed
                    org.apache.kafka.common.utils.Utils.atomicMoveWithFallback(tmp, target);
                    org.apache.kafka.common.utils.Utils.flushDir(target.getParent());
                  }
                  void guava(File tmp, File target, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    com.google.common.io.Files.move(tmp, target);
                  }
                  void commonsIo(File tmp, File target, File dir, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    org.apache.commons.io.FileUtils.moveFile(tmp, target);
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    org.apache.commons.io.FileUtils.moveFileToDirectory(tmp, dir, true);
                  }
                  void jraft(File tmp, File target, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    com.alipay.sofa.jraft.util.Utils.atomicMoveFile(tmp, target, true);
                  }
                  void ratis(File tmp, File target, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    org.apache.ratis.util.FileUtils.move(tmp, target);
                  }
                  void jgit(File tmp, File target, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    // BUG: Diagnostic contains: `tmp` is renamed
                    org.eclipse.jgit.util.FileUtils.rename(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietWhenForcedThroughEachModelledFsync() {
    LibraryStandIns.addTo(helper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void lucene(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d);
                    org.apache.lucene.util.IOUtils.fsync(tmp, false);
                    org.apache.kafka.common.utils.Utils.atomicMoveWithFallback(tmp, target);
                  }
                  void kafka(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d);
                    org.apache.kafka.common.utils.Utils.flushFileIfExists(tmp);
                    org.apache.kafka.common.utils.Utils.atomicMoveWithFallback(tmp, target);
                  }
                  void jraft(File tmp, File target, byte[] d) throws IOException {
                    try (FileOutputStream out = new FileOutputStream(tmp)) { out.write(d); }
                    com.alipay.sofa.jraft.util.Utils.fsync(tmp);
                    com.alipay.sofa.jraft.util.Utils.atomicMoveFile(tmp, target, true);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsKafkaStyleWhereOnlyTheDirectoryIsFlushed() {
    LibraryStandIns.addTo(helper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d); // @write
                    org.apache.kafka.common.utils.Utils.flushDir(tmp.getParent());
                    // BUG: Diagnostic contains: line @write
                    org.apache.kafka.common.utils.Utils.atomicMoveWithFallback(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagsExtendTheTable() {
    helper
        .setArgs(
            "-XepOpt:RenameWithoutFsync:FsyncMethods=com.acme.Disk#flushFile",
            "-XepOpt:RenameWithoutFsync:RenameMethods=com.acme.Disk#commit")
        .addSourceLines(
            "com/acme/Disk.java",
            "package com.acme;",
            "public final class Disk {",
            "  public static void flushFile(java.nio.file.Path p) {}",
            "  public static void commit(java.nio.file.Path from, java.nio.file.Path to) {}",
            "}")
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                import com.acme.Disk;
                class Store {
                  void unforced(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s); // @write
                    // BUG: Diagnostic contains: line @write
                    Disk.commit(tmp, target);
                  }
                  void forced(Path tmp, Path target, String s) throws IOException {
                    Files.writeString(tmp, s);
                    Disk.flushFile(tmp);
                    Disk.commit(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void flagNamingAMissingMethodOfAKnownClassIsReported() {
    helper
        .setArgs("-XepOpt:RenameWithoutFsync:FsyncMethods=java.nio.file.Files#fsync")
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: name methods that do not exist:"
                + " java.nio.file.Files#fsync",
            "class A {}")
        .doTest();
  }

  @Test
  void flagNamingAClassNotOnTheClassPathIsIgnored() {
    helper
        .setArgs("-XepOpt:RenameWithoutFsync:FsyncMethods=com.elsewhere.Disk#fsync")
        .addSourceLines("A.java", "class A {}")
        .doTest();
  }

  @Test
  void malformedFlagEntryFailsWithClearMessage() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                helper
                    .setArgs("-XepOpt:RenameWithoutFsync:FsyncMethods=com.acme.Disk.flushFile")
                    .addSourceLines("A.java", "class A {}")
                    .doTest());
    org.junit.jupiter.api.Assertions.assertTrue(
        failure.getMessage().contains("'com.acme.Disk.flushFile' is not of the form"),
        failure.getMessage());
  }

  /** A helper that forces on some paths only: the caller's file is not "never forced". */
  @Test
  void helperForcingOnSomePathsIsNotNeverForced() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] d) throws IOException {
                    Files.write(tmp, d); // @write
                    maybeForce(tmp, d); // @force
                    // BUG: Diagnostic contains: the write on line @write was forced to disk (forced on line @force on some paths only)
                    Files.move(tmp, target);
                  }
                  private void maybeForce(Path file, byte[] d) throws IOException {
                    if (d.length > 4096) {
                      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }

  /** A helper that writes, then forces on some paths only. */
  @Test
  void helperWritingAndForcingOnSomePaths() {
    helper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, byte[] d) throws IOException {
                    fill(tmp, d); // @write
                    // BUG: Diagnostic contains: the write on line @write was forced to disk (forced on line @write on some paths only)
                    Files.move(tmp, target);
                  }
                  private void fill(Path file, byte[] d) throws IOException {
                    Files.write(file, d);
                    if (d.length > 4096) {
                      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                    }
                  }
                }
                """))
        .doTest();
  }
}
