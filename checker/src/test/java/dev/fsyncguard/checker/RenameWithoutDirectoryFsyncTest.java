package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RenameWithoutDirectoryFsync}: the public case table of what must be flagged and
 * what must stay quiet, including the tricky quiet cases (the directory spelled as the target's
 * parent or the directory it was resolved from, library forces, null guards, one force after
 * several renames, durability switches, sites RenameWithoutFsync reports).
 */
final class RenameWithoutDirectoryFsyncTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(RenameWithoutDirectoryFsync.class, getClass());

  /** Flag: data forced, renamed, and the method returns without forcing the directory. */
  @Test
  void flagsForcedFileRenamedWithoutDirectoryForce() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    // BUG: Diagnostic contains: directory holding `target` is not forced
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: {@code getFD().sync()} then {@code renameTo}, with no directory force. */
  @Test
  void flagsRenameToAfterSync() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File dir, byte[] data) throws IOException {
                    File tmp = new File(dir, "state.tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    // BUG: Diagnostic contains: RenameWithoutDirectoryFsync
                    if (!tmp.renameTo(new File(dir, "state"))) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the directory is forced on one branch only. */
  @Test
  void flagsDirectoryForcedOnSomePathsOnly() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data, int mode) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    // BUG: Diagnostic contains: on some path
                    Files.move(tmp, target, ATOMIC_MOVE);
                    if (mode > 1) {
                      forceDir(target.toAbsolutePath().getParent());
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: forcing the renamed file does not make the rename durable. */
  @Test
  void flagsForceOfTheTargetInsteadOfItsDirectory() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    // BUG: Diagnostic contains: RenameWithoutDirectoryFsync
                    Files.move(tmp, target, ATOMIC_MOVE);
                    force(target);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the directory is forced before the rename, not after it. */
  @Test
  void flagsDirectoryForcedBeforeTheRename() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path dir, byte[] data) throws IOException {
                    Path tmp = dir.resolve("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    forceDir(dir);
                    // BUG: Diagnostic contains: RenameWithoutDirectoryFsync
                    Files.move(tmp, dir.resolve("state"), ATOMIC_MOVE);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the same inside a lambda. */
  @Test
  void flagsInLambda() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  Callable<Void> saver(Path target, byte[] data) {
                    return () -> {
                      Path tmp = target.resolveSibling("state.tmp");
                      Files.write(tmp, data);
                      Store.force(tmp);
                      // BUG: Diagnostic contains: RenameWithoutDirectoryFsync
                      Files.move(tmp, target, ATOMIC_MOVE);
                      return null;
                    };
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: {@code DurableFiles.forceDirectory(target.getParent())}, and the open-and-force of
   * {@code target.toAbsolutePath().getParent()}.
   */
  @Test
  void quietDirectoryForcedThroughGetParent() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    DurableFiles.forceDirectory(target.getParent());
                  }

                  void saveJdkOnly(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    Path dir = target.toAbsolutePath().getParent();
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the directory the target was resolved from, as a {@code Path} and as a {@code File}. */
  @Test
  void quietDirectoryTheTargetWasResolvedFrom() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path dir, byte[] data) throws IOException {
                    Path tmp = dir.resolve("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, dir.resolve("state"), ATOMIC_MOVE);
                    forceDir(dir);
                  }

                  void save(File dir, byte[] data) throws IOException {
                    File tmp = new File(dir, "state.tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    File target = new File(dir, "state");
                    if (!tmp.renameTo(target)) {
                      throw new IOException("rename failed");
                    }
                    forceDir(dir.toPath());
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: Kafka's {@code Utils.flushDir} and Lucene's {@code IOUtils.fsync(dir, true)}. */
  @Test
  void quietLibraryDirectoryForces() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    org.apache.kafka.common.utils.Utils.flushDir(target.toAbsolutePath().normalize().getParent());
                  }

                  void saveIndex(Path dir, byte[] data) throws IOException {
                    Path tmp = dir.resolve("index.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, dir.resolve("index"), ATOMIC_MOVE);
                    org.apache.lucene.util.IOUtils.fsync(dir, true);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a force of a directory the code spells another way than the target's parent. */
  @Test
  void quietDirectoryTheAnalysisCannotRelate() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(String dataDir, byte[] data) throws IOException {
                    Path target = Paths.get(dataDir, "state");
                    Path tmp = Paths.get(dataDir, "state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    forceDir(Paths.get(dataDir));
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: two renames into one directory, each followed by a force of it. */
  @Test
  void quietEachRenameFollowedByItsDirectoryForce() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path dir, Path index, Path data, byte[] i, byte[] d) throws IOException {
                    Path t1 = data.resolveSibling("data.tmp");
                    Files.write(t1, d);
                    force(t1);
                    Files.move(t1, data, ATOMIC_MOVE);
                    DurableFiles.forceDirectory(dir);
                    Path t2 = index.resolveSibling("index.tmp");
                    Files.write(t2, i);
                    force(t2);
                    Files.move(t2, index, ATOMIC_MOVE);
                    DurableFiles.forceDirectory(dir);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: Kafka's {@code Utils.flushDir} of the file itself commits no data: RenameWithoutFsync
   * reports the rename.
   */
  @Test
  void quietWhereADirectoryForceCannotCoverTheData() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    org.apache.kafka.common.utils.Utils.flushDir(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the directory is forced whenever there is one ({@code getParent()} can be null). */
  @Test
  void quietNullGuardedDirectory() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getPath() + ".tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
                    File dir = target.getParentFile();
                    if (dir != null) {
                      forceDir(dir.toPath());
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: one directory force after two renames into it covers both. */
  @Test
  void quietOneForceAfterSeveralRenames() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path dir, byte[] a, byte[] b) throws IOException {
                    Path tmpA = dir.resolve("a.tmp");
                    Path tmpB = dir.resolve("b.tmp");
                    Files.write(tmpA, a);
                    Files.write(tmpB, b);
                    force(tmpA);
                    force(tmpB);
                    Files.move(tmpA, dir.resolve("a"), ATOMIC_MOVE);
                    Files.move(tmpB, dir.resolve("b"), ATOMIC_MOVE);
                    forceDir(dir);
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the data is not forced; RenameWithoutFsync reports the rename, and its fix covers both.
   */
  @Test
  void quietWhereRenameWithoutFsyncReports() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: a move of a file not written here; {@code DurableFiles.rename}, which forces the
   * directory.
   */
  @Test
  void quietRenameOfFileNotWrittenHereAndHelpers() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void rotate(Path log, Path archive) throws IOException {
                    Files.move(log, archive, REPLACE_EXISTING);
                  }

                  void publish(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data);
                    DurableFiles.rename(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the directory force is left to the author's durability switch. */
  @Test
  void quietDurabilitySwitch() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private final boolean fsync;

                  Store(boolean fsync) {
                    this.fsync = fsync;
                  }

                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    if (fsync) {
                      forceDir(target.toAbsolutePath().getParent());
                    }
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a rename after which the method always throws. */
  @Test
  void quietWhenTheMethodNeverReturnsNormally() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void quarantine(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.bad");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    throw new IOException("corrupt: moved aside");
                  }
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  static void forceDir(Path dir) throws IOException {
                    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: {@code @SuppressWarnings}, and durable renames in a record and an anonymous class. */
  @Test
  void quietWhenSuppressedAndInRecordsOrAnonymousClasses() {
    LibraryStandIns.addTo(compilationTestHelper)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  static void force(Path p) throws IOException {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                  }

                  @SuppressWarnings("RenameWithoutDirectoryFsync")
                  void save(Path target, byte[] data) throws IOException {
                    Path tmp = target.resolveSibling("state.tmp");
                    Files.write(tmp, data);
                    force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  record Saver(Path target) {
                    void save(byte[] data) throws IOException {
                      Path tmp = target.resolveSibling("state.tmp");
                      Files.write(tmp, data);
                      force(tmp);
                      Files.move(tmp, target, ATOMIC_MOVE);
                      DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
                    }
                  }

                  Callable<Path> saver(Path target, byte[] data) {
                    return new Callable<Path>() {
                      @Override
                      public Path call() throws IOException {
                        Path tmp = target.resolveSibling("state.tmp");
                        Files.write(tmp, data);
                        force(tmp);
                        Path done = switch (target.getNameCount()) {
                          case 0 -> tmp;
                          default -> Files.move(tmp, target, ATOMIC_MOVE);
                        };
                        DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
                        return done;
                      }
                    };
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a helper forces the directory it derives from the target ({@code getParent()}). */
  @Test
  void quietWhenAHelperForcesTheTargetsParent() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target) throws IOException {
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    fsyncParent(target);
                  }

                  private static void fsyncParent(Path file) throws IOException {
                    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                      dir.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the directory is forced through an object that holds its channel (open before the
   * rename, forced after it, absent where directories cannot be opened): the force of a file the
   * method cannot name may be the directory's.
   */
  @Test
  void quietWhenADirectoryHandleObjectForcesAfterTheRename() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  static final class DirectoryHandle implements Closeable {
                    private final FileChannel channel;

                    DirectoryHandle(Path dir) throws IOException {
                      channel = FileChannel.open(dir, StandardOpenOption.READ);
                    }

                    void force() throws IOException {
                      if (channel != null) {
                        channel.force(true);
                      }
                    }

                    @Override
                    public void close() throws IOException {
                      channel.close();
                    }
                  }

                  void save(Path tmp, Path target) throws IOException {
                    try (DirectoryHandle dir = new DirectoryHandle(target.getParent())) {
                      dev.fsyncguard.durable.DurableFiles.force(tmp);
                      Files.move(tmp, target, ATOMIC_MOVE);
                      forceAfterRename(dir);
                    }
                  }

                  private static void forceAfterRename(DirectoryHandle dir) throws IOException {
                    dir.force();
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: a file forced here, though written elsewhere, is being committed: its rename's directory
   * is judged.
   */
  @Test
  void flagsRenameOfAFileOnlyForcedHere() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void publish(Path tmp, Path target) throws IOException {
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    // BUG: Diagnostic contains: the directory holding `target` is not forced
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: a guard that says nothing of durability ({@code cleanupOldGenerations}) is a path without
   * the directory force, not the author's switch.
   */
  @Test
  void flagsDirectoryForceBehindAGuardUnrelatedToDurability() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private final boolean cleanupOldGenerations;

                  Store(boolean cleanupOldGenerations) {
                    this.cleanupOldGenerations = cleanupOldGenerations;
                  }

                  void save(Path tmp, Path target) throws IOException {
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    // BUG: Diagnostic contains: the directory holding `target` is not forced
                    Files.move(tmp, target, ATOMIC_MOVE);
                    if (cleanupOldGenerations) {
                      dev.fsyncguard.durable.DurableFiles.forceDirectory(target.getParent());
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a guard whose name says durability ({@code needFlushParentDir}) is the author's. */
  @Test
  void quietDirectoryForceBehindAGuardNamedForDurability() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path tmp, Path target, boolean needFlushParentDir) throws IOException {
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    if (needFlushParentDir) {
                      dev.fsyncguard.durable.DurableFiles.forceDirectory(target.getParent());
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: renames in a {@code forEach} lambda, then one directory force after the loop: judged
   * where the loop is, not at the lambda's own return.
   */
  @Test
  void quietRenamesInAForEachLambdaFollowedByOneDirectoryForce() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void commitAll(Path dir, List<String> names) throws IOException {
                    names.forEach(
                        name -> {
                          Path tmp = dir.resolve(name + ".tmp");
                          try {
                            dev.fsyncguard.durable.DurableFiles.force(tmp);
                            Files.move(tmp, dir.resolve(name), ATOMIC_MOVE);
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                        });
                    dev.fsyncguard.durable.DurableFiles.forceDirectory(dir);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: the same loop with no directory force after it. */
  @Test
  void flagsRenamesInAForEachLambdaWithNoDirectoryForce() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void commitAll(Path dir, List<String> names) {
                    names.forEach(
                        name -> {
                          Path tmp = dir.resolve(name + ".tmp");
                          try {
                            dev.fsyncguard.durable.DurableFiles.force(tmp);
                            // BUG: Diagnostic contains: the directory holding
                            Files.move(tmp, dir.resolve(name), ATOMIC_MOVE);
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                        });
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the directory is named through a getter, not through the target. */
  @Test
  void quietWhenTheDirectoryIsNamedThroughAGetter() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private final Path dir;

                  Store(Path dir) {
                    this.dir = dir;
                  }

                  Path directory() {
                    return dir;
                  }

                  void save(String name, byte[] data) throws IOException {
                    Path tmp = directory().resolve(name + ".tmp");
                    Files.write(tmp, data);
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    Files.move(tmp, directory().resolve(name), ATOMIC_MOVE);
                    try (FileChannel channel = FileChannel.open(directory(), StandardOpenOption.READ)) {
                      channel.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }
}
