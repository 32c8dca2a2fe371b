package dev.fsyncguard.crashtest;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;

/**
 * The kit's Java agent: lets a workload use {@code java.io} ({@code File}, {@code
 * FileOutputStream}, {@code RandomAccessFile}, {@code FileDescriptor.sync}) and paths of the
 * default file system built from strings, with everything it does under its directory recorded like
 * the kit's own paths, and everything it would write elsewhere refused.
 *
 * <p>Loaded with {@code -javaagent:} pointing at this artifact's jar (see {@code
 * docs/crashtest.md}); without it the kit runs NIO workloads on its own paths as before and says
 * what to add when a workload reaches past them. Outside a running crash test the hooks it puts
 * into the JDK's classes do nothing but one lookup.
 */
public final class CrashTestAgent {
  private static volatile boolean installed;
  private static volatile String notInstalledBecause = "it was not loaded (no -javaagent flag)";

  private CrashTestAgent() {}

  /**
   * Called by the JVM for {@code -javaagent:}.
   *
   * @param arguments ignored
   * @param instrumentation the JVM's instrumentation
   */
  public static void premain(String arguments, Instrumentation instrumentation) {
    install(instrumentation);
  }

  private static synchronized void install(Instrumentation instrumentation) {
    if (installed) {
      return;
    }
    try {
      instrumentation.addTransformer(new CallSiteRewriter(), false);
      JdkInterception.install(instrumentation);
      installed = true;
    } catch (LinkageError | RuntimeException | UnmodifiableClassException e) {
      // A failed agent must not stop the test JVM: the kit then says why java.io is not covered.
      notInstalledBecause = "it failed to install: " + e;
      System.err.println("fsync-guard crashtest agent: not installed: " + e);
    }
  }

  /** Whether the agent is loaded and its hooks are in place. */
  static boolean installed() {
    return installed;
  }

  /** What to add to the test JVM's flags, for messages that say the agent is missing. */
  static String howToLoad() {
    return "the crash-test agent is not active ("
        + notInstalledBecause
        + "). Add -javaagent:<path of the fsync-guard-crashtest jar> to the test JVM: with Maven,"
        + " run maven-dependency-plugin's 'properties' goal and give surefire"
        + " <argLine>-javaagent:${dev.fsyncguard:fsync-guard-crashtest:jar}</argLine>; with Gradle,"
        + " jvmArgs \"-javaagent:${configurations.testRuntimeClasspath.find {"
        + " it.name.startsWith('fsync-guard-crashtest') }}\" (docs/crashtest.md, 'java.io and"
        + " paths built from strings')";
  }
}
