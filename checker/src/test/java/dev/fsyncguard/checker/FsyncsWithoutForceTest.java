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
            "import dev.fsyncguard.annotations.Fsyncs;",
            "import java.io.*;",
            "import java.nio.channels.FileChannel;",
            "import java.nio.file.*;",
            "final class Io {",
            "  // BUG: Diagnostic contains: `file` is annotated @Fsyncs, but closeOnly",
            "  static void closeOnly(@Fsyncs Path file) throws IOException {",
            "    FileChannel.open(file, StandardOpenOption.WRITE).close();",
            "  }",
            "  static void sometimes(",
            "      // BUG: Diagnostic contains: `file` is annotated @Fsyncs",
            "      @Fsyncs Path file, int size) throws IOException {",
            "    if (size > 10) {",
            "      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {",
            "        ch.force(true);",
            "      }",
            "    }",
            "  }",
            "  static void forceBeforeBufferedWriteIsFlushed(",
            "      // BUG: Diagnostic contains: `out` is annotated @Fsyncs",
            "      @Fsyncs FileOutputStream out, byte[] data) throws IOException {",
            "    BufferedOutputStream buffered = new BufferedOutputStream(out);",
            "    buffered.write(data);",
            "    out.getFD().sync();",
            "  }",
            "  static void always(@Fsyncs Path file) throws IOException {",
            "    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {",
            "      ch.force(false);",
            "    }",
            "  }",
            "  static void throwsOtherwise(@Fsyncs FileOutputStream out, boolean ok) throws IOException {",
            "    if (!ok) {",
            "      throw new IOException(\"not ok\");",
            "    }",
            "    out.getFD().sync();",
            "  }",
            "  static void delegates(@Fsyncs Path file) throws IOException {",
            "    always(file);",
            "  }",
            "  static void notAnnotated(Path file) {}",
            "}")
        .doTest();
  }
}
