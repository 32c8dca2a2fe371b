package dev.fsyncguard.samples.multi.settings;

import dev.fsyncguard.durable.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Application settings, replaced in one durable, atomic step. */
public final class Settings {
  private final Path file;

  public Settings(Path file) {
    this.file = file;
  }

  /** The directory the settings are kept in; the journal keeps its checkpoint there too. */
  public Path directory() {
    return file.getParent();
  }

  public void save(Map<String, String> settings) throws IOException {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(settings).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    DurableFiles.write(file, text, StandardCharsets.UTF_8);
  }

  public String load() throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
