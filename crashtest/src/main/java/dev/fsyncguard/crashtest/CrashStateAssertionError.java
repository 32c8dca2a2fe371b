package dev.fsyncguard.crashtest;

/** A crash test failed: a bad crash state was found, or the states could not all be checked. */
public final class CrashStateAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient CrashCheckResult result;

  CrashStateAssertionError(String message, Throwable cause, CrashCheckResult result) {
    super(message, cause);
    this.result = result;
  }

  /** The full result: the bad state, if any, and the counts. Null after deserialization. */
  public CrashCheckResult result() {
    return result;
  }
}
