package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the disk holds after one crash: the files the model says may have survived, with their
 * contents. Read it by name ({@link #content}), or through {@link #directory()}, a real (in-memory)
 * file system holding exactly this state, on which recovery code can run. Names are relative to the
 * workload's directory, or absolute.
 */
public final class CrashState {
  private final DurableState state;
  private final CrashPoint crashPoint;
  private final String workDirectory;
  private FileSystem fileSystem;

  CrashState(DurableState state, CrashPoint crashPoint, String workDirectory) {
    this.state = state;
    this.crashPoint = crashPoint;
    this.workDirectory = workDirectory;
  }

  /** When the crash happened. */
  public CrashPoint crashPoint() {
    return crashPoint;
  }

  /**
   * True if the workload had returned normally before the crash: from then on, what it wrote must
   * survive.
   */
  public boolean workloadReturned() {
    return crashPoint.workloadReturned();
  }

  /**
   * The content of the regular file {@code name}, or empty if no file of that name survived.
   *
   * @throws IllegalArgumentException if {@code name} is a directory
   */
  public Optional<byte[]> content(String name) {
    DurableState.Node node = state.nodes.get(absolute(name));
    if (node == null) {
      return Optional.empty();
    }
    switch (node.kind) {
      case DIRECTORY:
        throw new IllegalArgumentException(absolute(name) + " is a directory in this crash state");
      case SYMBOLIC_LINK:
        Path path = path(name);
        if (!Files.isRegularFile(path)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readAllBytes(path));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      default:
        return Optional.of(node.content.clone());
    }
  }

  /** True if anything (file, directory or link) survived under {@code name}. */
  public boolean exists(String name) {
    return state.nodes.containsKey(absolute(name));
  }

  /**
   * The workload's directory in a fresh in-memory file system holding this state, created on first
   * use and closed after the check returns.
   */
  public Path directory() {
    if (fileSystem == null) {
      try {
        fileSystem = JimfsSetup.holding(state);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot build the crash state's file system", e);
      }
    }
    return fileSystem.getPath(workDirectory);
  }

  /** {@code name} in {@link #directory()}. */
  public Path path(String name) {
    Objects.requireNonNull(name, "name");
    return directory().resolve(name);
  }

  /**
   * Why the model allows this state: which unforced changes reached the disk and which were lost.
   */
  public String howItCameAbout() {
    return state.howItCameAbout.isEmpty()
        ? "  nothing was pending: every change had been forced\n"
        : "  " + String.join("\n  ", state.howItCameAbout) + "\n";
  }

  /** Every surviving path with its content, shortened, one a line. */
  @Override
  public String toString() {
    return state.describe();
  }

  void close() {
    if (fileSystem != null) {
      try {
        fileSystem.close();
      } catch (IOException ignored) {
        // An in-memory file system holds nothing that could fail to close.
      }
      fileSystem = null;
    }
  }

  private String absolute(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty file name");
    }
    String path = name.startsWith("/") ? name : workDirectory + "/" + name;
    // Normalized the way the walk names paths: no "." or "..", no doubled or trailing slash.
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
