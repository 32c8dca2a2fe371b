package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * The file a write replaces: its directory (where the temporary file goes) and what must carry
 * over.
 */
final class TargetFile {
  private final Path path;
  private final Path directory;
  private final String name;

  private TargetFile(Path path, Path directory, String name) {
    this.path = path;
    this.directory = directory;
    this.name = name;
  }

  /**
   * Resolves the directory without touching the disk ({@code toAbsolutePath} reads no file). Not
   * normalized: {@code a/../b} and {@code b} differ when {@code a} is a link, and the rename must
   * go where the caller said.
   */
  static TargetFile of(Path target) throws TargetUnchangedException {
    Objects.requireNonNull(target, "target");
    Path absolute = target.toAbsolutePath();
    Path fileName = absolute.getFileName();
    Path directory = absolute.getParent();
    if (fileName == null || directory == null) {
      throw new TargetUnchangedException(target, "target is a root directory", null);
    }
    return new TargetFile(target, directory, fileName.toString());
  }

  Path path() {
    return path;
  }

  Path directory() {
    return directory;
  }

  String name() {
    return name;
  }

  /**
   * Reads the current target once, without following a link: rejects a directory, and returns the
   * POSIX permissions to give the new file, or {@code null} when there is nothing to keep (no
   * target yet, a symbolic link, which is replaced by a file, or a file system without POSIX
   * permissions).
   */
  Set<PosixFilePermission> permissionsToKeep() throws IOException {
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    BasicFileAttributes attributes;
    try {
      attributes =
          posix
              ? Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return null;
    }
    if (attributes.isDirectory()) {
      throw new TargetUnchangedException(path, "target is a directory", null);
    }
    if (attributes.isSymbolicLink() || !posix) {
      return null;
    }
    return ((PosixFileAttributes) attributes).permissions();
  }
}
