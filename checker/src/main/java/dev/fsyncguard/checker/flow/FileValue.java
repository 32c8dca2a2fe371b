package dev.fsyncguard.checker.flow;

import java.util.Objects;
import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;

/**
 * The abstract value of an expression: which file it names or is open on, and how bytes written
 * through it travel. A rename call's value also carries the verdict: the state its source file was
 * in just before the rename.
 */
public final class FileValue implements AbstractValue<FileValue> {
  static final FileValue UNKNOWN = new FileValue(null, Access.NONE, null);

  /** How an expression reaches its file. */
  enum Access {
    /** Not known to be a file. */
    NONE,
    /** A name of the file: {@code Path}, {@code File} or {@code String}. */
    NAME,
    /** An open stream, writer, channel, descriptor or mapping whose writes reach the OS directly. */
    HANDLE,
    /** As {@link #HANDLE}, but writes stay in a Java buffer until flushed or closed. */
    BUFFERED_HANDLE;

    boolean isHandle() {
      return this == HANDLE || this == BUFFERED_HANDLE;
    }
  }

  private final FileKey file;
  private final Access access;
  private final boolean synchronous;
  private final FileState verdict;
  private final FileKey renamedFrom;

  private FileValue(
      FileKey file, Access access, boolean synchronous, FileState verdict, FileKey renamedFrom) {
    this.file = file;
    this.access = access;
    this.synchronous = synchronous;
    this.verdict = verdict;
    this.renamedFrom = renamedFrom;
  }

  private FileValue(FileKey file, Access access, FileState verdict) {
    this(file, access, false, verdict, null);
  }

  static FileValue name(FileKey file) {
    return new FileValue(file, Access.NAME, null);
  }

  static FileValue handle(FileKey file, boolean buffered, boolean synchronous) {
    return new FileValue(
        file, buffered ? Access.BUFFERED_HANDLE : Access.HANDLE, synchronous, null, null);
  }

  /** The value of a rename call: it names the target, and carries the source's verdict. */
  static FileValue renamed(FileKey source, FileKey target, FileState verdict) {
    return new FileValue(
        target, target == null ? Access.NONE : Access.NAME, false, verdict, source);
  }

  /** For a rename call: the file that was renamed, when known. */
  FileKey renamedFrom() {
    return renamedFrom;
  }

  /** The file this expression names or is open on, or null. */
  FileKey file() {
    return access == Access.NONE ? null : file;
  }

  boolean isName() {
    return access == Access.NAME;
  }

  boolean isHandle() {
    return access.isHandle();
  }

  boolean isBuffered() {
    return access == Access.BUFFERED_HANDLE;
  }

  /** Opened with {@code SYNC}/{@code DSYNC} or mode {@code rws}/{@code rwd}: writes are durable. */
  boolean isSynchronous() {
    return synchronous;
  }

  /** For a rename call: the state of the renamed file just before the rename; otherwise null. */
  public FileState verdict() {
    return verdict;
  }

  @Override
  public FileValue leastUpperBound(FileValue other) {
    if (equals(other)) {
      return this;
    }
    FileState joinedVerdict =
        verdict == null ? other.verdict : other.verdict == null ? verdict : verdict.join(other.verdict);
    if (access != Access.NONE && Objects.equals(file, other.file) && access.isHandle() == other.access.isHandle()) {
      Access joined = access == other.access ? access : Access.BUFFERED_HANDLE;
      return new FileValue(
          file,
          joined,
          synchronous && other.synchronous,
          joinedVerdict,
          Objects.equals(renamedFrom, other.renamedFrom) ? renamedFrom : null);
    }
    return joinedVerdict == null ? UNKNOWN : new FileValue(null, Access.NONE, joinedVerdict);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileValue v
        && Objects.equals(file, v.file)
        && access == v.access
        && synchronous == v.synchronous
        && Objects.equals(verdict, v.verdict)
        && Objects.equals(renamedFrom, v.renamedFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, access, synchronous, verdict, renamedFrom);
  }

  @Override
  public String toString() {
    return access + "(" + file + (synchronous ? ", sync" : "") + (verdict == null ? "" : ", " + verdict) + ")";
  }
}
