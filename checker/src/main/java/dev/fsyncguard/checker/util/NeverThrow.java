package dev.fsyncguard.checker.util;

import java.util.function.Supplier;

/**
 * The guard around every part of the analysis a check runs: an unexpected tree shape means no
 * result, never an exception that breaks the user's compilation, except in our own test runs.
 */
public final class NeverThrow {
  /**
   * Set in our own test runs: an internal error fails the test instead of hiding as "no finding".
   */
  public static final String FAIL_ON_ANALYSIS_ERROR = "dev.fsyncguard.failOnAnalysisError";

  private NeverThrow() {}

  /** What {@code work} returns, or null when it throws (rethrown in our own test runs). */
  public static <T> T orNull(Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(FAIL_ON_ANALYSIS_ERROR)) {
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw (Error) e;
      }
      return null;
    }
  }
}
