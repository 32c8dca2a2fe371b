package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An operation the workload's disk refuses, as a failing disk or a full file system would: the call
 * throws, and the crash states that follow are checked as usual.
 *
 * <pre>{@code
 * CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), OLD))
 *     .withFaults(Fault.failingForce().on("*.tmp"))
 *     .run(dir -> { try { store.save(dir.resolve("note.txt"), NEW); } catch (IOException expected) { } })
 *     .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, NEW));
 * }</pre>
 *
 * <p>A failed force of a file is modelled as Linux behaves: the kernel may drop the pages it could
 * not write and mark them clean, so the data written before the failure may be lost in every later
 * crash state, whatever later forces do (only truncating the file to nothing starts it afresh). A
 * failed open, write, rename or directory force changes nothing. Instances are immutable.
 */
public final class Fault {
  /** The operations a fault can make fail. */
  public enum Operation {
    /** Opening a file or directory, to create, write, read or force it: nothing is opened. */
    OPEN,
    /** A write to a file: nothing is written. */
    WRITE,
    /** {@code FileChannel.force} on a file. */
    FORCE_FILE,
    /** {@code Files.move}: the source keeps its name. */
    RENAME,
    /** {@code FileChannel.force} on a directory opened for reading. */
    FORCE_DIRECTORY
  }

  private final Operation operation;
  private final String glob;
  private final int times;
  private final Supplier<? extends IOException> error;

  private Fault(
      Operation operation, String glob, int times, Supplier<? extends IOException> error) {
    this.operation = operation;
    this.glob = glob;
    this.times = times;
    this.error = error;
  }

  /** Every force of a file fails with {@code EIO}, "Input/output error". */
  public static Fault failingForce() {
    return new Fault(
        Operation.FORCE_FILE, "**", Integer.MAX_VALUE, () -> new IOException("Input/output error"));
  }

  /** Every open fails with {@code EACCES}, "Permission denied" ({@code AccessDeniedException}). */
  public static Fault failingOpen() {
    return new Fault(
        Operation.OPEN,
        "**",
        Integer.MAX_VALUE,
        () -> new AccessDeniedException("(injected)", null, "Permission denied"));
  }

  /** Every write fails with {@code ENOSPC}, "No space left on device". */
  public static Fault failingWrite() {
    return new Fault(
        Operation.WRITE, "**", Integer.MAX_VALUE, () -> new IOException("No space left on device"));
  }

  /** Every rename fails with {@code EIO}, "Input/output error". */
  public static Fault failingRename() {
    return new Fault(
        Operation.RENAME, "**", Integer.MAX_VALUE, () -> new IOException("Input/output error"));
  }

  /** Every force of a directory fails with {@code EIO}, "Input/output error". */
  public static Fault failingDirectoryForce() {
    return new Fault(
        Operation.FORCE_DIRECTORY,
        "**",
        Integer.MAX_VALUE,
        () -> new IOException("Input/output error"));
  }

  /**
   * Only on paths matching {@code glob} (the syntax of {@code FileSystem.getPathMatcher}), relative
   * to the workload's directory, which itself is {@code .}; a rename matches by its source.
   * Default: {@code **}, every path in the directory.
   */
  public Fault on(String glob) {
    if (glob == null || glob.isEmpty()) {
      throw new IllegalArgumentException("a fault's glob must not be empty");
    }
    return new Fault(operation, glob, times, error);
  }

  /**
   * Only the first {@code count} matching operations fail; later ones succeed, as a retry after a
   * transient failure would. Default: every one.
   *
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public Fault times(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("a fault fails at least once, not " + count + " times");
    }
    return new Fault(operation, glob, count, error);
  }

  /** The exception each failure throws, made afresh for each. */
  public Fault withError(Supplier<? extends IOException> error) {
    return new Fault(operation, glob, times, Objects.requireNonNull(error, "error"));
  }

  Operation operation() {
    return operation;
  }

  String glob() {
    return glob;
  }

  int times() {
    return times;
  }

  IOException error() {
    return error.get();
  }

  @Override
  public String toString() {
    return operation + " on " + glob + (times == Integer.MAX_VALUE ? "" : ", " + times + " times");
  }
}
