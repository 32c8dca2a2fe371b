package dev.fsyncguard.durable.recording;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The default file system seen through a provider that logs every open, write, force, close, move and delete,
 * and throws injected faults at any of them. Code under test gets paths from {@link #wrap(Path)}; all I/O it
 * does on them through {@code Files} or {@code FileChannel.open} lands in {@link #events()}.
 */
public final class RecordingFileSystem extends FileSystem {
  private final FileSystem delegate = FileSystems.getDefault();
  private final RecordingFileSystemProvider provider = new RecordingFileSystemProvider(this);
  private final List<IoEvent> events = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  /** The recording twin of a default-file-system path. */
  public Path wrap(Path real) {
    if (real == null) {
      return null;
    }
    if (real instanceof RecordingPath) {
      return real;
    }
    return new RecordingPath(this, real);
  }

  /** Makes every {@code operation} on a real path matching {@code where} throw {@code error.get()}. */
  public void inject(Operation operation, Predicate<Path> where, Supplier<? extends IOException> error) {
    faults.add(new Fault(operation, where, error, Integer.MAX_VALUE));
  }

  /** Like {@link #inject} but fails only the first matching operation, so a later retry would succeed. */
  public void injectOnce(Operation operation, Predicate<Path> where, Supplier<? extends IOException> error) {
    faults.add(new Fault(operation, where, error, 1));
  }

  /** A snapshot of everything logged so far, in order. */
  public List<IoEvent> events() {
    return new ArrayList<>(events);
  }

  /** Events rendered as strings with temp file names replaced by {@code TEMP}, for whole-sequence assertions. */
  public List<String> script() {
    return events.stream()
        .map(event -> event.toString().replaceAll("\\.[^ ]*\\.[0-9a-z]+\\.tmp", "TEMP"))
        .collect(Collectors.toList());
  }

  void record(Operation operation, Path realPath, String detail) throws IOException {
    events.add(new IoEvent(operation, realPath, detail));
    for (Fault fault : faults) {
      fault.throwIfMatches(operation, realPath);
    }
  }

  @Override
  public RecordingFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("the default file system cannot be closed");
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return delegate.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    delegate.getRootDirectories().forEach(root -> roots.add(wrap(root)));
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return delegate.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return delegate.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(delegate.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(RecordingPath.unwrap(path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return delegate.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("watching is not recorded");
  }
}
