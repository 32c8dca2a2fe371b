package dev.fsyncguard.durable;

import java.nio.file.Path;

/**
 * The new content is in place and forced, but forcing the directory after the rename failed:
 * readers see the new content now, yet after a crash the name may still point at the old file. The
 * failed force is not retried (after a failed fsync, Linux may report a later one as successful
 * without writing anything); a caller that must know the rename is durable writes the file again.
 */
public final class ReplacedButNotDurableException extends DurableWriteException {
  private static final long serialVersionUID = 1L;

  ReplacedButNotDurableException(Path target, String what, Throwable cause) {
    super(target, what + "; new content visible but not yet durable", cause);
  }
}
