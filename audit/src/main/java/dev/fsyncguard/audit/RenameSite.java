package dev.fsyncguard.audit;

import dev.fsyncguard.checker.protocol.ReplaceStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rename site and its verdict on each step of a crash-safe replace.
 *
 * @param file the source file, relative to the audited directory where possible
 * @param line 1-based line of the rename call, where the build reports it
 * @param column 1-based column of the rename call, where the build reports it (Error Prone's
 *     preferred position of the call: its opening parenthesis)
 * @param call the rename call as written, on one line, whole
 * @param verdict the verdict on the force step (RenameWithoutFsync)
 * @param detail where the unforced write or the force is, in words
 * @param relatedLine the line of that write or force, or 0
 * @param atomic the verdict on the atomic replace step (NonAtomicReplace)
 * @param tempLocation the verdict on the temp file's location (TempFileOutsideTargetDirectory)
 * @param directoryForce the verdict on the directory's force after the rename
 *     (RenameWithoutDirectoryFsync)
 * @param forceFailure the verdict on what a failed force does (FsyncFailureIgnored): its related
 *     line is the force whose failure is let go, where the build reports it
 */
public record RenameSite(
    String file,
    long line,
    long column,
    String call,
    Verdict verdict,
    String detail,
    long relatedLine,
    StepResult atomic,
    StepResult tempLocation,
    StepResult directoryForce,
    StepResult forceFailure) {

  /** The force step's verdict in the shape of the other steps. */
  public StepResult force() {
    StepResult.Outcome outcome =
        switch (verdict) {
          case FORCED -> StepResult.Outcome.PASS;
          case MISSING_FORCE -> StepResult.Outcome.FAIL;
          case SUPPRESSED -> StepResult.Outcome.SUPPRESSED;
          case BASELINED -> StepResult.Outcome.BASELINED;
          case DURABILITY_SWITCH -> StepResult.Outcome.REVIEW;
          case NOT_WRITTEN_HERE, NOT_A_RENAME -> StepResult.Outcome.NOT_APPLICABLE;
          case UNKNOWN -> StepResult.Outcome.UNKNOWN;
        };
    return new StepResult(outcome, verdict.label(), detail, relatedLine);
  }

  /** The verdict on one step. */
  public StepResult step(ReplaceStep step) {
    return switch (step) {
      case FORCE -> force();
      case ATOMIC -> atomic;
      case TEMP_LOCATION -> tempLocation;
      case DIRECTORY_FORCE -> directoryForce;
      case FORCE_FAILURE -> forceFailure;
    };
  }

  /** Every step's verdict by the name of its check, in report order. */
  public Map<String, StepResult> steps() {
    Map<String, StepResult> steps = new LinkedHashMap<>();
    for (ReplaceStep step : Reports.STEPS) {
      steps.put(step.check(), step(step));
    }
    return steps;
  }

  /** Whether the build reports this site for some check: the audit then exits with 1. */
  public boolean fails() {
    return Reports.STEPS.stream().anyMatch(step -> step(step).failed());
  }

  /** The same site under another file name. */
  RenameSite inFile(String name) {
    return new RenameSite(
        name,
        line,
        column,
        call,
        verdict,
        detail,
        relatedLine,
        atomic,
        tempLocation,
        directoryForce,
        forceFailure);
  }
}
