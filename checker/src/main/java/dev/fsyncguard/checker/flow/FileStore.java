package dev.fsyncguard.checker.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;

/**
 * The facts at one program point: what each variable holds (a name of or a handle on which file),
 * and the state of each file written so far. Immutable; every update returns a new store.
 */
public final class FileStore implements Store<FileStore> {
  static final FileStore EMPTY = new FileStore(Map.of(), Map.of());

  private final Map<Element, FileValue> bindings;
  private final Map<FileKey, FileState> files;

  private FileStore(Map<Element, FileValue> bindings, Map<FileKey, FileState> files) {
    this.bindings = bindings;
    this.files = files;
  }

  FileValue binding(Element variable) {
    return bindings.get(variable);
  }

  FileStore bind(Element variable, FileValue value) {
    if (value == null || value.file() == null) {
      if (!bindings.containsKey(variable)) {
        return this;
      }
      Map<Element, FileValue> copy = new HashMap<>(bindings);
      copy.remove(variable);
      return new FileStore(copy, files);
    }
    if (value.equals(bindings.get(variable))) {
      return this;
    }
    Map<Element, FileValue> copy = new HashMap<>(bindings);
    copy.put(variable, value);
    return new FileStore(copy, files);
  }

  /** A variable holding a buffered stream on {@code file}, or null; the first by name if several. */
  Element bufferedHandleOn(FileKey file) {
    Element found = null;
    for (Map.Entry<Element, FileValue> entry : bindings.entrySet()) {
      FileValue value = entry.getValue();
      if (value.isBuffered()
          && file.equals(value.file())
          && (found == null
              || entry.getKey().getSimpleName().toString().compareTo(found.getSimpleName().toString()) < 0)) {
        found = entry.getKey();
      }
    }
    return found;
  }

  /** The state of {@code file}; {@link FileState#UNTOUCHED} when nothing is known. */
  public FileState state(FileKey file) {
    return files.getOrDefault(file, FileState.UNTOUCHED);
  }

  FileStore update(FileKey file, UnaryOperator<FileState> change) {
    FileState before = state(file);
    FileState after = change.apply(before);
    if (after.equals(before)) {
      return this;
    }
    Map<FileKey, FileState> copy = new HashMap<>(files);
    if (after.equals(FileState.UNTOUCHED)) {
      copy.remove(file);
    } else {
      copy.put(file, after);
    }
    return new FileStore(bindings, copy);
  }

  boolean hasDirtyFile() {
    for (FileState state : files.values()) {
      if (state.isDirty()) {
        return true;
      }
    }
    return false;
  }

  /** The store on the path where the author's durability switch is off. */
  FileStore excuseDirtyFiles() {
    Map<FileKey, FileState> copy = new HashMap<>(files);
    copy.replaceAll((file, state) -> state.excuse());
    return new FileStore(bindings, copy);
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
    Map<Element, FileValue> joinedBindings = new HashMap<>();
    for (Map.Entry<Element, FileValue> entry : bindings.entrySet()) {
      FileValue theirs = other.bindings.get(entry.getKey());
      if (theirs != null) {
        FileValue joined = entry.getValue().leastUpperBound(theirs);
        if (joined.file() != null) {
          joinedBindings.put(entry.getKey(), joined);
        }
      }
    }
    Map<FileKey, FileState> joinedFiles = new HashMap<>(files);
    for (Map.Entry<FileKey, FileState> entry : other.files.entrySet()) {
      joinedFiles.merge(entry.getKey(), entry.getValue(), FileState::join);
    }
    for (Map.Entry<FileKey, FileState> entry : files.entrySet()) {
      if (!other.files.containsKey(entry.getKey())) {
        joinedFiles.put(entry.getKey(), entry.getValue().join(FileState.UNTOUCHED));
      }
    }
    return new FileStore(joinedBindings, joinedFiles);
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
    return o instanceof FileStore s && bindings.equals(s.bindings) && files.equals(s.files);
  }

  @Override
  public int hashCode() {
    return bindings.hashCode() * 31 + files.hashCode();
  }

  @Override
  public String toString() {
    return "FileStore{bindings=" + bindings + ", files=" + files + "}";
  }
}
