package dev.fsyncguard.samples.narrative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stores narrative notes as Markdown files with a small front-matter block. */
public final class NarrativeStore {
  private final Path directory;

  public NarrativeStore(Path directory) {
    this.directory = directory;
  }

  /** Replaces the note {@code name} with the given front matter and body. */
  public void saveNarrative(String name, Map<String, String> frontmatter, String body)
      throws IOException {
    Path path = directory.resolve(name + ".md");
    Files.createDirectories(path.getParent());
    String payload = render(frontmatter, body);
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, payload, StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads the note {@code name} back. */
  public Note loadNarrative(String name) throws IOException {
    String text = Files.readString(directory.resolve(name + ".md"), StandardCharsets.UTF_8);
    if (!text.startsWith("---\n")) {
      throw new IOException("note " + name + " has no front matter");
    }
    int end = text.indexOf("\n---\n", 4);
    if (end < 0) {
      throw new IOException("note " + name + " has unterminated front matter");
    }
    Map<String, String> frontmatter = new LinkedHashMap<>();
    for (String line : text.substring(4, end).split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        frontmatter.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    String body = text.substring(end + 5).strip();
    return new Note(frontmatter, body);
  }

  private static String render(Map<String, String> frontmatter, String body) {
    StringBuilder out = new StringBuilder("---\n");
    frontmatter.forEach((key, value) -> out.append(key).append(": ").append(value).append('\n'));
    return out.append("---\n\n").append(body.stripTrailing()).append('\n').toString();
  }

  /** A note as stored. */
  public record Note(Map<String, String> frontmatter, String body) {}
}
