package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real, empty directory a run creates so that the workload's directory has a name on the real
 * disk: {@code dir.toFile()} and {@code Path.of(dir.toString(), ...)} then name a place the kit
 * owns. Under the agent nothing is ever written into it; without the agent, whatever the workload
 * wrote there went past the kit, and the run fails saying so. Removed, with anything in it, when
 * the run ends.
 */
final class RealDirectory implements AutoCloseable {
  private final Path directory;

  private RealDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * Creates {@code fsync-guard-crashtest-N} in {@code java.io.tmpdir}, with the smallest free N: a
   * short name, since every report names it. Creating it fails if the name exists in any form, a
   * symbolic link included, so nothing already there is ever used; it is readable by its owner
   * only.
   */
  static RealDirectory create() {
    try {
      // The real name: on macOS the temp directory is reached through a symbolic link.
      Path parent = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath().toRealPath();
      boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
      for (int n = 1; ; n++) {
        Path candidate = parent.resolve("fsync-guard-crashtest-" + n);
        try {
          return new RealDirectory(
              posix
                  ? Files.createDirectory(
                      candidate,
                      PosixFilePermissions.asFileAttribute(
                          PosixFilePermissions.fromString("rwx------")))
                  : Files.createDirectory(candidate));
        } catch (FileAlreadyExistsException taken) {
          // Another run's, now or left by a killed JVM: try the next name.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the crash test's directory", e);
    }
  }

  /** The directory's absolute name, which the workload's directory also has in the kit. */
  String name() {
    return directory.toString();
  }

  /** What is in the directory on the real disk, as names relative to it; empty when untouched. */
  List<String> written() {
    return JdkRedirect.bypassing(this::listed);
  }

  private List<String> listed() {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths
          .filter(path -> !path.equals(directory))
          .map(path -> directory.relativize(path).toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of("(cannot list " + directory + ": " + e + ")");
    }
  }

  @Override
  public void close() {
    try {
      List<Path> walked = new ArrayList<>();
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              walked.add(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              walked.add(dir);
              return FileVisitResult.CONTINUE;
            }
          });
      for (Path path : walked) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the crash test's directory " + directory, e);
    }
  }
}
