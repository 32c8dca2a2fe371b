package dev.fsyncguard.checker.flow;

/**
 * What is known about one file at one program point: how far its data may be from stable storage,
 * where that was decided, and whether an unforced path was left to a durability switch.
 *
 * @param level the file's level; higher is worse and wins at joins
 * @param position source position of the write that left the file dirty, or of the force that
 *     covered it; {@code -1} when unknown
 * @param excused on every path that left the file dirty, the author's durability switch was off
 */
public record FileState(Level level, int position, boolean excused) {

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

  public static final FileState UNTOUCHED = new FileState(Level.UNTOUCHED, -1, false);

  static FileState dirty(Level level, int position) {
    return new FileState(level, position, false);
  }

  static FileState forced(int position) {
    return new FileState(Level.FORCED, position, false);
  }

  /** True if a rename now could expose unforced data. */
  public boolean isDirty() {
    return level.isDirty();
  }

  private boolean isExcusedOrClean() {
    return !isDirty() || excused;
  }

  FileState excuse() {
    return isDirty() && !excused ? new FileState(level, position, true) : this;
  }

  FileState join(FileState other) {
    if (equals(other)) {
      return this;
    }
    int order = level.compareTo(other.level);
    FileState worse = order > 0 || (order == 0 && position >= other.position) ? this : other;
    boolean bothExcused = isExcusedOrClean() && other.isExcusedOrClean();
    return new FileState(worse.level, worse.position, worse.isDirty() && bothExcused);
  }
}
