package dev.fsyncguard.checker.baseline;

import com.google.errorprone.ErrorProneFlags;
import dev.fsyncguard.checker.api.FsyncOptions;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The baseline a build names with {@code -XepOpt:RenameWithoutFsync:Baseline=<file>}, and whether
 * this compile rewrites it ({@code -XepOpt:RenameWithoutFsync:BaselineUpdate=true}).
 *
 * @param file the baseline file, absolute; null when the build names none
 * @param update record this compile's findings in the file instead of reporting them
 */
public record BaselineOptions(Path file, boolean update) {
  /** The flag that names the file. */
  public static final String FILE_FLAG = FsyncOptions.PREFIX + "Baseline";

  /** The flag that makes the compile rewrite the file. */
  public static final String UPDATE_FLAG = FsyncOptions.PREFIX + "BaselineUpdate";

  /** No baseline: every finding is reported. */
  public static final BaselineOptions NONE = new BaselineOptions(null, false);

  /**
   * Reads the flags.
   *
   * @throws IllegalArgumentException when {@code BaselineUpdate} is set without a file to update
   */
  public static BaselineOptions from(ErrorProneFlags flags) {
    String file = flags.get(FILE_FLAG).map(String::trim).orElse("");
    boolean update = flags.getBoolean(UPDATE_FLAG).orElse(false);
    if (file.isEmpty()) {
      if (update) {
        throw new IllegalArgumentException(
            "-XepOpt:" + UPDATE_FLAG + "=true needs -XepOpt:" + FILE_FLAG + "=<file> to update");
      }
      return NONE;
    }
    return new BaselineOptions(Paths.get(file).toAbsolutePath().normalize(), update);
  }
}
