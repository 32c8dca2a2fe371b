package dev.fsyncguard.checker.protocol;

/**
 * The steps of a crash-safe replace that a rename site can get wrong, each reported by one check:
 * write the temp file on the target's file system, force its data, rename it over the target in one
 * atomic step, force the directory, and treat a failed force as failure.
 */
public enum ReplaceStep {
  /**
   * The temp file is created where a rename onto the target can be atomic: not in java.io.tmpdir.
   */
  TEMP_LOCATION("TempFileOutsideTargetDirectory"),
  /** The temp file's data is forced before the rename. */
  FORCE("RenameWithoutFsync"),
  /** The target is replaced in one step: never deleted first, never copied over. */
  ATOMIC("NonAtomicReplace"),
  /** The directory holding the target is forced after the rename. */
  DIRECTORY_FORCE("RenameWithoutDirectoryFsync"),
  /** A force that fails fails the replace: never swallowed, never retried. */
  FORCE_FAILURE("FsyncFailureIgnored");

  private final String check;

  ReplaceStep(String check) {
    this.check = check;
  }

  /**
   * The name of the check that reports this step, as {@code -Xep:} and {@code @SuppressWarnings}
   * spell it.
   */
  public String check() {
    return check;
  }
}
