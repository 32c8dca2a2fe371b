package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the fix tests judge a check's fixes: patched as patch mode does and compared character for
 * character, then compiled again with the check, which must be quiet (or report only what its
 * message left to the author); or reported with no fix at all. Each with or without {@code
 * fsync-guard-durable} on the class path, and each input also patched with every set of the six
 * checks ({@link PatchModes}).
 */
final class FixAssertions {
  private static final ImmutableList<String> WITHOUT_DURABLE =
      ImmutableList.of(
          "-classpath",
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.contains("durable"))
              .collect(Collectors.joining(File.pathSeparator)));

  /**
   * What the JDK-only repair adds at the end of a class (two-space indented): the platform field
   * and the directory helper every site of the class calls.
   */
  private static final ImmutableList<String> DIRECTORY_HELPER =
      ImmutableList.of(
          "",
          "  /** Windows cannot open a directory to force it; NTFS journals the rename itself. */",
          "  private static final boolean DIRECTORIES_CAN_BE_FORCED =",
          "      !System.getProperty(\"os.name\","
              + " \"\").toLowerCase(Locale.ROOT).startsWith(\"windows\");",
          "",
          "  /** Forces {@code directory}'s entries, so that a file renamed into it stays renamed"
              + " after a crash. */",
          "  private static void forceDirectory(Path directory) throws IOException {",
          "    if (DIRECTORIES_CAN_BE_FORCED) {",
          "      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))"
              + " {",
          "        channel.force(true);",
          "      }",
          "    }",
          "  }");

  /**
   * {@code lines}, a class whose last line is its closing brace, with the directory helper added
   * before it.
   */
  static String[] withDirectoryHelper(String... lines) {
    List<String> all = new java.util.ArrayList<>(Arrays.asList(lines).subList(0, lines.length - 1));
    all.addAll(DIRECTORY_HELPER);
    all.add(lines[lines.length - 1]);
    return all.toArray(new String[0]);
  }

  private final Class<? extends BugChecker> check;
  private final Class<?> test;

  /** The key of the {@code // BUG: Diagnostic matches:} line of a finding without fix. */
  private final String marker;

  FixAssertions(Class<? extends BugChecker> check, Class<?> test, String marker) {
    this.check = check;
    this.test = test;
    this.marker = marker;
  }

  /**
   * Patches {@code input}, compares it with {@code output}, and compiles {@code output} again:
   * quiet. Then patch mode with every set of the six checks on {@code input} ({@link PatchModes}).
   */
  void assertFixed(boolean durable, String[] input, String[] output) {
    assertThat(PatchedSource.of(check, args(durable), input))
        .isEqualTo(String.join("\n", output) + "\n");
    compiler(durable).addSourceLines("Store.java", output).expectNoDiagnostics().doTest();
    PatchModes.assertEverySubset(String.join("\n", input) + "\n", args(durable));
  }

  /** {@link #assertFixed(boolean, String[], String[])} with the output expected in each mode. */
  void assertFixed(boolean durable, String[] input, String[] withUtility, String[] jdkOnly) {
    assertFixed(durable, input, durable ? withUtility : jdkOnly);
  }

  /**
   * A repair that leaves this check's step to the author in one mode or both: the input's
   * diagnostic says so ("Left to you: … (Check)"), the other failing steps are repaired as {@code
   * withUtility} or {@code jdkOnly} shows, and the check then reports the site again without a fix.
   * Where the output is quiet, the repair covered the step after all (the utility's one call, say).
   */
  void assertRepaired(boolean durable, String[] input, String[] withUtility, String[] jdkOnly) {
    String[] output = durable ? withUtility : jdkOnly;
    assertThat(PatchedSource.of(check, args(durable), input))
        .isEqualTo(String.join("\n", output) + "\n");
    PatchRun after = PatchRun.of(String.join("\n", output) + "\n", args(durable), List.of(check));
    if (!after.findings().isEmpty()) {
      String name = check.getSimpleName();
      compiler(durable)
          .addSourceLines("Store.java", input)
          .expectErrorMessage(
              marker, m -> m.contains("Left to you:") && m.contains("(" + name + ")"))
          .doTest();
      for (PatchRun.Finding left : after.findings()) {
        assertWithMessage("left to the author, so no fix: %s", left.message())
            .that(left.fix())
            .isNull();
      }
    }
    PatchModes.assertEverySubset(String.join("\n", input) + "\n", args(durable));
  }

  /**
   * {@link #assertRepaired(boolean, String[], String[], String[])} with one output for both modes.
   */
  void assertRepaired(boolean durable, String[] input, String[] output) {
    assertRepaired(durable, input, output, output);
  }

  /** The finding stays, with no fix: patch mode leaves the file as it is. */
  void assertReportedWithoutFix(boolean durable, String... input) {
    assertThat(PatchedSource.of(check, args(durable), input))
        .isEqualTo(String.join("\n", input) + "\n");
    compiler(durable)
        .addSourceLines("Store.java", input)
        .expectErrorMessage(marker, m -> !m.contains("Fix:") && !m.contains("Did you mean"))
        .doTest();
    PatchModes.assertEverySubset(String.join("\n", input) + "\n", args(durable));
  }

  /** The check, with or without the durable utility on the class path. */
  CompilationTestHelper compiler(boolean durable) {
    CompilationTestHelper helper = CompilationTestHelper.newInstance(check, test);
    return durable ? helper : helper.setArgs(WITHOUT_DURABLE);
  }

  static ImmutableList<String> args(boolean durable) {
    return durable ? ImmutableList.of() : WITHOUT_DURABLE;
  }
}
