package dev.fsyncguard.audit;

/** What the audit concludes about one rename site's force step (RenameWithoutFsync). */
public enum Verdict {
  /** The renamed file's last write was forced on every path to the rename. */
  FORCED("forced"),
  /** On some path the last write reaches the rename unforced: RenameWithoutFsync reports it. */
  MISSING_FORCE("missing force"),
  /**
   * The renamed file was not written in the method: rotation, quarantine, a move of a read file.
   */
  NOT_WRITTEN_HERE("not written here"),
  /** It would be reported, but the code suppresses RenameWithoutFsync there. */
  SUPPRESSED("suppressed"),
  /** It would be reported, but the build's baseline lists it: accepted until fixed. */
  BASELINED("baselined"),
  /** The force is skipped only when a boolean durability switch is off. */
  DURABILITY_SWITCH("left to a durability switch"),
  /**
   * The call copies a file written in the method onto another name ({@code Files.copy}): not a
   * rename, so RenameWithoutFsync does not judge it. Only the other steps are judged.
   */
  NOT_A_RENAME("not a rename"),
  /**
   * The analysis could not decide: it met code it cannot follow, and rather than break the
   * compilation it gives no verdict, so the build reports nothing here either. Review by hand.
   */
  UNKNOWN("not analysed");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** How the verdict reads in the table. */
  public String label() {
    return label;
  }
}
