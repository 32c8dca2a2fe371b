package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link TempFileOutsideTargetDirectory}: the public case table of what must be flagged
 * and what must stay quiet, including the tricky quiet cases (temp files in the target's directory,
 * scratch files, moves between temp locations, reassigned variables, directories held in fields
 * that can change).
 */
final class TempFileOutsideTargetDirectoryTest {
  private final CompilationTestHelper compilationTestHelper =
      CompilationTestHelper.newInstance(TempFileOutsideTargetDirectory.class, getClass());

  /**
   * Flag: {@code Files.createTempFile(prefix, suffix)}, then an atomic move onto a target
   * elsewhere.
   */
  @Test
  void flagsCreateTempFileThenAtomicMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = Files.createTempFile("state", ".tmp");
                    Files.writeString(tmp, s);
                    // BUG: Diagnostic contains: throws AtomicMoveNotSupportedException
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the same with {@code REPLACE_EXISTING} only: across file systems the JDK copies and
   * deletes.
   */
  @Test
  void flagsCreateTempFileThenPlainMove() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = File.createTempFile("state", ".tmp", null).toPath();
                    Files.writeString(tmp, s);
                    // BUG: Diagnostic contains: copies and deletes
                    Files.move(tmp, target, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: {@code File.createTempFile(prefix, suffix)}, then {@code renameTo}. */
  @Test
  void flagsFileCreateTempFileThenRenameTo() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(File target, byte[] data) throws IOException {
                    File tmp = File.createTempFile("state", null); // @create
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                    }
                    // BUG: Diagnostic contains: (line @create)
                    if (!tmp.renameTo(target)) {
                      throw new IOException("rename failed");
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: a path spelled under {@code java.io.tmpdir}, through {@code Paths.get} and through {@code
   * new File}.
   */
  @Test
  void flagsPathUnderTmpdirProperty() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, File other, String s) throws IOException {
                    Path tmp = Paths.get(System.getProperty("java.io.tmpdir"), "state.tmp");
                    Files.writeString(tmp, s);
                    // BUG: Diagnostic contains: `tmp` is created in java.io.tmpdir
                    Files.move(tmp, target, ATOMIC_MOVE);
                    File tmp2 = new File(System.getProperty("java.io.tmpdir") + File.separator + "other.tmp");
                    // BUG: Diagnostic contains: File.renameTo fails
                    tmp2.renameTo(other);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Flag: the temp directory held in a final field or an effectively final local, then resolved.
   */
  @Test
  void flagsTempDirectoryHeldInFieldAndLocal() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private static final Path SCRATCH = Path.of(System.getProperty("java.io.tmpdir"));

                  void save(Path target, String s) throws IOException {
                    Path tmp = SCRATCH.resolve("state.tmp"); // @scratch
                    Files.writeString(tmp, s);
                    // BUG: Diagnostic contains: (line @scratch)
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  void export(Path target, String s) throws IOException {
                    Path work = Files.createTempDirectory("export");
                    Path tmp = work.resolve("out.json");
                    Files.writeString(tmp, s);
                    // BUG: Diagnostic contains: `tmp` is created in java.io.tmpdir
                    Files.move(tmp, target, REPLACE_EXISTING);
                  }
                }
                """))
        .doTest();
  }

  /** Flag: written by code the analysis does not know (a download); the creation alone decides. */
  @Test
  void flagsTempFileNotWrittenHere() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void fetch(URL url, Path target) throws IOException {
                    Path tmp = Files.createTempFile("download", ".part");
                    download(url, tmp);
                    // BUG: Diagnostic contains: TempFileOutsideTargetDirectory
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }

                  private static void download(URL url, Path to) throws IOException {
                    try (InputStream in = url.openStream()) {
                      Files.copy(in, to, REPLACE_EXISTING);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Flag: inside a lambda, with the target captured from the method. */
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
                      Path tmp = Files.createTempFile("state", ".tmp"); // @create
                      Files.writeString(tmp, s);
                      // BUG: Diagnostic contains: (line @create)
                      Files.move(tmp, target, ATOMIC_MOVE);
                      return null;
                    };
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: temp files created in the target's directory, both APIs. */
  @Test
  void quietTempFileInTargetDirectory() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, File other, String s) throws IOException {
                    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "state", ".tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    File tmp2 = File.createTempFile("other", ".tmp", other.getAbsoluteFile().getParentFile());
                    tmp2.renameTo(other);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: a scratch temp file that is deleted, never renamed. */
  @Test
  void quietScratchFileDeleted() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  long measure(String s) throws IOException {
                    Path scratch = Files.createTempFile("measure", ".tmp");
                    try {
                      Files.writeString(scratch, s);
                      return Files.size(scratch);
                    } finally {
                      Files.delete(scratch);
                    }
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: moves between temp locations. */
  @Test
  void quietMoveBetweenTempLocations() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  Path stage(String s) throws IOException {
                    Path tmp = Files.createTempFile("stage", ".tmp");
                    Files.writeString(tmp, s);
                    Path staged = Paths.get(System.getProperty("java.io.tmpdir"), "staged.json");
                    Files.move(tmp, staged, REPLACE_EXISTING);
                    Path work = Files.createTempDirectory("work");
                    return Files.move(staged, work.resolve("in.json"));
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: the variable names a file in the target's directory by the time it is renamed. */
  @Test
  void quietTempVariableReassigned() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = Files.createTempFile("probe", ".tmp");
                    Files.delete(tmp);
                    tmp = target.resolveSibling("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: a copy out of the temp directory works across file systems (NonAtomicReplace judges it).
   */
  @Test
  void quietCopyFromTempFile() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  void save(Path target, String s) throws IOException {
                    Path tmp = Files.createTempFile("state", ".tmp");
                    Files.writeString(tmp, s);
                    Files.copy(tmp, target);
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: directories the check cannot place, and other system properties. */
  @Test
  void quietOtherDirectories() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  private Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

                  void save(Path target, String s) throws IOException {
                    Path tmp = scratch.resolve("state.tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                    Path home = Paths.get(System.getProperty("user.home"), "state.tmp");
                    Files.writeString(home, s);
                    Files.move(home, target, ATOMIC_MOVE);
                  }

                  void setScratch(Path scratch) {
                    this.scratch = scratch;
                  }
                }
                """))
        .doTest();
  }

  /** Quiet: {@code @SuppressWarnings("TempFileOutsideTargetDirectory")}. */
  @Test
  void quietWhenSuppressed() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  @SuppressWarnings("TempFileOutsideTargetDirectory")
                  void save(Path target, String s) throws IOException {
                    Path tmp = Files.createTempFile("state", ".tmp");
                    Files.writeString(tmp, s);
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: temp files in the target's directory inside a record and an anonymous class; no crash.
   */
  @Test
  void quietInRecordAndAnonymousClass() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  record Saver(Path target) {
                    void save(String s) throws IOException {
                      Path tmp = Files.createTempFile(target.getParent(), "state", ".tmp");
                      Files.writeString(tmp, s);
                      Files.move(tmp, target, ATOMIC_MOVE);
                    }
                  }

                  Callable<Path> saver(Path target) {
                    return new Callable<Path>() {
                      @Override
                      public Path call() throws IOException {
                        Path tmp = Files.createTempFile(target.getParent(), "state", ".tmp");
                        return switch (target.getNameCount()) {
                          case 0 -> tmp;
                          default -> Files.move(tmp, target, ATOMIC_MOVE);
                        };
                      }
                    };
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: the target is named from the temp file itself ({@code resolveSibling}, its parent): it
   * is in {@code java.io.tmpdir} too, so the rename stays on one file system.
   */
  @Test
  void quietRenameToASiblingInTheTempDirectory() {
    compilationTestHelper
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                class Store {
                  Path stage(byte[] data) throws IOException {
                    Path tmp = Files.createTempFile("stage", ".tmp");
                    Files.write(tmp, data);
                    dev.fsyncguard.durable.DurableFiles.force(tmp);
                    Path staged = tmp.resolveSibling("staged.bin");
                    Files.move(tmp, staged, ATOMIC_MOVE);
                    return staged;
                  }

                  File stageOld(byte[] data) throws IOException {
                    File tmp = File.createTempFile("stage", ".tmp");
                    Files.write(tmp.toPath(), data);
                    File staged = new File(tmp.getParentFile(), "staged.bin");
                    tmp.renameTo(staged);
                    return staged;
                  }
                }
                """))
        .doTest();
  }
}
