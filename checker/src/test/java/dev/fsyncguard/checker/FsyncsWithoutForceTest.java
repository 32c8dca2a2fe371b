package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class FsyncsWithoutForceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FsyncsWithoutForce.class, getClass());

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Io.java",
            TestSources.source(
                """
                import dev.fsyncguard.annotations.Fsyncs;
                final class Io {
                  // BUG: Diagnostic contains: `file` is annotated @Fsyncs, but closeOnly
                  static void closeOnly(@Fsyncs Path file) throws IOException {
                    FileChannel.open(file, StandardOpenOption.WRITE).close();
                  }
                  static void sometimes(
                      // BUG: Diagnostic contains: `file` is annotated @Fsyncs
                      @Fsyncs Path file, int size) throws IOException {
                    if (size > 10) {
                      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                    }
                  }
                  static void forceBeforeBufferedWriteIsFlushed(
                      // BUG: Diagnostic contains: `out` is annotated @Fsyncs
                      @Fsyncs FileOutputStream out, byte[] data) throws IOException {
                    BufferedOutputStream buffered = new BufferedOutputStream(out);
                    buffered.write(data);
                    out.getFD().sync();
                  }
                  static void always(@Fsyncs Path file) throws IOException {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                      ch.force(false);
                    }
                  }
                  static void throwsOtherwise(@Fsyncs FileOutputStream out, boolean ok) throws IOException {
                    if (!ok) {
                      throw new IOException("not ok");
                    }
                    out.getFD().sync();
                  }
                  static void delegates(@Fsyncs Path file) throws IOException {
                    always(file);
                  }
                  static void notAnnotated(Path file) {}
                  // BUG: Diagnostic contains: `file` is annotated @Fsyncs, but writesOnly
                  static void writesOnly(@Fsyncs Path file, byte[] data) throws IOException {
                    Files.write(file, data);
                  }
                  static void optionsNotSpelledOut(@Fsyncs Path file, java.util.Set<OpenOption> options)
                      throws IOException {
                    try (FileChannel ch = FileChannel.open(file, options)) {
                      ch.force(true);
                    }
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet where the parameter is handed to code the analysis cannot follow (kept for a later force,
   * wrapped in an object), or is the target of a rename of a forced file.
   */
  @Test
  void quietWhenTheFileIsHandedOn() {
    helper
        .addSourceLines(
            "Io.java",
            TestSources.source(
                """
                import dev.fsyncguard.annotations.Fsyncs;
                final class Io {
                  private final List<Path> pending = new ArrayList<>();
                  void later(@Fsyncs Path file) {
                    pending.add(file);
                  }
                  record Target(Path path) {
                    void commit() throws IOException {
                      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                    }
                  }
                  static void wrapped(@Fsyncs Path file) throws IOException {
                    new Target(file).commit();
                  }
                  static void renamedOnto(Path source, @Fsyncs Path target) throws IOException {
                    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
                      ch.force(true);
                    }
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }
}
