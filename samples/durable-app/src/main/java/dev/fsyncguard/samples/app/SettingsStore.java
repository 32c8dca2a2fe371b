package dev.fsyncguard.samples.app;

import dev.fsyncguard.durable.DurableFiles;
import dev.fsyncguard.durable.DurableOutput;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Keeps application settings and an event journal on disk, surviving crashes at any point. */
public final class SettingsStore {
  private final Path directory;

  public SettingsStore(Path directory) {
    this.directory = directory;
  }

  /** Replaces the settings file in one durable, atomic step. */
  public void saveSettings(Map<String, String> settings) throws IOException {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(settings).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    DurableFiles.write(directory.resolve("settings.properties"), text, StandardCharsets.UTF_8);
  }

  public Map<String, String> loadSettings() throws IOException {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(directory.resolve("settings.properties"))) {
      properties.load(reader);
    }
    Map<String, String> settings = new TreeMap<>();
    properties.forEach((k, v) -> settings.put((String) k, (String) v));
    return settings;
  }

  /** Writes a large snapshot piece by piece; nothing is visible until the commit. */
  public void saveSnapshot(List<String> lines) throws IOException {
    try (DurableOutput out = DurableFiles.newOutput(directory.resolve("snapshot.txt"))) {
      Writer writer = out.writer(StandardCharsets.UTF_8);
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
      out.commit();
    }
  }

  /** Publishes a file the application wrote itself, forcing it before it takes the new name. */
  public void publish(Path written, String name) throws IOException {
    DurableFiles.rename(written, directory.resolve(name));
  }
}
