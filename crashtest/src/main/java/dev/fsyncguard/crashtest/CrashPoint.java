package dev.fsyncguard.crashtest;

import java.util.Optional;

/**
 * A moment the crash happens: after some number of the workload's operations and before the next.
 * Point 0 is before the first operation; the last point is after the last one, when the workload
 * has returned.
 */
public final class CrashPoint {
  private final int index;
  private final int count;
  private final RecordedOperation lastCompleted;
  private final RecordedOperation next;

  CrashPoint(int index, int count, RecordedOperation lastCompleted, RecordedOperation next) {
    this.index = index;
    this.count = count;
    this.lastCompleted = lastCompleted;
    this.next = next;
  }

  /** The number of operations completed before the crash, from 0. */
  public int index() {
    return index;
  }

  /** The operation completed just before the crash; empty at point 0. */
  public Optional<RecordedOperation> lastCompletedOperation() {
    return Optional.ofNullable(lastCompleted);
  }

  /** The operation the crash prevented; empty after the last one. */
  public Optional<RecordedOperation> nextOperation() {
    return Optional.ofNullable(next);
  }

  /** True at the last point: the workload had returned normally when the crash came. */
  public boolean workloadReturned() {
    return next == null;
  }

  @Override
  public String toString() {
    String where = "crash point " + index + " (of 0.." + (count - 1) + "): ";
    if (lastCompleted == null && next == null) {
      return where + "the workload performed no recorded operation";
    }
    if (lastCompleted == null) {
      return where + "before the first operation, " + next;
    }
    return where
        + "after "
        + lastCompleted
        + (next == null ? "\n  (the workload had returned)" : "\n  before " + next.describe());
  }
}
