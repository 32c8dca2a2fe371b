package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Jimfs file system seen through a provider that records every operation that matters to a crash.
 */
final class CrashFileSystem extends FileSystem {
  private final FileSystem backing;
  private final CrashFileSystemProvider provider;

  CrashFileSystem(FileSystem backing, OperationRecorder recorder) {
    this.backing = backing;
    this.provider = new CrashFileSystemProvider(this, backing.provider(), recorder);
  }

  Path wrap(Path backingPath) {
    return backingPath == null ? null : new CrashPath(this, backingPath);
  }

  @Override
  public CrashFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() throws IOException {
    backing.close();
  }

  @Override
  public boolean isOpen() {
    return backing.isOpen();
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return backing.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    backing.getRootDirectories().forEach(root -> roots.add(wrap(root)));
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return backing.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return backing.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(backing.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = backing.getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(CrashPath.backing(path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return backing.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("crashtest does not support watching");
  }
}
