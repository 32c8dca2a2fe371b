package dev.fsyncguard.checker.protocol;

import dev.fsyncguard.checker.dataflow.Outcome;

/**
 * The verdict on one step of a crash-safe replace at one site.
 *
 * @param outcome whether the step is done right, wrong, or does not apply
 * @param detail the reason in a few words, for the audit ("atomic", "created by
 *     File.createTempFile")
 * @param position the source position of the code the verdict rests on (the write, the delete, the
 *     temp file's creation), or {@code -1}
 */
public record StepVerdict(Outcome outcome, String detail, int position) {
  /** How a step stands at a site. */
  public enum Outcome {
    /** Done right on every path. */
    PASS,
    /** Done wrong on some path: the step's check reports the site. */
    FAIL,
    /** Nothing to check here, for example the renamed file was not written in the method. */
    NOT_APPLICABLE,
    /** The analysis could not tell. */
    UNKNOWN
  }

  static StepVerdict pass(String detail) {
    return new StepVerdict(Outcome.PASS, detail, -1);
  }

  static StepVerdict fail(String detail, int position) {
    return new StepVerdict(Outcome.FAIL, detail, position);
  }

  static StepVerdict notApplicable(String detail) {
    return new StepVerdict(Outcome.NOT_APPLICABLE, detail, -1);
  }

  static StepVerdict unknown(String detail) {
    return new StepVerdict(Outcome.UNKNOWN, detail, -1);
  }

  public boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
