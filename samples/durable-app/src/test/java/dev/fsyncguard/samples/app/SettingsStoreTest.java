package dev.fsyncguard.samples.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path directory;

  @Test
  void settingsRoundTrip() throws IOException {
    SettingsStore store = new SettingsStore(directory);
    store.saveSettings(Map.of("theme", "dark", "size", "12"));
    store.saveSettings(Map.of("theme", "light"));
    assertEquals(Map.of("theme", "light"), store.loadSettings());
  }

  @Test
  void snapshotAndPublish() throws IOException {
    SettingsStore store = new SettingsStore(directory);
    store.saveSnapshot(List.of("a", "b"));
    assertEquals(List.of("a", "b"), Files.readAllLines(directory.resolve("snapshot.txt")));

    Path written = Files.writeString(directory.resolve("report.part"), "done");
    store.publish(written, "report.txt");
    assertEquals("done", Files.readString(directory.resolve("report.txt")));
  }
}
