package dev.fsyncguard.audit;

import dev.fsyncguard.checker.baseline.BaselineException;
import dev.fsyncguard.checker.baseline.BaselineFile;
import dev.fsyncguard.checker.baseline.BaselineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline an audit honours or writes, as analysis options for its compiles; checked before the
 * analysis, which can take minutes, so that a bad file fails at once.
 */
final class AuditBaseline {
  /** The file a project keeps its baseline in, at the root of its build. */
  static final String DEFAULT_NAME = "fsync-guard-baseline.txt";

  private AuditBaseline() {}

  /**
   * The options that make the compiles honour {@code file}, or rewrite it when {@code update}.
   *
   * @throws BaselineException when the file cannot be used: missing (unless it is to be written),
   *     unreadable, or with a line that is not an entry
   */
  static List<String> options(Path file, boolean update) throws BaselineException {
    Path absolute = file.toAbsolutePath().normalize();
    if (!update || Files.exists(absolute)) {
      // An update of a malformed file would fail only after the analysis; a missing one is new.
      BaselineFile.read(absolute);
    }
    String name = "-XepOpt:" + BaselineOptions.FILE_FLAG + "=" + absolute;
    return update
        ? List.of(name, "-XepOpt:" + BaselineOptions.UPDATE_FLAG + "=true")
        : List.of(name);
  }
}
