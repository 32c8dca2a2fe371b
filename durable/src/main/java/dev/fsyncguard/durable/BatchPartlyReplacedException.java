package dev.fsyncguard.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * A batch failed while renaming: the files in {@link #replaced()} have their new content (visible,
 * the directory not forced, so not yet durable), those in {@link #unchanged()} keep their old
 * content. All temporary files were removed. A batch is atomic per file, not as a whole; callers
 * that need all-or-nothing must write one file that names the others.
 */
public final class BatchPartlyReplacedException extends DurableWriteException {
  private static final long serialVersionUID = 1L;

  private final transient List<Path> replaced;
  private final transient List<Path> unchanged;

  BatchPartlyReplacedException(List<Path> replaced, List<Path> unchanged, Throwable cause) {
    super(
        unchanged.get(0),
        "rename failed after "
            + replaced.size()
            + " of "
            + (replaced.size() + unchanged.size())
            + " files of the batch were replaced "
            + replaced
            + "; the others keep their old content",
        cause);
    this.replaced = List.copyOf(replaced);
    this.unchanged = List.copyOf(unchanged);
  }

  /**
   * The files that already have their new content, so a caller can decide whether to roll them
   * back.
   *
   * @return the replaced targets, in batch order ({@code null} after deserialization)
   */
  public List<Path> replaced() {
    return replaced;
  }

  /**
   * The files that keep their old content, the first of which failed to rename.
   *
   * @return the unchanged targets, in batch order ({@code null} after deserialization)
   */
  public List<Path> unchanged() {
    return unchanged;
  }
}
