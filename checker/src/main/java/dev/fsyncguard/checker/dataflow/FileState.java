package dev.fsyncguard.checker.dataflow;

/**
 * What is known about one file at one program point: how far its data may be from stable storage,
 * where that was decided, whether an unforced path was left to a durability switch, and, for a
 * dirty file, whether some of the paths that reach the point have it forced.
 *
 * @param level the file's level; higher is worse and wins at joins
 * @param position source position of the write that left the file dirty, or of the force that
 *     covered it; {@code -1} when unknown
 * @param excused on every path that left the file dirty, the author's durability switch was off
 * @param epoch the store's switch epoch when the file was last written: a later switch-off edge
 *     excuses it without touching it (see {@link FileStore#switchOff()})
 * @param forcedAt for a dirty file: whether some path reaching this point has it forced, and where
 *     (the latest such force in the source). Always {@link ForceSeen#NONE} when not dirty.
 * @param written the method wrote the file on some path reaching this point (a force alone is not a
 *     write; a summarised method's parameters are not written by it until it writes them)
 */
public record FileState(
    Level level, int position, boolean excused, int epoch, ForceSeen forcedAt, boolean written) {

  /** Ordered so that the join of two paths is the maximum. */
  public enum Level {
    /** Not written in this method (or moved away). */
    UNTOUCHED,
    /**
     * Another file was renamed onto this name here: the name is committed, its data is not ours.
     */
    RENAMED_INTO,
    /**
     * Deleted on some path reaching this point, and not written since: a rename onto it now leaves
     * a moment with no file at all.
     */
    DELETED,
    /** Forced after its last write. */
    FORCED,
    /**
     * A force of it failed and the failure was caught: its data may be lost even if a later force
     * succeeds, so a later force leaves it so. Not dirty: forcing again cannot help.
     */
    FORCE_FAILED,
    /**
     * A directory into which a file was renamed, not forced since on some path: after a crash the
     * rename may be undone. {@link #position} is the latest such rename.
     */
    DIRECTORY_PENDING,
    /** Written since the last force; the bytes are in the operating system's cache. */
    DIRTY,
    /** Written through a Java buffer that has not been flushed: even a force would miss it. */
    BUFFERED;

    boolean isDirty() {
      return compareTo(DIRTY) >= 0;
    }
  }

  public static final FileState UNTOUCHED =
      new FileState(Level.UNTOUCHED, -1, false, 0, ForceSeen.NONE, false);

  /** Written at {@code position}: the write is unforced on every path, whatever came before it. */
  static FileState dirty(Level level, int position, int epoch) {
    return new FileState(level, position, false, epoch, ForceSeen.NONE, true);
  }

  /**
   * A summarised method's parameter on entry: unforced as far as the method knows, not written by
   * it.
   */
  static FileState given() {
    return new FileState(Level.DIRTY, -1, false, 0, ForceSeen.NONE, false);
  }

  /**
   * A summarised method's stream field on entry: for all it knows, bytes wait in a Java buffer, and
   * it has written none of them.
   */
  static FileState givenBuffered() {
    return new FileState(Level.BUFFERED, -1, false, 0, ForceSeen.NONE, false);
  }

  /** Deleted by the call at {@code position}. */
  static FileState deleted(int position) {
    return new FileState(Level.DELETED, position, false, 0, ForceSeen.NONE, false);
  }

  /** True if the file was written in this method: forced since, or not. */
  public boolean isWritten() {
    return written;
  }

  /**
   * True if the method wrote the file, or forced it: a force shows the intent to commit, so the
   * rename that follows is a save whose atomicity and directory are judged.
   */
  public boolean isSavedHere() {
    return written || level == Level.FORCED || level == Level.FORCE_FAILED;
  }

  /** Renamed onto at {@code position}. */
  static FileState renamedInto(int position) {
    return new FileState(Level.RENAMED_INTO, position, false, 0, ForceSeen.NONE, false);
  }

  /** A force at {@code position} failed, and the failure was caught. */
  static FileState forceFailed(int position, boolean written) {
    return new FileState(Level.FORCE_FAILED, position, false, 0, ForceSeen.NONE, written);
  }

  /**
   * A directory a file was renamed into at {@code position}, in a store at switch epoch {@code
   * epoch}.
   */
  static FileState directoryPending(int position, int epoch) {
    return new FileState(Level.DIRECTORY_PENDING, position, false, epoch, ForceSeen.NONE, false);
  }

  /** True for a state a durability switch can excuse: dirty data, or a directory not yet forced. */
  private boolean isOutstanding() {
    return isDirty() || level == Level.DIRECTORY_PENDING;
  }

  /** Forced at {@code position}; {@code written} if the method wrote it before. */
  static FileState forced(int position, boolean written) {
    return new FileState(Level.FORCED, position, false, 0, ForceSeen.NONE, written);
  }

  /** True if a rename now could expose unforced data. */
  public boolean isDirty() {
    return level.isDirty();
  }

  /** For a dirty file: true if some path reaching this point has it forced, false if none has. */
  public boolean isForcedOnSomePath() {
    return forcedAt.any();
  }

  /** Dirty, bytes out of the Java buffer; the paths that were forced still are. */
  FileState flushed() {
    return new FileState(Level.DIRTY, position, excused, epoch, forcedAt, written);
  }

  /** This dirty state after a call that forces the file on some of its paths, at {@code call}. */
  FileState forcedOnSomePathAt(int call) {
    ForceSeen force = forcedAt.or(ForceSeen.at(call));
    return force.equals(forcedAt)
        ? this
        : new FileState(level, position, excused, epoch, force, written);
  }

  /** Excused in a store whose switch epoch is {@code storeEpoch}. */
  boolean isExcusedAt(int storeEpoch) {
    return isOutstanding() && (excused || epoch < storeEpoch);
  }

  /** This state with the store's epoch folded into {@link #excused}. */
  FileState resolvedAt(int storeEpoch) {
    return isExcusedAt(storeEpoch) && !excused
        ? new FileState(level, position, true, epoch, forcedAt, written)
        : this;
  }

  /**
   * The join of this state, from a store at epoch {@code mine}, with {@code other}, from a store at
   * epoch {@code theirs}, for a store at epoch {@code joined} (the smaller of the two). Dirty wins;
   * the result is excused only if every dirty side was, and forced on some path if either side is.
   */
  FileState join(FileState other, int mine, int theirs, int joined) {
    if (equals(other)) {
      // Excused at the joined (smaller) epoch exactly when excused at both: nothing to resolve.
      return this;
    }
    int order = level.compareTo(other.level);
    FileState worse = order > 0 || (order == 0 && position >= other.position) ? this : other;
    boolean eitherWritten = written || other.written;
    if (!worse.isOutstanding()) {
      return worse.written == eitherWritten
          ? worse
          : new FileState(
              worse.level, worse.position, worse.excused, worse.epoch, worse.forcedAt, true);
    }
    boolean excusedHere = !isOutstanding() || isExcusedAt(mine);
    boolean excusedThere = !other.isOutstanding() || other.isExcusedAt(theirs);
    boolean bothExcused = excusedHere && excusedThere;
    FileState joinedState =
        new FileState(
            worse.level,
            worse.position,
            bothExcused,
            bothExcused ? worse.epoch : Math.max(worse.epoch, joined),
            worse.isDirty() ? forceSeen().or(other.forceSeen()) : ForceSeen.NONE,
            eitherWritten);
    return joinedState.equals(this) ? this : joinedState.equals(other) ? other : joinedState;
  }

  /** What this side tells a join about forces: the force of a forced file, a dirty one's own. */
  private ForceSeen forceSeen() {
    if (level == Level.FORCED) {
      return ForceSeen.at(position);
    }
    return isDirty() ? forcedAt : ForceSeen.NONE;
  }
}
