package dev.fsyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.bugpatterns.BugChecker;
import java.util.List;

/**
 * A source file as {@code -XepPatchChecks:<check>} leaves it, character for character. {@code
 * BugCheckerRefactoringTestHelper}'s TEXT_MATCH formats both sides before comparing, so it cannot
 * see indentation.
 */
final class PatchedSource {
  private PatchedSource() {}

  /**
   * The text of {@code Store.java} patched by RenameWithoutFsync; fails when the input does not
   * compile.
   */
  static String of(List<String> javacArgs, String... lines) {
    return of(RenameWithoutFsync.class, javacArgs, lines);
  }

  /**
   * The text of {@code Store.java} patched by {@code check}; fails when the input does not compile.
   */
  static String of(Class<? extends BugChecker> check, List<String> javacArgs, String... lines) {
    return PatchRun.of(String.join("\n", lines) + "\n", javacArgs, ImmutableList.of(check))
        .patchedBy(ImmutableSet.of(check.getSimpleName()));
  }
}
