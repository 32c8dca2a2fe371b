package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A directory opened before anything is written, so that a directory that cannot be opened fails
 * the write while the target is still untouched, and the force after the rename needs no further
 * open.
 */
final class DirectoryHandle implements AutoCloseable {
  private final Path directory;
  private final FileChannel channel;

  private DirectoryHandle(Path directory, FileChannel channel) {
    this.directory = directory;
    this.channel = channel;
  }

  /** Opens {@code directory} for forcing; on Windows opens nothing (see {@link Platform}). */
  static DirectoryHandle open(Path directory) throws IOException {
    if (!Platform.DIRECTORIES_CAN_BE_FORCED) {
      return new DirectoryHandle(directory, null);
    }
    return new DirectoryHandle(directory, FileChannel.open(directory, Platform.OPEN_TO_FORCE));
  }

  Path directory() {
    return directory;
  }

  /**
   * Makes the directory's entries (a rename into or out of it) durable. Called once; never retried.
   */
  void force() throws IOException {
    if (channel != null) {
      channel.force(true);
    }
  }

  /**
   * Closes quietly: the descriptor is read-only and carries no data, so a failing close cannot lose
   * anything, and reporting it would hide the outcome of the write.
   */
  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to lose: see the method comment.
      }
    }
  }
}
