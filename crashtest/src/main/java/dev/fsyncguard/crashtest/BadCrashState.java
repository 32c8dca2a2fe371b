package dev.fsyncguard.crashtest;

import java.util.List;

/**
 * A crash state the check rejected: when the crash came, what the disk held, and why the check
 * failed.
 */
public final class BadCrashState {
  private static final int OPERATIONS_SHOWN_BEFORE = 12;
  private static final int OPERATIONS_SHOWN_AFTER = 3;

  private final CrashPoint crashPoint;
  private final String state;
  private final String howItCameAbout;
  private final Throwable failure;
  private final List<RecordedOperation> operations;

  BadCrashState(
      CrashPoint crashPoint,
      CrashState state,
      Throwable failure,
      List<RecordedOperation> operations) {
    this.crashPoint = crashPoint;
    this.state = state.toString();
    this.howItCameAbout = state.howItCameAbout();
    this.failure = failure;
    this.operations = operations;
  }

  public CrashPoint crashPoint() {
    return crashPoint;
  }

  /** What the disk held, one path a line, contents shortened. */
  public String state() {
    return state;
  }

  /** Which unforced changes this state kept and which it lost. */
  public String howItCameAbout() {
    return howItCameAbout;
  }

  /** What the check threw. */
  public Throwable failure() {
    return failure;
  }

  /** Everything above, with the operations around the crash point, for a test failure. */
  public String report() {
    StringBuilder text = new StringBuilder();
    text.append("A crash can leave a state the check rejects: ")
        .append(failure.getMessage() == null ? failure.toString() : failure.getMessage())
        .append("\n\n");
    text.append(crashPoint).append("\n\n");
    text.append("What the disk holds after the crash:\n").append(state).append('\n');
    text.append("How the model allows it:\n").append(howItCameAbout).append('\n');
    text.append("Operations (the crash is at ---):\n");
    int crash = crashPoint.index();
    int from = Math.max(0, crash - OPERATIONS_SHOWN_BEFORE);
    int to = Math.min(operations.size(), crash + OPERATIONS_SHOWN_AFTER);
    if (from > 0) {
      text.append("  ... ").append(from).append(" earlier\n");
    }
    for (int i = from; i < to; i++) {
      if (i == crash) {
        text.append("  --- crash ---\n");
      }
      text.append("  ").append(operations.get(i)).append('\n');
    }
    if (crash == operations.size()) {
      text.append("  --- crash ---\n");
    }
    if (to < operations.size()) {
      text.append("  ... ").append(operations.size() - to).append(" later\n");
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return report();
  }
}
