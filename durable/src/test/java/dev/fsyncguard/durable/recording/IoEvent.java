package dev.fsyncguard.durable.recording;

import java.nio.file.Path;

/** One logged operation on a real path; {@code detail} holds open options, byte counts or a move's target. */
public final class IoEvent {
  private final Operation operation;
  private final Path path;
  private final String detail;

  IoEvent(Operation operation, Path path, String detail) {
    this.operation = operation;
    this.path = path;
    this.detail = detail;
  }

  /** What was attempted (logged before it happens, so a failed attempt is in the log too). */
  public Operation operation() {
    return operation;
  }

  /** The real (default file system) path the operation was applied to. */
  public Path path() {
    return path;
  }

  /** Open options, byte count or move target: what distinguishes two events of one kind on one path. */
  public String detail() {
    return detail;
  }

  /** The file name only, which is what assertions compare: the directories are test-specific. */
  public String name() {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  @Override
  public String toString() {
    return operation + " " + name() + (detail.isEmpty() ? "" : " " + detail);
  }
}
