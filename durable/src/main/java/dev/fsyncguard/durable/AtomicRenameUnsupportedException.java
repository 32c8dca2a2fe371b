package dev.fsyncguard.durable;

import java.nio.file.Path;

/**
 * The file system cannot rename atomically over the target (or source and target are on different
 * file systems), so the write was refused rather than degraded to delete-then-rename, which leaves
 * a moment with no file at all. The target is unchanged and no temporary file is left.
 */
public final class AtomicRenameUnsupportedException extends TargetUnchangedException {
  private static final long serialVersionUID = 1L;

  AtomicRenameUnsupportedException(Path target, Throwable cause) {
    super(
        target,
        "the file system cannot rename atomically onto this target; refusing a non-atomic replace",
        cause);
  }
}
