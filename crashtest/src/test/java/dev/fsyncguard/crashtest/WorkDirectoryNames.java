package dev.fsyncguard.crashtest;

/**
 * Each run's directory is a fresh temporary directory, named in every report; the expectations of
 * these tests call it {@code /work}.
 */
final class WorkDirectoryNames {
  private WorkDirectoryNames() {}

  /** {@code text} with each run directory's name replaced by {@code /work}. */
  static String asWork(String text) {
    return text.replaceAll("/[^\\s\"]*/fsync-guard-crashtest-\\d+", "/work");
  }
}
