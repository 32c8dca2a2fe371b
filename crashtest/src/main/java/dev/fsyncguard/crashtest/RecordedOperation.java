package dev.fsyncguard.crashtest;

import java.util.Objects;
import java.util.Optional;

/**
 * One operation the workload performed through the crash-test file system, and where in its code.
 */
public final class RecordedOperation {
  private final int number;
  private final OperationKind kind;
  private final String path;
  private final String target;
  private final String detail;
  private final StackTraceElement caller;

  RecordedOperation(
      int number,
      OperationKind kind,
      String path,
      String target,
      String detail,
      StackTraceElement caller) {
    this.number = number;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.path = Objects.requireNonNull(path, "path");
    this.target = target;
    this.detail = detail == null ? "" : detail;
    this.caller = caller;
  }

  /** Position in the workload, from 1. */
  public int number() {
    return number;
  }

  public OperationKind kind() {
    return kind;
  }

  /** The absolute path operated on (a rename's source). */
  public String path() {
    return path;
  }

  /** A rename's target as an absolute path; empty for other operations. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /**
   * Further facts, such as a rename's target and options or a write's size and offset; may be
   * empty.
   */
  public String detail() {
    return detail;
  }

  /**
   * The frame of the workload's code that performed the operation: the first frame outside this
   * kit, the JDK and Jimfs, or null if there is none.
   */
  public StackTraceElement caller() {
    return caller;
  }

  /**
   * The operation without its caller, such as {@code #3 RENAME /work/.a.tmp -> /work/a
   * [ATOMIC_MOVE]}.
   */
  public String describe() {
    return "#" + number + " " + kind + " " + path + (detail.isEmpty() ? "" : " " + detail);
  }

  @Override
  public String toString() {
    return describe() + (caller == null ? "" : "  at " + caller);
  }
}
