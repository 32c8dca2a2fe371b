package dev.fsyncguard.checker.dataflow;

/**
 * For a file dirty at a program point: whether some other path reaching the point had it forced,
 * and where. Joins take the {@link #or} of both sides, which keeps the latest force in the source,
 * so that they commute and associate.
 */
public sealed interface ForceSeen {
  /** No path reaching the point had the file forced. */
  ForceSeen NONE = new None();

  /** Some path had it forced, by a force whose position is unknown. */
  ForceSeen SOMEWHERE = new Somewhere();

  /** Forced at {@code position} on some path; {@link #SOMEWHERE} when the position is unknown. */
  static ForceSeen at(int position) {
    return position >= 0 ? new At(position) : SOMEWHERE;
  }

  /** Whether some path had the file forced. */
  default boolean any() {
    return this != NONE;
  }

  /** Forced on some path of either side; the later known position when both know one. */
  default ForceSeen or(ForceSeen other) {
    if (this instanceof At mine && other instanceof At theirs) {
      return mine.position() >= theirs.position() ? this : other;
    }
    if (this instanceof At || other == NONE) {
      return this;
    }
    return other instanceof At || this == NONE ? other : this;
  }

  /** No force on any path. */
  record None() implements ForceSeen {}

  /** A force whose position is unknown. */
  record Somewhere() implements ForceSeen {}

  /** A force at source position {@code position}. */
  record At(int position) implements ForceSeen {}
}
