package dev.fsyncguard.checker.dataflow;

import dev.fsyncguard.checker.dataflow.FileState.Level;
import dev.fsyncguard.checker.util.PersistentMap;
import java.util.Collection;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;

/**
 * The facts at one program point: what each variable holds (a name of or a handle on which file),
 * and the state of each file written so far. Immutable, and built on maps that share structure, so
 * a method's stores cost what they differ by.
 */
public final class FileStore implements Store<FileStore> {
  static final FileStore EMPTY =
      new FileStore(PersistentMap.empty(), PersistentMap.empty(), 0, PersistentMap.empty(), false);

  private final PersistentMap<Element, FileValue> bindings;
  private final PersistentMap<FileKey, FileState> files;

  /**
   * How many durability-switch-off edges this path took (the smaller at joins). Files written
   * before the last one are excused: a switch excuses every dirty file at once, in constant time.
   */
  private final int epoch;

  /**
   * The boolean locals known to hold a constant here ({@code success = true} after the last step of
   * a {@code try}): a {@code finally} that commits only {@code if (success)} never commits on the
   * paths that threw before it.
   */
  private final PersistentMap<Element, Boolean> flags;

  /** No execution reaches this point: the branch a known flag rules out. The join's identity. */
  private final boolean unreachable;

  private FileStore(
      PersistentMap<Element, FileValue> bindings,
      PersistentMap<FileKey, FileState> files,
      int epoch,
      PersistentMap<Element, Boolean> flags,
      boolean unreachable) {
    this.bindings = bindings;
    this.files = files;
    this.epoch = epoch;
    this.flags = flags;
    this.unreachable = unreachable;
  }

  private FileStore with(
      PersistentMap<Element, FileValue> bindings,
      PersistentMap<FileKey, FileState> files,
      int epoch) {
    return bindings == this.bindings && files == this.files && epoch == this.epoch
        ? this
        : new FileStore(bindings, files, epoch, flags, unreachable);
  }

  /** The constant {@code variable}, a boolean local, holds here; null when unknown. */
  Boolean flag(Element variable) {
    return flags.get(variable);
  }

  /** {@code variable} now holds {@code value}; null when it is not a known constant. */
  FileStore withFlag(Element variable, Boolean value) {
    PersistentMap<Element, Boolean> changed =
        value == null ? flags.remove(variable) : flags.put(variable, value);
    return changed == flags ? this : new FileStore(bindings, files, epoch, changed, unreachable);
  }

  /** This point as one no execution reaches. */
  FileStore unreachable() {
    return unreachable ? this : new FileStore(bindings, files, epoch, flags, true);
  }

  /** Whether no execution reaches this point: what happens here decides no verdict. */
  boolean isUnreachable() {
    return unreachable;
  }

  FileValue binding(Element variable) {
    return bindings.get(variable);
  }

  FileStore bind(Element variable, FileValue value) {
    return with(
        value == null || value.file() == null
            ? bindings.remove(variable)
            : bindings.put(variable, value),
        files,
        epoch);
  }

  /**
   * A variable holding a buffered stream on {@code file}, or null; the first by name if several.
   */
  Element bufferedHandleOn(FileKey file) {
    Element[] found = new Element[1];
    bindings.forEach(
        (variable, value) -> {
          if (value.isBuffered()
              && file.equals(value.file())
              && (found[0] == null
                  || variable
                          .getSimpleName()
                          .toString()
                          .compareTo(found[0].getSimpleName().toString())
                      < 0)) {
            found[0] = variable;
          }
        });
    return found[0];
  }

  /** The switch epoch new writes are stamped with. */
  int epoch() {
    return epoch;
  }

  /** The state of {@code file} as written; {@link FileState#UNTOUCHED} when nothing is known. */
  FileState rawState(FileKey file) {
    FileState state = files.get(file);
    return state == null ? FileState.UNTOUCHED : state;
  }

  /** The state of {@code file}, with the excuses of switches taken since its write resolved. */
  public FileState state(FileKey file) {
    return rawState(file).resolvedAt(epoch);
  }

  FileStore update(FileKey file, UnaryOperator<FileState> change) {
    FileState before = rawState(file);
    FileState after = change.apply(before);
    if (after.equals(before)) {
      return this;
    }
    return with(
        bindings,
        after.equals(FileState.UNTOUCHED) ? files.remove(file) : files.put(file, after),
        epoch);
  }

  /**
   * Whether some file's force at {@code position} failed and nothing changed the file since: its
   * data, written before, may be lost.
   */
  public boolean hasFailedForceAt(int position) {
    boolean[] found = new boolean[1];
    files.forEach(
        (file, state) ->
            found[0] |=
                state.level() == FileState.Level.FORCE_FAILED && state.position() == position);
    return found[0];
  }

  /**
   * Whether, besides the files in {@code known}, some file is forced here that was not written: a
   * force a caller cannot relate to any file it names, which may be a directory's.
   */
  boolean forcesBeyond(Collection<FileKey> known) {
    boolean[] found = new boolean[1];
    files.forEach(
        (file, state) ->
            found[0] |=
                state.level() == FileState.Level.FORCED
                    && !state.isWritten()
                    && !known.contains(file));
    return found[0];
  }

  /** Every directory with a pending rename counts as forced at {@code position}. */
  private FileStore forceEveryPendingDirectory(int position) {
    PersistentMap<FileKey, FileState>[] result = new PersistentMap[] {files};
    files.forEach(
        (file, state) -> {
          if (state.level() == FileState.Level.DIRECTORY_PENDING) {
            result[0] = result[0].put(file, FileState.forced(position, false));
          }
        });
    return with(bindings, result[0], epoch);
  }

