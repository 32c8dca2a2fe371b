package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void redrawsOneLineInPlaceAndEndsIt() {
    ProgressBar bar = new ProgressBar(out, 120);
    for (int done = 1; done <= 120; done++) {
      bar.show(done);
    }
    assertFalse(printed().contains("\n"), printed());
    bar.finish();

    String printed = printed();
    assertTrue(
        printed.startsWith("\rfsync-guard audit: [" + " ".repeat(30) + "]   1/120 files"), printed);
    assertTrue(
        printed.contains(
            "\rfsync-guard audit: [" + "#".repeat(15) + " ".repeat(15) + "]  60/120 files\r"),
        printed);
    assertTrue(
        printed.endsWith("\rfsync-guard audit: [" + "#".repeat(30) + "] 120/120 files\n"), printed);
    // Every drawing is as wide as the last, so that none leaves a tail of an earlier one.
    List<String> drawings = List.of(printed.strip().split("\r"));
    assertEquals(1, drawings.stream().mapToInt(String::length).distinct().count(), printed);
  }

  @Test
  void drawsAtMostOncePerPercent() {
    ProgressBar bar = new ProgressBar(out, 10_000);
    for (int done = 1; done <= 10_000; done++) {
      bar.show(done);
    }
    bar.finish();
    assertEquals(101, printed().chars().filter(c -> c == '\r').count());
  }

  @Test
  void finishWithoutABarPrintsNothing() {
    new ProgressBar(out, 3).finish();
    assertEquals("", printed());
  }

  @Test
  void theAuditDrawsTheBarOnATerminal() throws Exception {
    Path root = dir.resolve("many");
    for (int i = 0; i < 120; i++) {
      Path source = root.resolve("demo/C" + i + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package demo;\nclass C" + i + " {}\nclass D" + i + " {}\n");
    }

    new AuditCompiler(out, true).audit(List.of(root), List.of(), List.of());

    String printed = printed();
    assertTrue(
        printed.startsWith("fsync-guard audit: analysing 120 files from 1 source root\n"), printed);
    assertTrue(printed.endsWith("] 120/120 files\n"), printed);
    // The line that names the work, then the bar's one line.
    assertEquals(2, printed.chars().filter(c -> c == '\n').count(), printed);
    assertFalse(printed.contains("%"), printed);
  }

  @Test
  void aFailedCompilationEndsTheBarsLine() throws IOException {
    Path source = dir.resolve("broken/demo/Broken.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package demo;\nclass Broken {\n  int x = undefinedName;\n}\n");

    try {
      new AuditCompiler(out, true).audit(List.of(dir.resolve("broken")), List.of(), List.of());
    } catch (AuditCompiler.CompilationFailedException expected) {
      assertTrue(printed().endsWith("\n"), printed());
      return;
    }
    throw new AssertionError("Broken.java compiled");
  }
}
