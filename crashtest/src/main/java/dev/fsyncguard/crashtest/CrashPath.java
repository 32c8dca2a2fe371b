package dev.fsyncguard.crashtest;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * A path of a {@link CrashFileSystem}: a Jimfs path whose I/O goes through the recording provider.
 */
final class CrashPath implements Path {
  private final CrashFileSystem fileSystem;
  private final Path backing;

  CrashPath(CrashFileSystem fileSystem, Path backing) {
    this.fileSystem = fileSystem;
    this.backing = backing;
  }

  static Path backing(Path path) {
    if (path instanceof CrashPath) {
      return ((CrashPath) path).backing;
    }
    throw new ProviderMismatchException(
        "not a path of the crash-test file system: "
            + path
            + " ("
            + (path == null ? "null" : path.getClass().getName())
            + "); derive every path from the one the"
            + " workload was given");
  }

  private Path wrap(Path path) {
    return fileSystem.wrap(path);
  }

  /**
   * The {@code File} of the same name, under the kit's agent, which sends {@code File}, {@code
   * FileOutputStream} and {@code RandomAccessFile} on it to the kit; without the agent, fails,
   * since I/O through it would go to the real disk unrecorded.
   *
   * @throws UnsupportedOperationException without the agent, saying which flag to add
   */
  @Override
  public File toFile() {
    if (!CrashTestAgent.installed()) {
      throw new UnsupportedOperationException(
          "crashtest cannot intercept java.io.File for "
              + this
              + " without its agent: I/O through File, FileOutputStream or RandomAccessFile would"
              + " go to the real disk unrecorded. Use Path with Files or FileChannel, or load the"
              + " agent: "
              + CrashTestAgent.howToLoad());
    }
    return new File(backing.toAbsolutePath().toString());
  }

  @Override
  public CrashFileSystem getFileSystem() {
    return fileSystem;
  }

  @Override
  public boolean isAbsolute() {
    return backing.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(backing.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(backing.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(backing.getParent());
  }

  @Override
  public int getNameCount() {
    return backing.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(backing.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(backing.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof CrashPath && backing.startsWith(backing(other));
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof CrashPath && backing.endsWith(backing(other));
  }

  @Override
  public Path normalize() {
    return wrap(backing.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(backing.resolve(backing(other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(backing.relativize(backing(other)));
  }

  @Override
  public URI toUri() {
    return backing.toUri();
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(backing.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return wrap(backing.toRealPath(options));
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("crashtest does not support watching");
  }

  @Override
  public int compareTo(Path other) {
    return backing.compareTo(backing(other));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CrashPath && backing.equals(((CrashPath) other).backing);
  }

  @Override
  public int hashCode() {
    return backing.hashCode();
  }

  @Override
  public String toString() {
    return backing.toString();
  }
}
