package dev.fsyncguard.checker.baseline;

/**
 * A baseline file that cannot be used: missing, unreadable, or with a line that is not an entry.
 */
public final class BaselineException extends Exception {
  private static final long serialVersionUID = 1L;

  BaselineException(String message) {
    super(message);
  }

  BaselineException(String message, Throwable cause) {
    super(message, cause);
  }
}
