package dev.fsyncguard.durable;

import java.nio.file.Path;

/**
 * The write failed before the rename: the target still has its old content (or still does not
 * exist) and the temporary file was removed. Retrying the whole write later is safe; nothing needs
 * cleaning up.
 */
public class TargetUnchangedException extends DurableWriteException {
  private static final long serialVersionUID = 1L;

  TargetUnchangedException(Path target, String what, Throwable cause) {
    super(target, what + "; target unchanged", cause);
  }
}
