package dev.fsyncguard.checker.flow;

/**
 * What is known about one file at one program point: how far its data may be from stable storage,
 * where that was decided, and whether an unforced path was left to a durability switch.
 *
 * @param level the file's level; higher is worse and wins at joins
 * @param position source position of the write that left the file dirty, or of the force that
 *     covered it; {@code -1} when unknown
 * @param excused on every path that left the file dirty, the author's durability switch was off
 * @param epoch the store's switch epoch when the file was last written: a later switch-off edge
 *     excuses it without touching it (see {@link FileStore#switchOff()})
 */
public record FileState(Level level, int position, boolean excused, int epoch) {

  /** Ordered so that the join of two paths is the maximum. */
  public enum Level {
    /** Not written in this method (or moved away, or deleted). */
    UNTOUCHED,
    /** Forced after its last write. */
    FORCED,
    /** Written since the last force; the bytes are in the operating system's cache. */
    DIRTY,
    /** Written through a Java buffer that has not been flushed: even a force would miss it. */
    BUFFERED;

    boolean isDirty() {
      return compareTo(DIRTY) >= 0;
    }
  }

  public static final FileState UNTOUCHED = new FileState(Level.UNTOUCHED, -1, false, 0);

  static FileState dirty(Level level, int position, int epoch) {
    return new FileState(level, position, false, epoch);
  }

  static FileState forced(int position) {
    return new FileState(Level.FORCED, position, false, 0);
  }

  /** True if a rename now could expose unforced data. */
  public boolean isDirty() {
    return level.isDirty();
  }

  /** Excused in a store whose switch epoch is {@code storeEpoch}. */
  boolean isExcusedAt(int storeEpoch) {
    return isDirty() && (excused || epoch < storeEpoch);
  }

  /** This state with the store's epoch folded into {@link #excused}. */
  FileState resolvedAt(int storeEpoch) {
    return isExcusedAt(storeEpoch) && !excused ? new FileState(level, position, true, epoch) : this;
  }

  /**
   * The join of this state, from a store at epoch {@code mine}, with {@code other}, from a store at
   * epoch {@code theirs}, for a store at epoch {@code joined} (the smaller of the two). Dirty wins;
   * the result is excused only if every dirty side was.
   */
  FileState join(FileState other, int mine, int theirs, int joined) {
    if (equals(other)) {
      // Excused at the joined (smaller) epoch exactly when excused at both: nothing to resolve.
      return this;
    }
    int order = level.compareTo(other.level);
    FileState worse = order > 0 || (order == 0 && position >= other.position) ? this : other;
    if (!worse.isDirty()) {
      return worse;
    }
    boolean excusedHere = !isDirty() || isExcusedAt(mine);
    boolean excusedThere = !other.isDirty() || other.isExcusedAt(theirs);
    boolean bothExcused = excusedHere && excusedThere;
    FileState joinedState =
        new FileState(
            worse.level,
            worse.position,
            bothExcused,
            bothExcused ? worse.epoch : Math.max(worse.epoch, joined));
    return joinedState.equals(this) ? this : joinedState.equals(other) ? other : joinedState;
  }
}
