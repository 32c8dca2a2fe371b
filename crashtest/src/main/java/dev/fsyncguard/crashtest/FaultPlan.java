package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** The faults of one run, each with the failures it has left. */
final class FaultPlan {
  private static final class Armed {
    final Fault fault;
    final PathMatcher matcher;
    int left;

    Armed(Fault fault, PathMatcher matcher) {
      this.fault = fault;
      this.matcher = matcher;
      this.left = fault.times();
    }
  }

  private final Path directory;
  private final List<Armed> faults = new ArrayList<>();

  /**
   * @param directory the workload's directory on the backing file system
   */
  FaultPlan(List<Fault> faults, Path directory) {
    this.directory = directory;
    for (Fault fault : faults) {
      this.faults.add(
          new Armed(fault, directory.getFileSystem().getPathMatcher("glob:" + fault.glob())));
    }
  }

  /**
   * The failure planned for {@code operation} on {@code backingPath}, counted as used; null when
   * the operation goes ahead.
   */
  synchronized IOException failure(Fault.Operation operation, Path backingPath) {
    Path absolute = backingPath.toAbsolutePath();
    if (!absolute.startsWith(directory)) {
      return null;
    }
    Path relative = directory.relativize(absolute);
    Path name = relative.toString().isEmpty() ? directory.getFileSystem().getPath(".") : relative;
    for (Armed armed : faults) {
      if (armed.fault.operation() == operation && armed.left > 0 && armed.matcher.matches(name)) {
        armed.left--;
        IOException error = armed.fault.error();
        return error != null ? error : new IOException("injected " + armed.fault);
      }
    }
    return null;
  }
}
