package dev.fsyncguard.audit;

/**
 * What one check concludes at one site: one step of a crash-safe replace (temp file next to the
 * target, data forced, target replaced atomically).
 *
 * @param outcome how the step stands
 * @param label how it reads in the table's column for the step
 * @param detail the reason in words, with the line and statement it rests on where there is one
 * @param relatedLine the line of the code the verdict rests on (the write, the force, the delete,
 *     the temp file's creation), or 0
 */
public record StepResult(Outcome outcome, String label, String detail, long relatedLine) {
  /** How a step stands at a site, as the build would see it. */
  public enum Outcome {
    /** Done right on every path. */
    PASS,
    /** Done wrong on some path: the build reports the site. */
    FAIL,
    /** Done wrong, but the code suppresses the step's check there: the build is silent. */
    SUPPRESSED,
    /** Done wrong, and listed in the build's baseline: the build is silent until it is fixed. */
    BASELINED,
    /**
     * Left to the code's own choice at run time (a durability switch): the build is silent unless
     * strict, and a person should look.
     */
    REVIEW,
    /**
     * Nothing to check: the file is not written here, the call is a copy, the temp file is local.
     */
    NOT_APPLICABLE,
    /** The analysis could not decide, so the build reports nothing either. Review by hand. */
    UNKNOWN
  }

  /** Whether the build reports the site for this step. */
  public boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
