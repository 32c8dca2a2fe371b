package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The new content under a unique name in the target's directory: same file system, so the rename is
 * atomic, and a random name created exclusively, so concurrent writers (threads or processes) never
 * share a temp file and a pre-planted link at that name is never followed.
 */
final class TempFile {
  /**
   * Leaves room under the usual 255-byte name limit for the dot, the random part and the suffix.
   */
  private static final int MAX_PREFIX_CHARS = 64;

  private static final int CREATE_ATTEMPTS = 16;
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path path;
  private final FileChannel channel;

  private TempFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Creates the temp file. With {@code permissions}, the file is created with them (so a private
   * target's new content is never readable by others, even briefly) and then set exactly, since the
   * umask may have removed some bits at creation.
   */
  static TempFile createFor(TargetFile target, Set<PosixFilePermission> permissions)
      throws IOException {
    FileAttribute<?>[] attributes =
        permissions == null
            ? new FileAttribute<?>[0]
            : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    for (int attempt = 1; ; attempt++) {
      Path candidate = target.directory().resolve(randomName(target.name()));
      FileChannel channel;
      try {
        channel = FileChannel.open(candidate, CREATE, attributes);
      } catch (FileAlreadyExistsException taken) {
        if (attempt == CREATE_ATTEMPTS) {
          throw taken;
        }
        continue;
      }
      TempFile temp = new TempFile(candidate, channel);
      if (permissions != null) {
        try {
          Files.setPosixFilePermissions(candidate, permissions);
        } catch (IOException | RuntimeException | Error e) {
          temp.discardAfter(e);
          throw e;
        }
      }
      return temp;
    }
  }

  /** {@code .name.<random>.tmp}: hidden on Unix, recognisably ours, and unique per attempt. */
  static String randomName(String targetName) {
    String prefix =
        targetName.length() > MAX_PREFIX_CHARS
            ? targetName.substring(0, MAX_PREFIX_CHARS)
            : targetName;
    return "."
        + prefix
        + "."
        + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
        + ".tmp";
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  void write(ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      channel.write(data);
    }
  }

  /**
   * Forces data and metadata (the permissions just set included) and closes: a close error on some
   * network file systems reports a lost write, so it counts as a failure too.
   */
  void forceAndClose() throws IOException {
    try {
      channel.force(true);
    } catch (IOException | RuntimeException | Error e) {
      try {
        channel.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    channel.close();
  }

  /**
   * Closes and deletes the temp file after {@code failure}; problems doing so are attached to it
   * rather than replacing it, because the original failure is what the caller must see.
   */
  void discardAfter(Throwable failure) {
    try {
      discard();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Closes and deletes the temp file; the deletion is not interruptible, so it works on an
   * interrupted thread.
   */
  void discard() throws IOException {
    IOException closeFailure = null;
    try {
      channel.close();
    } catch (IOException e) {
      closeFailure = e;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException | RuntimeException deleteFailure) {
      if (closeFailure != null) {
        deleteFailure.addSuppressed(closeFailure);
      }
      throw deleteFailure;
    }
    if (closeFailure != null) {
      throw closeFailure;
    }
  }
}
