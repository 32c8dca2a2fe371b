package dev.fsyncguard.samples.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarrativeStoreTest {
  @TempDir Path directory;

  @Test
  void savedNoteReadsBack() throws IOException {
    NarrativeStore store = new NarrativeStore(directory);
    Map<String, String> frontmatter = new LinkedHashMap<>();
    frontmatter.put("title", "Chapter one");
    frontmatter.put("mood", "calm");

    store.saveNarrative("one", frontmatter, "It was a quiet night.\n\n");

    NarrativeStore.Note note = store.loadNarrative("one");
    assertEquals(frontmatter, note.frontmatter());
    assertEquals("It was a quiet night.", note.body());
  }

  @Test
  void saveReplacesAndLeavesNoTemporaryFile() throws IOException {
    NarrativeStore store = new NarrativeStore(directory);
    store.saveNarrative("one", Map.of("v", "1"), "first");
    store.saveNarrative("one", Map.of("v", "2"), "second");

    assertEquals("second", store.loadNarrative("one").body());
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(1, files.count());
    }
  }
}
