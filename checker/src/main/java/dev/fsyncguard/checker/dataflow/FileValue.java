package dev.fsyncguard.checker.dataflow;

import java.util.Objects;
import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;

/**
 * The abstract value of an expression: which file it names or is open on, and how bytes written
 * through it travel. A rename call's value also carries the verdict: the state its source file was
 * in just before the rename.
 */
public final class FileValue implements AbstractValue<FileValue> {
  static final FileValue UNKNOWN = new FileValue(null, Access.NONE, false, null);

  /** How an expression reaches its file. */
  enum Access {
    /** Not known to be a file. */
    NONE,
    /** A name of the file: {@code Path}, {@code File} or {@code String}. */
    NAME,
    /**
     * An open stream, writer, channel, descriptor or mapping whose writes reach the OS directly.
     */
    HANDLE,
    /** As {@link #HANDLE}, but writes stay in a Java buffer until flushed or closed. */
    BUFFERED_HANDLE,
    /**
     * As {@link #BUFFERED_HANDLE}, but through a deflater: {@code flush()} leaves bytes in it (the
     * data without sync-flush, the trailer always); only {@code finish()} or {@code close()} drain
     * it.
     */
    DEFLATING_HANDLE;

    boolean isHandle() {
      return this != NONE && this != NAME;
    }
  }

  private final FileKey file;
  private final Access access;
  private final boolean synchronous;
  private final RenameVerdict rename;

  private FileValue(FileKey file, Access access, boolean synchronous, RenameVerdict rename) {
    this.file = file;
    this.access = access;
    this.synchronous = synchronous;
    this.rename = rename;
  }

  static FileValue name(FileKey file) {
    return new FileValue(file, Access.NAME, false, null);
  }

  static FileValue handle(FileKey file, boolean buffered, boolean synchronous) {
    return new FileValue(
        file, buffered ? Access.BUFFERED_HANDLE : Access.HANDLE, synchronous, null);
  }

  /** A handle whose writes wait in a deflater that {@code flush()} does not drain. */
  static FileValue deflating(FileKey file, boolean synchronous) {
    return new FileValue(file, Access.DEFLATING_HANDLE, synchronous, null);
  }

  /** The value of a rename call: it names the target, and carries the verdict on the source. */
  static FileValue renamed(FileKey target, RenameVerdict verdict) {
    return new FileValue(target, target == null ? Access.NONE : Access.NAME, false, verdict);
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
    return access == Access.BUFFERED_HANDLE || access == Access.DEFLATING_HANDLE;
  }

  /** Whether {@code flush()} leaves bytes in a deflater (only finishing or closing drains it). */
  boolean holdsOnFlush() {
    return access == Access.DEFLATING_HANDLE;
  }

  /** Opened with {@code SYNC}/{@code DSYNC} or mode {@code rws}/{@code rwd}: writes are durable. */
  boolean isSynchronous() {
    return synchronous;
  }

  /** For a rename call: what was known about the renamed file; otherwise null. */
  public RenameVerdict rename() {
    return rename;
  }

  @Override
  public FileValue leastUpperBound(FileValue other) {
    if (equals(other)) {
      return this;
    }
    RenameVerdict joinedVerdict =
        rename == null ? other.rename : other.rename == null ? rename : rename.join(other.rename);
    if (access != Access.NONE
        && Objects.equals(file, other.file)
        && access.isHandle() == other.access.isHandle()) {
      Access joined = access == other.access ? access : Access.BUFFERED_HANDLE;
      return new FileValue(file, joined, synchronous && other.synchronous, joinedVerdict);
    }
    return joinedVerdict == null ? UNKNOWN : new FileValue(null, Access.NONE, false, joinedVerdict);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileValue v
        && Objects.equals(file, v.file)
        && access == v.access
        && synchronous == v.synchronous
        && Objects.equals(rename, v.rename);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, access, synchronous, rename);
  }

  @Override
  public String toString() {
    return access
        + "("
        + file
        + (synchronous ? ", sync" : "")
        + (rename == null ? "" : ", " + rename)
        + ")";
  }
}
