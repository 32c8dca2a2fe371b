package dev.fsyncguard.checker.flow;

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
  static final FileStore EMPTY = new FileStore(PersistentMap.empty(), PersistentMap.empty(), 0);

  private final PersistentMap<Element, FileValue> bindings;
  private final PersistentMap<FileKey, FileState> files;

  /**
   * How many durability-switch-off edges this path took (the smaller at joins). Files written
   * before the last one are excused: a switch excuses every dirty file at once, in constant time.
   */
  private final int epoch;

  private FileStore(
      PersistentMap<Element, FileValue> bindings,
      PersistentMap<FileKey, FileState> files,
      int epoch) {
    this.bindings = bindings;
    this.files = files;
    this.epoch = epoch;
  }

  private FileStore with(
      PersistentMap<Element, FileValue> bindings,
      PersistentMap<FileKey, FileState> files,
      int epoch) {
    return bindings == this.bindings && files == this.files && epoch == this.epoch
        ? this
        : new FileStore(bindings, files, epoch);
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
  boolean hasFailedForceAt(int position) {
    boolean[] found = new boolean[1];
    files.forEach(
        (file, state) ->
            found[0] |=
                state.level() == FileState.Level.FORCE_FAILED && state.position() == position);
    return found[0];
  }

  /** Every directory with a pending rename counts as forced at {@code position}. */
  FileStore forceEveryPendingDirectory(int position) {
    PersistentMap<FileKey, FileState>[] result = new PersistentMap[] {files};
    files.forEach(
        (file, state) -> {
          if (state.level() == FileState.Level.DIRECTORY_PENDING) {
            result[0] = result[0].put(file, FileState.forced(position, false));
          }
        });
    return with(bindings, result[0], epoch);
  }

  /** The store on the path where a durability switch is off: every dirty file is excused. */
  FileStore switchOff() {
    return new FileStore(bindings, files, epoch + 1);
  }

  @Override
  public FileStore copy() {
    return this;
  }

  @Override
  public FileStore leastUpperBound(FileStore other) {
    if (this == other || equals(other)) {
      return this;
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
    return with(joinedBindings, joinedFiles, joined);
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
        && bindings.equals(s.bindings)
        && files.equals(s.files);
  }

  @Override
  public int hashCode() {
    return (bindings.hashCode() * 31 + files.hashCode()) * 31 + epoch;
  }

  @Override
  public String toString() {
    return "FileStore{bindings=" + bindings + ", files=" + files + ", epoch=" + epoch + "}";
  }
}
