package dev.fsyncguard.samples.saves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each save replaces its file and leaves no temp file behind, before and after the repair. */
class SavesTest {
  @TempDir Path directory;

  @Test
  void narrativeIsReplaced() throws IOException {
    Path note = directory.resolve("notes").resolve("one.md");
    new Saves().saveNarrative(note, "first");
    new Saves().saveNarrative(note, "second");
    assertEquals("second", Files.readString(note, StandardCharsets.UTF_8));
    assertEquals(List.of(note), list(note.getParent()));
  }

  @Test
  void settingsAreReplaced() throws IOException {
    File target = directory.resolve("app.conf").toFile();
    new Saves().saveSettings(target, Map.of("mode", "old"));
    new Saves().saveSettings(target, new TreeMap<>(Map.of("mode", "new", "size", "2")));
    assertEquals("mode=new\nsize=2\n", Files.readString(target.toPath(), StandardCharsets.UTF_8));
    assertEquals(List.of(target.toPath()), list(directory));
  }

  @Test
  void cacheEntryIsReplaced() throws IOException {
    Path entry = directory.resolve("entry.bin");
    new Saves().saveCache(entry, new byte[] {1});
    new Saves().saveCache(entry, new byte[] {2, 3});
    assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(entry));
    assertEquals(List.of(entry), list(directory));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
