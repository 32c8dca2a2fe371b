package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One target being replaced through its temp file. Each step either succeeds or removes the temp
 * file and throws {@link TargetUnchangedException}, so no caller has a failure path of its own to
 * get wrong.
 */
final class Replacement {
  private final TargetFile target;
  private final TempFile temp;

  private Replacement(TargetFile target, TempFile temp) {
    this.target = target;
    this.temp = temp;
  }

  /** Checks the target and creates the temp file next to it. */
  static Replacement begin(TargetFile target) throws TargetUnchangedException {
    try {
      return new Replacement(target, TempFile.createFor(target, target.permissionsToKeep()));
    } catch (TargetUnchangedException e) {
      throw e;
    } catch (IOException e) {
      throw new TargetUnchangedException(target.path(), "cannot create the temporary file", e);
    }
  }

  TargetFile target() {
    return target;
  }

  /**
   * The temp file's channel, for streaming writers; a failure there must end in {@link #abandon}.
   */
  FileChannel channel() {
    return temp.channel();
  }

  void write(ByteBuffer data) throws TargetUnchangedException {
    try {
      temp.write(data);
    } catch (IOException e) {
      throw abandon("writing the temporary file failed", e);
    } catch (RuntimeException | Error e) {
      temp.discardAfter(e);
      throw e;
    }
  }

  /** Forces the new content and closes the temp file; a failed force is final (never retried). */
  void forceAndClose() throws TargetUnchangedException {
    try {
      temp.forceAndClose();
    } catch (IOException e) {
      throw abandon("forcing the temporary file failed", e);
    } catch (RuntimeException | Error e) {
      temp.discardAfter(e);
      throw e;
    }
  }

  /**
   * Renames the forced temp file over the target with {@code ATOMIC_MOVE} only: without it,
   * replacing means deleting first, a moment with no file at all, which is exactly what this class
   * exists to prevent.
   */
  void renameOverTarget() throws TargetUnchangedException {
    try {
      Files.move(temp.path(), target.path(), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      AtomicRenameUnsupportedException failure =
          new AtomicRenameUnsupportedException(target.path(), e);
      temp.discardAfter(failure);
      throw failure;
    } catch (IOException e) {
      throw abandon("renaming the temporary file over the target failed", e);
    } catch (RuntimeException | Error e) {
      temp.discardAfter(e);
      throw e;
    }
  }

  /**
   * Removes the temp file and returns the exception to throw, carrying any cleanup problem as
   * suppressed.
   */
  TargetUnchangedException abandon(String what, Throwable cause) {
    TargetUnchangedException failure = new TargetUnchangedException(target.path(), what, cause);
    temp.discardAfter(failure);
    return failure;
  }

  /**
   * Removes the temp file after a non-I/O failure (or an abort), leaving {@code failure} as the
   * outcome.
   */
  void abandonAfter(Throwable failure) {
    temp.discardAfter(failure);
  }

  /**
   * Removes the temp file because the caller gave up; a temp file that cannot be removed is
   * reported.
   */
  void abort() throws IOException {
    temp.discard();
  }

  Path tempPath() {
    return temp.path();
  }
}
