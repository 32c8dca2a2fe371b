package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The fixes of {@link RenameWithoutFsync} where the force's {@code IOException} may not be thrown:
 * methods without {@code throws}, {@code Runnable} and {@code Callable} lambdas, constructors and
 * static initialisers. The force then goes inside the {@code try} that catches, or no fix is
 * offered. Each shape once with the durable utility on the class path and once without.
 */
final class RenameWithoutFsyncFixWhereNothingMayThrowTest {
  private static final FixAssertions FIXES =
      new FixAssertions(
          RenameWithoutFsync.class, RenameWithoutFsyncFixWhereNothingMayThrowTest.class, "RENAME");

  private static void assertFixed(boolean durable, String[] input, String[] output) {
    FIXES.assertFixed(durable, input, output);
  }

  private static void assertReportedWithoutFix(boolean durable, String... input) {
    FIXES.assertReportedWithoutFix(durable, input);
  }

  private static CompilationTestHelper compiler(boolean durable) {
    return FIXES.compiler(durable);
  }

  private static final String[] NO_THROWS_INPUT = {
    "import java.io.*;",
    "class Store {",
    "  boolean save(File tmp, File target, byte[] data) {",
    "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
    "      out.write(data);",
    "    } catch (IOException e) {",
    "      return false;",
    "    }",
    "    return tmp.renameTo(target);",
    "  }",
    "}"
  };

