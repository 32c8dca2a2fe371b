package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the fix tests judge a check's fixes: patched as patch mode does and compared character for
 * character, then compiled again with the check, which must be quiet; or reported with no fix at
 * all. Each with or without {@code fsync-guard-durable} on the class path.
 */
final class FixAssertions {
  private static final ImmutableList<String> WITHOUT_DURABLE =
      ImmutableList.of(
          "-classpath",
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.contains("durable"))
              .collect(Collectors.joining(File.pathSeparator)));

  private final Class<? extends BugChecker> check;
  private final Class<?> test;
  /** The key of the {@code // BUG: Diagnostic matches:} line of a finding without fix. */
  private final String marker;

  FixAssertions(Class<? extends BugChecker> check, Class<?> test, String marker) {
    this.check = check;
    this.test = test;
    this.marker = marker;
  }

  /** Patches {@code input}, compares it with {@code output}, and compiles {@code output} again: quiet. */
  void assertFixed(boolean durable, String[] input, String[] output) {
    assertThat(PatchedSource.of(check, args(durable), input))
        .isEqualTo(String.join("\n", output) + "\n");
    compiler(durable).addSourceLines("Store.java", output).expectNoDiagnostics().doTest();
  }

  /** The finding stays, with no fix: patch mode leaves the file as it is. */
  void assertReportedWithoutFix(boolean durable, String... input) {
    assertThat(PatchedSource.of(check, args(durable), input))
        .isEqualTo(String.join("\n", input) + "\n");
    compiler(durable)
        .addSourceLines("Store.java", input)
        .expectErrorMessage(marker, m -> !m.contains("Fix:") && !m.contains("Did you mean"))
        .doTest();
  }

  /** The check, with or without the durable utility on the class path. */
  CompilationTestHelper compiler(boolean durable) {
    CompilationTestHelper helper = CompilationTestHelper.newInstance(check, test);
    return durable ? helper : helper.setArgs(WITHOUT_DURABLE);
  }

  private static ImmutableList<String> args(boolean durable) {
    return durable ? ImmutableList.of() : WITHOUT_DURABLE;
  }
}
