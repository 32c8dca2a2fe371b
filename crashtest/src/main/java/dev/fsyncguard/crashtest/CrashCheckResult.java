package dev.fsyncguard.crashtest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What checking every crash state found, and how much was checked. */
public final class CrashCheckResult {
  private final int crashPoints;
  private final long statesChecked;
  private final int maxStatesPerCrashPoint;
  private final List<CrashPoint> crashPointsOverBound;
  private final BadCrashState firstBadState;
  private final Duration elapsed;

  CrashCheckResult(
      int crashPoints,
      long statesChecked,
      int maxStatesPerCrashPoint,
      List<CrashPoint> crashPointsOverBound,
      BadCrashState firstBadState,
      Duration elapsed) {
    this.crashPoints = crashPoints;
    this.statesChecked = statesChecked;
    this.maxStatesPerCrashPoint = maxStatesPerCrashPoint;
    this.crashPointsOverBound = Collections.unmodifiableList(crashPointsOverBound);
    this.firstBadState = firstBadState;
    this.elapsed = elapsed;
  }

  /**
   * Crash points checked: one more than the operations recorded, fewer if a bad state stopped the
   * check.
   */
  public int crashPoints() {
    return crashPoints;
  }

  /** Distinct states the check ran on, over all crash points. */
  public long statesChecked() {
    return statesChecked;
  }

  /** The bound on combinations tried at one crash point. */
  public int maxStatesPerCrashPoint() {
    return maxStatesPerCrashPoint;
  }

  /**
   * Crash points where the bound stopped the enumeration: their remaining states were not checked.
   */
  public List<CrashPoint> crashPointsOverBound() {
    return crashPointsOverBound;
  }

  /** True if every state the model allows was checked. */
  public boolean complete() {
    return crashPointsOverBound.isEmpty();
  }

  /** The first state the check rejected, in the order crash points happen. */
  public Optional<BadCrashState> firstBadState() {
    return Optional.ofNullable(firstBadState);
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** One line: counts, time, and whether anything was bad or left unchecked. */
  public String summary() {
    return statesChecked
        + " crash states at "
        + crashPoints
        + " crash points in "
        + elapsed.toMillis()
        + " ms"
        + (firstBadState != null
            ? ", a bad state at crash point " + firstBadState.crashPoint().index()
            : ", none bad")
        + (complete()
            ? ""
            : ", "
                + crashPointsOverBound.size()
                + " crash points over the bound of "
                + maxStatesPerCrashPoint
                + " states");
  }

  @Override
  public String toString() {
    return summary();
  }
}
