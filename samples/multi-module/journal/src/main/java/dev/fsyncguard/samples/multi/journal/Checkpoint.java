package dev.fsyncguard.samples.multi.journal;

import dev.fsyncguard.samples.multi.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Records how far the journal has been applied, next to the application's settings. */
public final class Checkpoint {
  private final Path file;

  public Checkpoint(Settings settings) {
    this.file = settings.directory().resolve("checkpoint");
  }

  /** Replaces the checkpoint; the rename can reach the disk before the data it names. */
  public void save(long position) throws IOException {
    Path tmp = file.resolveSibling("checkpoint.tmp");
    Files.writeString(tmp, Long.toString(position), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public long load() throws IOException {
    return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
  }
}
