package dev.fsyncguard.checker.dataflow;

/**
 * What one effect of a call did: the store after it, the call's value, and the stores on the call's
 * other ways out.
 *
 * @param store the store after the effect
 * @param value the call's value, or null when the effect gives it none
 * @param notRenamed for a rename that returns false when it fails: the store on that branch; else
 *     null
 * @param forceFailed for a force: the store where it throws; else null
 */
public record Outcome(
    FileStore store, FileValue value, FileStore notRenamed, FileStore forceFailed) {
  static Outcome of(FileStore store, FileValue value) {
    return new Outcome(store, value, null, null);
  }

  /** A force, or the first step of one, at whose failure {@code forceFailed} holds. */
  static Outcome forcing(FileStore store, FileValue value, FileStore forceFailed) {
    return new Outcome(store, value, null, forceFailed);
  }
}
