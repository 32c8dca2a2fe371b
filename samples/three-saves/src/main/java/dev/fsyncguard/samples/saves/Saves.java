package dev.fsyncguard.samples.saves;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Three saves as applications write them, each replacing a file through a temp file and a rename,
 * none of them crash-safe: the report's note save, a settings file written through a buffered
 * writer and {@code File.renameTo}, and a cache entry whose temp file is made in java.io.tmpdir.
 */
public final class Saves {
  /** Replaces the note at {@code path} with {@code markdown}. */
  public void saveNarrative(Path path, String markdown) throws IOException {
    Files.createDirectories(path.getParent());
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Replaces the settings file {@code target}, one {@code key=value} line per setting. */
  public void saveSettings(File target, Map<String, String> settings) throws IOException {
    File tmp = new File(target.getPath() + ".tmp");
    Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(tmp), StandardCharsets.UTF_8));
    try {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        out.write(setting.getKey() + "=" + setting.getValue() + "\n");
      }
    } finally {
      out.close();
    }
    if (!tmp.renameTo(target)) {
      throw new IOException("could not rename " + tmp + " to " + target);
    }
  }

  /** Replaces the cache entry {@code target} with {@code data}. */
  public void saveCache(Path target, byte[] data) throws IOException {
    Path tmp = Files.createTempFile("cache", ".tmp");
    Files.write(tmp, data);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
