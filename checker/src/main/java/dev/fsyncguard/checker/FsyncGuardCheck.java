package dev.fsyncguard.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.baseline.Baseline;
import dev.fsyncguard.checker.baseline.BaselineOptions;
import dev.fsyncguard.checker.util.NeverThrow;

/**
 * What every check shares: the analysis options of {@code -XepOpt:RenameWithoutFsync:…}, and the
 * build's baseline, which accepts the findings it lists so that only new ones are reported.
 */
abstract class FsyncGuardCheck extends BugChecker implements CompilationUnitTreeMatcher {
  final FsyncOptions options;
  private final BaselineOptions baseline;

  /**
   * @param flags the build's flags, or null for the defaults
   * @throws IllegalArgumentException when a flag is malformed
   */
  FsyncGuardCheck(ErrorProneFlags flags) {
    this.options = flags == null ? FsyncOptions.DEFAULT : FsyncOptions.from(flags);
    this.baseline = flags == null ? BaselineOptions.NONE : BaselineOptions.from(flags);
  }

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    NeverThrow.orNull(
        () -> {
          Baseline accepted = Baseline.of(state, baseline);
          if (accepted != null) {
            accepted.analysed(canonicalName(), tree);
          }
          return null;
        });
    return matchUnit(tree, state);
  }

  /** A finding about the whole compilation unit; none by default. */
  Description matchUnit(CompilationUnitTree tree, VisitorState state) {
    return Description.NO_MATCH;
  }

  /**
   * Whether the build's baseline accepts this check's finding at the leaf of {@code state}'s path:
   * then the check stays quiet there.
   */
  final boolean isBaselined(VisitorState state) {
    Boolean accepted =
        NeverThrow.orNull(
            () -> {
              Baseline accepting = Baseline.of(state, baseline);
              return accepting != null && accepting.accepts(canonicalName(), state);
            });
    return Boolean.TRUE.equals(accepted);
  }
}
