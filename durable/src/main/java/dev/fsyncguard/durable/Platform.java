package dev.fsyncguard.durable;

import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * The two places where Windows differs: directories cannot be forced, and forcing a file needs
 * write access.
 */
final class Platform {
  /**
   * Windows cannot open a directory as a channel (there is no directory flush reachable from Java);
   * NTFS journals the rename's metadata itself, so skipping the force is the best that can be done
   * there.
   */
  static final boolean DIRECTORIES_CAN_BE_FORCED = !isWindows();

  /**
   * FlushFileBuffers needs a handle opened for writing; fsync on POSIX works on a read-only
   * descriptor.
   */
  static final Set<OpenOption> OPEN_TO_FORCE =
      isWindows() ? Set.of(StandardOpenOption.WRITE) : Set.of(StandardOpenOption.READ);

  private Platform() {}

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
