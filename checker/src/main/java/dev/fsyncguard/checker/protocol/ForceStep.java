package dev.fsyncguard.checker.protocol;

import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.dataflow.RenameVerdict;

/**
 * Whether a renamed file's data is forced before the rename (step 2 of a crash-safe replace): the
 * one place where a force left to a durability switch is excused, unless the build asks for strict
 * checking.
 */
final class ForceStep {
  private ForceStep() {}

  static StepVerdict of(RenameSites.Site site, FsyncOptions options) {
    if (site.isCopy()) {
      return StepVerdict.notApplicable("a copy, not a rename");
    }
    RenameVerdict verdict = site.verdict();
    FileState state = verdict == null ? null : verdict.state();
    if (state == null) {
      return StepVerdict.unknown("not analysed");
    }
    if (!state.isDirty()) {
      // A force whose failure is caught was still made: that failure is step 5's.
      return state.level() == FileState.Level.FORCED
              || state.level() == FileState.Level.FORCE_FAILED
          ? new StepVerdict(StepVerdict.Outcome.PASS, "forced", state.position())
          : StepVerdict.notApplicable("not written here");
    }
    if (state.excused() && !options.strict()) {
      return new StepVerdict(
          StepVerdict.Outcome.NOT_APPLICABLE, "left to a durability switch", state.position());
    }
    return StepVerdict.fail(
        state.level() == FileState.Level.BUFFERED
            ? "written into a Java buffer"
            : "written, not forced",
        state.position());
  }
}
