package dev.fsyncguard.checker.protocol;

import com.sun.source.tree.LineMap;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.dataflow.ForceSeen;

/**
 * How a dirty file stands at a rename, in words shared by the build's diagnostic and the audit:
 *
 * <ul>
 *   <li>"never forced on any path": no path from the method's start to the rename has the file
 *       forced after its last write;
 *   <li>"forced on line F on some paths only": some path reaches the rename with the file forced,
 *       and line F holds that path's last force, or a call of a method that forces the file on some
 *       of its own paths (the latest such line in the source when several paths are forced);
 *       another path reaches the rename without it, by skipping line F or by leaving it with an
 *       exception. Line F is where the reader starts: the unforced path is the one around it. A
 *       line on the unforced path itself (the branch that skips the force) is not known to the
 *       analysis, whose joins do not see where paths meet.
 * </ul>
 */
public final class ForceCoverage {
  private ForceCoverage() {}

  /** The words for a dirty {@code state}; {@code lines} turns its force position into a line. */
  public static String of(FileState state, LineMap lines) {
    boolean buffered = state.level() == FileState.Level.BUFFERED;
    if (!state.isForcedOnSomePath()) {
      return buffered ? "never flushed and forced on any path" : "never forced on any path";
    }
    return state.forcedAt() instanceof ForceSeen.At force
        ? "forced on line " + lines.getLineNumber(force.position()) + " on some paths only"
        : "forced on some paths only";
  }
}
