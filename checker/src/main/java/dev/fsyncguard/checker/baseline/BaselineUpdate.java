package dev.fsyncguard.checker.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites a baseline at the end of a compile that updates it: the entries of the files each check
 * analysed are replaced by what it found there; entries of files that no longer exist go; the rest
 * (other modules, other compiles) stay.
 */
final class BaselineUpdate {
  /** One lock per file: the modules of a parallel build update one baseline in turn. */
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private BaselineUpdate() {}

  static void write(
      Path file,
      Path directory,
      Set<BaselineEntry> readAtStart,
      Map<String, Set<String>> analysed,
      Set<BaselineEntry> found,
      CompilerMessages messages) {
    synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
      Set<BaselineEntry> before = readAtStart;
      try {
        // Another module may have written the file since this compile read it.
        if (Files.exists(file)) {
          before = new LinkedHashSet<>(BaselineFile.read(file).entries());
        }
      } catch (BaselineException e) {
        messages.error("fsync-guard: " + e.getMessage() + "; the baseline is left as it is");
        return;
      }
      Set<BaselineEntry> after = new LinkedHashSet<>();
      for (BaselineEntry entry : before) {
        boolean judgedHere = analysed.getOrDefault(entry.check(), Set.of()).contains(entry.file());
        if (!judgedHere && Files.exists(directory.resolve(entry.file()))) {
          after.add(entry);
        }
      }
      after.addAll(found);
      int added = 0;
      for (BaselineEntry entry : after) {
        added += before.contains(entry) ? 0 : 1;
      }
      int removed = before.size() - (after.size() - added);
      try {
        BaselineFile.write(file, after);
      } catch (IOException e) {
        messages.error("fsync-guard: the baseline " + file + " could not be written: " + e);
        return;
      }
      messages.note(
          "fsync-guard: wrote the baseline "
              + file
              + ": "
              + after.size()
              + (after.size() == 1 ? " entry" : " entries")
              + " ("
              + added
              + " added, "
              + removed
              + " removed)");
    }
  }
}
