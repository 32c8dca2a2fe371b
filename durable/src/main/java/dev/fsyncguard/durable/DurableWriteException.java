package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A durable write that did not complete. The subclass tells the caller what is on disk afterwards,
 * which is what recovery code needs to decide between "try again later" and "the new content may be
 * lost on a crash".
 */
public abstract class DurableWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Paths are not serializable; a deserialized exception keeps the message, which names the path.
   */
  private final transient Path target;

  DurableWriteException(Path target, String what, Throwable cause) {
    super(target + ": " + what + (cause == null ? "" : " (" + cause + ")"), cause);
    this.target = target;
  }

  /**
   * The file the failed write was replacing (for a batch whose directory could not be forced: the
   * directory), so that a caller handling several writes knows which one to recover.
   *
   * @return the target, or {@code null} after deserialization
   */
  public Path target() {
    return target;
  }
}
