package dev.fsyncguard.crashtest.realbugs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashCheckResult;

/**
 * Which release of a library a run of the real-bug tests loads: failsafe runs them once on the
 * releases that fixed each bug and once on the releases that shipped it (see crashtest/pom.xml).
 */
final class Releases {
  private Releases() {}

  /** Whether this run loads the fixed releases. */
  static boolean fixed() {
    return Boolean.parseBoolean(required("realbug.fixed"));
  }

  /**
   * Fails unless {@code type} was loaded from the jar of {@code library}'s release named by the
   * system property {@code property}, so a run never judges another release than it says.
   *
   * @return that release
   */
  static String loaded(Class<?> type, String library, String property) {
    String release = required(property);
    String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertTrue(jar.endsWith("/" + library + "-" + release + ".jar"), type + " came from " + jar);
    return release;
  }

  /** Prints the report of the first bad state, for the build log: what the kit shows a user. */
  static void show(String what, CrashCheckResult result) {
    System.out.println(
        "==== "
            + what
            + ": "
            + result
            + result.firstBadState().map(bad -> "\n" + bad.report()).orElse(""));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          property + " is not set: the real-bug tests run from crashtest/pom.xml's failsafe runs");
    }
    return value;
  }
}