  @Test
  void withoutThrowsForcesInsideTheTryThatCatches() {
    assertFixed(
        true,
        NO_THROWS_INPUT,
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "class Store {",
          "  boolean save(File tmp, File target, byte[] data) {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      out.flush();",
          "      DurableFiles.force(tmp.toPath());",
          "    } catch (IOException e) {",
          "      return false;",
          "    }",
          "    return tmp.renameTo(target);",
          "  }",
          "}"
        });
  }

  @Test
  void withoutThrowsJdkOnlyForcesInsideTheTryThatCatches() {
    assertFixed(
        false,
        NO_THROWS_INPUT,
        new String[] {
          "import java.io.*;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.StandardOpenOption;",
          "class Store {",
          "  boolean save(File tmp, File target, byte[] data) {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(data);",
          "      out.flush();",
          "      try (FileChannel channel = FileChannel.open(tmp.toPath(),"
              + " StandardOpenOption.WRITE)) {",
          "        channel.force(true);",
          "      }",
          "    } catch (IOException e) {",
          "      return false;",
          "    }",
          "    return tmp.renameTo(target);",
          "  }",
          "}"
        });
  }

  @Test
  void withoutThrowsNoFixWhenCloseWritesMore() {
    assertReportedWithoutFix(
        true,
        "import java.io.*;",
        "import java.util.zip.GZIPOutputStream;",
        "class Store {",
        "  boolean save(File tmp, File target, byte[] data) {",
        "    try (OutputStream out = new GZIPOutputStream(new FileOutputStream(tmp))) {",
        "      out.write(data);",
        "    } catch (IOException e) {",
        "      return false;",
        "    }",
        "    // BUG: Diagnostic matches: RENAME",
        "    return tmp.renameTo(target);",
        "  }",
        "}");
  }

  @Test
  void withoutThrowsNoFixWhenTheCatchContinues() {
    assertReportedWithoutFix(
        false,
        "import java.io.*;",
        "class Store {",
        "  boolean save(File tmp, File target, byte[] data) {",
        "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
        "      out.write(data);",
        "    } catch (IOException e) {",
        "      System.err.println(e);",
        "    }",
        "    // BUG: Diagnostic matches: RENAME",
        "    return tmp.renameTo(target);",
        "  }",
        "}");
  }

  @Test
  void runnableLambdaGetsNoFixOutsideItsCatch() {
    assertReportedWithoutFix(
        true,
        "import java.io.*;",
        "class Store {",
        "  Runnable saver(File tmp, File target, byte[] data) {",
        "    return () -> {",
        "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
        "        out.write(data);",
        "      } catch (IOException e) {",
        "        System.err.println(e);",
        "      }",
        "      // BUG: Diagnostic matches: RENAME",
        "      tmp.renameTo(target);",
        "    };",
        "  }",
        "}");
  }

  @Test
  void runnableLambdaForcesInsideItsTry() {
    assertFixed(
        true,
        new String[] {
          "import java.io.*;",
          "class Store {",
          "  Runnable saver(File tmp, File target, byte[] data) {",
          "    return () -> {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "      } catch (IOException e) {",
          "        throw new UncheckedIOException(e);",
          "      }",
          "      tmp.renameTo(target);",
          "    };",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "class Store {",
          "  Runnable saver(File tmp, File target, byte[] data) {",
          "    return () -> {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "        out.flush();",
          "        DurableFiles.force(tmp.toPath());",
          "      } catch (IOException e) {",
          "        throw new UncheckedIOException(e);",
          "      }",
          "      tmp.renameTo(target);",
          "    };",
          "  }",
          "}"
        });
  }

  @Test
  void callableLambdaMayThrowSoForcesBeforeTheRename() {
    assertFixed(
        false,
        new String[] {
          "import java.io.*;",
          "import java.util.concurrent.Callable;",
          "class Store {",
          "  Callable<Boolean> saver(File tmp, File target, byte[] data) {",
          "    return () -> {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "      }",
          "      return tmp.renameTo(target);",
          "    };",
          "  }",
          "}"
        },
        new String[] {
          "import java.io.*;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.StandardOpenOption;",
          "import java.util.concurrent.Callable;",
          "class Store {",
          "  Callable<Boolean> saver(File tmp, File target, byte[] data) {",
          "    return () -> {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(data);",
          "      }",
          "      try (FileChannel channel = FileChannel.open(tmp.toPath(),"
              + " StandardOpenOption.WRITE)) {",
          "        channel.force(true);",
          "      }",
          "      return tmp.renameTo(target);",
          "    };",
          "  }",
          "}"
        });
  }

  @Test
  void constructorThatDeclaresIOExceptionForcesBeforeTheRename() {
    assertFixed(
        true,
        new String[] {
          "import java.io.*;",
          "import java.nio.file.*;",
          "class Store {",
          "  Store(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target);",
          "  }",
          "}"
        },
        new String[] {
          "import dev.fsyncguard.durable.DurableFiles;",
          "import java.io.*;",
          "import java.nio.file.*;",
          "class Store {",
          "  Store(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    DurableFiles.force(tmp);",
          "    Files.move(tmp, target);",
          "    DurableFiles.forceDirectory(target.toAbsolutePath().getParent());",
          "  }",
          "}"
        });
  }

  @Test
  void constructorWithoutThrowsGetsNoFix() {
    assertReportedWithoutFix(
        true,
        "import java.io.*;",
        "class Store {",
        "  boolean ok;",
        "  Store(File tmp, File target, byte[] data) {",
        "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
        "      out.write(data);",
        "    } catch (IOException e) {",
        "      System.err.println(e);",
        "    }",
        "    // BUG: Diagnostic matches: RENAME",
        "    ok = tmp.renameTo(target);",
        "  }",
        "}");
  }

  @Test
  void staticInitialiserGetsNoFixOutsideACatch() {
    assertReportedWithoutFix(
        false,
        "import java.io.*;",
        "class Store {",
        "  static final File TMP = new File(\"t.tmp\");",
        "  static {",
        "    try (FileOutputStream out = new FileOutputStream(TMP)) {",
        "      out.write(1);",
        "    } catch (IOException e) {",
        "      System.err.println(e);",
        "    }",
        "    // BUG: Diagnostic matches: RENAME",
        "    TMP.renameTo(new File(\"t\"));",
        "  }",
        "}");
  }

  @Test
  void staticInitialiserForcesInsideItsTry() {
    assertFixed(
        false,
        new String[] {
          "import java.io.*;",
          "class Store {",
          "  static {",
          "    File tmp = new File(\"t.tmp\");",
          "    int channel = 0;",
          "    try {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(channel);",
          "      }",
          "      tmp.renameTo(new File(\"t\"));",
          "    } catch (IOException e) {",
          "      throw new UncheckedIOException(e);",
          "    }",
          "  }",
          "}"
        },
        new String[] {
          "import java.io.*;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.StandardOpenOption;",
          "class Store {",
          "  static {",
          "    File tmp = new File(\"t.tmp\");",
          "    int channel = 0;",
          "    try {",
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(channel);",
          "      }",
          "      try (FileChannel channel2 = FileChannel.open(tmp.toPath(),"
              + " StandardOpenOption.WRITE)) {",
          "        channel2.force(true);",
          "      }",
          "      tmp.renameTo(new File(\"t\"));",
          "    } catch (IOException e) {",
          "      throw new UncheckedIOException(e);",
          "    }",
          "  }",
          "}"
        });
  }
}
