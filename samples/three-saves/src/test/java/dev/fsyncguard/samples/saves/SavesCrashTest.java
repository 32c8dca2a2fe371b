package dev.fsyncguard.samples.saves;

import dev.fsyncguard.crashtest.CrashChecks;
import dev.fsyncguard.crashtest.CrashTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A power loss at any moment of a save leaves the old content or the new, and the new once the save
 * has returned: each save run on the crash kit's recording file system (the settings save, on
 * java.io, under the kit's agent).
 */
class SavesCrashTest {
  private static final byte[] OLD = "old note".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW = "new note".getBytes(StandardCharsets.UTF_8);

  @Test
  void narrativeHoldsOldOrNewContent() {
    CrashTest.startingWith(dir -> Files.write(Files.createDirectories(dir.resolve("notes")).resolve("one.md"), OLD))
        .run(dir -> new Saves().saveNarrative(dir.resolve("notes").resolve("one.md"), "new note"))
        .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("notes/one.md", OLD, NEW));
  }

  @Test
  void settingsHoldOldOrNewContent() {
    byte[] oldSettings = "theme=light\n".getBytes(StandardCharsets.UTF_8);
    byte[] newSettings = "theme=dark\n".getBytes(StandardCharsets.UTF_8);
    CrashTest.startingWith(dir -> Files.write(dir.resolve("app.conf"), oldSettings))
        .run(dir -> new Saves().saveSettings(dir.resolve("app.conf").toFile(), Map.of("theme", "dark")))
        .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("app.conf", oldSettings, newSettings));
  }

  @Test
  void cacheEntryHoldsOldOrNewContent() {
    CrashTest.startingWith(dir -> Files.write(dir.resolve("entry.bin"), OLD))
        .run(dir -> new Saves().saveCache(dir.resolve("entry.bin"), NEW))
        .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("entry.bin", OLD, NEW));
  }
}