  /**
   * {@code file} written at {@code position}, its bytes at {@code level} ({@link Level#DIRTY} in
   * the OS, {@link Level#BUFFERED} in a Java buffer): unforced on every path, whatever came before.
   */
  FileStore written(FileKey file, Level level, int position) {
    return update(
        file,
        s -> FileState.dirty(s.level().compareTo(level) > 0 ? s.level() : level, position, epoch));
  }

  /** Written through {@code handle}: into its buffer, or durably through a synchronous one. */
  FileStore writtenThrough(FileValue handle, int position) {
    if (handle.isBuffered()) {
      return written(handle.file(), Level.BUFFERED, position);
    }
    return handle.isSynchronous()
        ? writtenSynchronously(handle.file(), position)
        : written(handle.file(), Level.DIRTY, position);
  }

  /** A write through a SYNC/DSYNC descriptor is durable when it returns, but covers only itself. */
  FileStore writtenSynchronously(FileKey file, int position) {
    return update(file, s -> s.isDirty() ? s : FileState.forced(position, true));
  }

  /** The handle's Java buffers emptied into the OS; a synchronous descriptor makes that durable. */
  FileStore drained(FileValue handle, int position) {
    if (!handle.isBuffered()) {
      return this;
    }
    return update(
        handle.file(),
        s ->
            s.level() != Level.BUFFERED
                ? s
                : handle.isSynchronous() ? FileState.forced(position, true) : s.flushed());
  }

  /**
   * {@code file} forced at {@code position}. A force covers what reached the OS; bytes still in a
   * Java buffer are not covered. A directory into which a file was renamed is forced, and so are
   * the renames into it. A file forced but not written here is not written by the force; forcing
   * the name a file was renamed onto does not commit the rename. A force of a file the method has
   * not touched may be a force of a directory the analysis cannot relate to a rename: every pending
   * directory then counts as forced.
   */
  FileStore forced(FileKey file, int position) {
    FileState before = rawState(file);
    switch (before.level()) {
      case DIRECTORY_PENDING:
        return update(file, s -> FileState.forced(position, false));
      case RENAMED_INTO:
      case BUFFERED:
      case FORCE_FAILED:
        // After a failed force, a later one that succeeds says nothing about the data lost.
        return this;
      default:
        if (!before.isWritten()) {
          FileStore forced = forceEveryPendingDirectory(position);
          return before.level() == Level.DELETED
              ? forced
              : forced.update(file, s -> FileState.forced(position, false));
        }
        return update(file, s -> FileState.forced(position, true));
    }
  }

  /**
   * The store where the force of {@code file} at {@code position} fails: data the force would have
   * covered may be lost, and a directory's renames may be undone. Null when the file has nothing
   * such a failure could lose.
   */
  FileStore afterFailedForce(FileKey file, int position) {
    Level level = rawState(file).level();
    return level == Level.DIRTY || level == Level.DIRECTORY_PENDING
        ? update(file, s -> FileState.forceFailed(position, s.written()))
        : null;
  }

  /** The store on the path where a durability switch is off: every dirty file is excused. */
  FileStore switchOff() {
    return new FileStore(bindings, files, epoch + 1, flags, unreachable);
  }

  @Override
  public FileStore copy() {
    return this;
  }

  @Override
  public FileStore leastUpperBound(FileStore other) {
    if (this == other || equals(other) || other.unreachable) {
      return this;
    }
    if (unreachable) {
      return other;
    }
    int joined = Math.min(epoch, other.epoch);
    PersistentMap<Element, FileValue> joinedBindings =
        bindings.intersection(
            other.bindings,
            (a, b) -> {
              FileValue value = a.leastUpperBound(b);
              return value.file() == null ? null : value;
            });
    boolean sameEpoch = epoch == other.epoch;
    PersistentMap<FileKey, FileState> joinedFiles =
        files.union(
            other.files,
            (mine, theirs) -> mine.join(theirs, epoch, other.epoch, joined),
            // A file written on one side only keeps the excuse that side gave it.
            sameEpoch ? null : mine -> mine.join(FileState.UNTOUCHED, epoch, joined, joined),
            sameEpoch
                ? null
                : theirs -> theirs.join(FileState.UNTOUCHED, other.epoch, joined, joined));
    PersistentMap<Element, Boolean> joinedFlags =
        flags.intersection(other.flags, (a, b) -> a.equals(b) ? a : null);
    if (joinedFlags == flags) {
      return with(joinedBindings, joinedFiles, joined);
    }
    return new FileStore(joinedBindings, joinedFiles, joined, joinedFlags, false);
  }

  @Override
  public FileStore widenedUpperBound(FileStore previous) {
    // The lattice has finite height per file, and files are bounded by the method's expressions.
    return leastUpperBound(previous);
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, FileStore, ?> visualizer) {
    return toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileStore s
        && epoch == s.epoch
        && unreachable == s.unreachable
        && flags.equals(s.flags)
        && bindings.equals(s.bindings)
        && files.equals(s.files);
  }

  @Override
  public int hashCode() {
    return ((bindings.hashCode() * 31 + files.hashCode()) * 31 + epoch) * 31
        + flags.hashCode()
        + (unreachable ? 1 : 0);
  }

  @Override
  public String toString() {
    return "FileStore{bindings="
        + bindings
        + ", files="
        + files
        + ", epoch="
        + epoch
        + ", flags="
        + flags
        + (unreachable ? ", unreachable" : "")
        + "}";
  }
}
