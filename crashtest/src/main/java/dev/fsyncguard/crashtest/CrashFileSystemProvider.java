package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Performs each operation on Jimfs, then records it: a failed operation changed nothing and is not
 * recorded. Reads, attributes and listings pass straight through, since they change nothing a crash
 * could lose.
 */
final class CrashFileSystemProvider extends FileSystemProvider {
  private final CrashFileSystem fileSystem;
  private final FileSystemProvider backing;
  private final OperationRecorder recorder;

  CrashFileSystemProvider(
      CrashFileSystem fileSystem, FileSystemProvider backing, OperationRecorder recorder) {
    this.fileSystem = fileSystem;
    this.backing = backing;
    this.recorder = recorder;
  }

  private static Path real(Path path) {
    return CrashPath.backing(path);
  }

  @Override
  public String getScheme() {
    return "crashtest";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException("a crash-test file system is created by CrashTest.run");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    return fileSystem;
  }

  @Override
  public Path getPath(URI uri) {
    return fileSystem.wrap(backing.getPath(uri));
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    Path real = real(path);
    if (CallerFrame.inMoveFromAnotherFileSystem()) {
      throw new ProviderMismatchException(
          "Files.move from another file system into the crash-test directory ("
              + path
              + "): the JDK would copy the file and delete its source outside the test's directory,"
              + " where the kit records nothing. Create the file in the directory the kit gives"
              + " (a temp file with Files.createTempFile(dir, prefix, suffix))");
    }
    recorder.failIfPlanned(Fault.Operation.OPEN, real);
    boolean writes =
        options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    if (!writes && Files.isDirectory(real)) {
      // FileChannel.open(directory, READ) is how Java code forces a directory on POSIX; Jimfs
      // refuses it.
      return new DirectoryChannel(recorder, real, OperationRecorder.inode(real));
    }
    boolean existed = Files.exists(real);
    FileChannel channel = backing.newFileChannel(real, options, attrs);
    try {
      Object inode = OperationRecorder.inode(real);
      if (writes && !existed) {
        Entry entry = new Entry(inode, Entry.Kind.FILE, null);
        Object directory = OperationRecorder.parentInode(real);
        String name = OperationRecorder.name(real);
        recorder.record(
            OperationKind.CREATE_FILE,
            real,
            "",
            (model, operation) -> {
              model.files.put(inode, FileDataModel.created(operation));
              model.addEntry(operation, directory, name, entry);
            });
      } else if (writes
          && options.contains(StandardOpenOption.TRUNCATE_EXISTING)
          && recorder.recording()
          && recorder.model().file(inode).current().length > 0) {
        recorder.record(
            OperationKind.TRUNCATE,
            real,
            "to 0 bytes (TRUNCATE_EXISTING)",
            (model, operation) -> model.file(inode).change(operation, new byte[0], false));
      }
      boolean sync =
          options.contains(StandardOpenOption.SYNC) || options.contains(StandardOpenOption.DSYNC);
      return new RecordingFileChannel(
          recorder, real, inode, channel, options.contains(StandardOpenOption.APPEND), sync);
    } catch (IOException | RuntimeException | Error e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return newFileChannel(path, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    DirectoryStream<Path> real =
        backing.newDirectoryStream(real(dir), entry -> filter.accept(fileSystem.wrap(entry)));
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> entries = real.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return entries.hasNext();
          }

          @Override
          public Path next() {
            return fileSystem.wrap(entries.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        real.close();
      }
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    Path real = real(dir);
    backing.createDirectory(real, attrs);
    Object inode = OperationRecorder.inode(real);
    Object parent = OperationRecorder.parentInode(real);
    recorder.record(
        OperationKind.CREATE_DIRECTORY,
        real,
        "",
        (model, operation) -> {
          model.directory(inode);
          model.addEntry(
              operation,
              parent,
              OperationRecorder.name(real),
              new Entry(inode, Entry.Kind.DIRECTORY, null));
        });
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
      throws IOException {
    Path real = real(link);
    backing.createSymbolicLink(real, real(target), attrs);
    Entry entry = OperationRecorder.entryOf(real);
    Object parent = OperationRecorder.parentInode(real);
    recorder.record(
        OperationKind.CREATE_SYMBOLIC_LINK,
        real,
        "-> " + target,
        (model, operation) ->
            model.addEntry(operation, parent, OperationRecorder.name(real), entry));
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    Path real = real(link);
    backing.createLink(real, real(existing));
    Entry entry = OperationRecorder.entryOf(real);
    Object parent = OperationRecorder.parentInode(real);
    recorder.record(
        OperationKind.CREATE_LINK,
        real,
        "to " + real(existing).toAbsolutePath(),
        (model, operation) ->
            model.addEntry(operation, parent, OperationRecorder.name(real), entry));
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    return fileSystem.wrap(backing.readSymbolicLink(real(link)));
  }

  @Override
  public void delete(Path path) throws IOException {
    deleteAndRecord(real(path), "");
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    Path real = real(path);
    if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    deleteAndRecord(real, "");
    return true;
  }

  private void deleteAndRecord(Path real, String detail) throws IOException {
    Object parent = OperationRecorder.parentInode(real);
    backing.delete(real);
    recorder.record(
        OperationKind.DELETE,
        real,
        detail,
        (model, operation) -> model.removeEntry(operation, parent, OperationRecorder.name(real)));
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    Path realTarget = real(target);
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    if (replace && Files.exists(realTarget, LinkOption.NOFOLLOW_LINKS)) {
      deleteAndRecord(realTarget, "(copy with REPLACE_EXISTING: delete, then copy)");
    }
    backing.copy(real(source), realTarget, options);
    if (!Files.isRegularFile(realTarget, LinkOption.NOFOLLOW_LINKS)) {
      Entry entry = OperationRecorder.entryOf(realTarget);
      Object parent = OperationRecorder.parentInode(realTarget);
      recorder.record(
          entry.kind == Entry.Kind.DIRECTORY
              ? OperationKind.CREATE_DIRECTORY
              : OperationKind.CREATE_SYMBOLIC_LINK,
          realTarget,
          "(copy of " + source + ")",
          (model, operation) ->
              model.addEntry(operation, parent, OperationRecorder.name(realTarget), entry));
      return;
    }
    // Recorded as what copying is on disk: a new file, then its data written and not forced.
    Object inode = OperationRecorder.inode(realTarget);
    Object parent = OperationRecorder.parentInode(realTarget);
    byte[] content = Files.readAllBytes(realTarget);
    recorder.record(
        OperationKind.CREATE_FILE,
        realTarget,
        "(copy of " + source + ")",
        (model, operation) -> {
          model.files.put(inode, FileDataModel.created(operation));
          model.addEntry(
              operation,
              parent,
              OperationRecorder.name(realTarget),
              new Entry(inode, Entry.Kind.FILE, null));
        });
    recorder.record(
        OperationKind.WRITE,
        realTarget,
        content.length + " bytes at 0 (copy)",
        (model, operation) -> model.file(inode).change(operation, content, false));
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    Path realSource = real(source);
    Path realTarget = real(target);
    List<CopyOption> given = Arrays.asList(options);
    boolean atomic = given.contains(StandardCopyOption.ATOMIC_MOVE);
    boolean targetExists = Files.exists(realTarget, LinkOption.NOFOLLOW_LINKS);
    Entry entry = OperationRecorder.entryOf(realSource);
    recorder.failIfPlanned(Fault.Operation.RENAME, realSource);
    if (atomic) {
      if (targetExists
          && entry.kind != Entry.Kind.DIRECTORY
          && Files.isDirectory(realTarget, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileSystemException(
            realSource.toString(), realTarget.toString(), "target is a directory");
      }
      // rename(2) replaces an existing target; Jimfs only does so when also asked to replace.
      backing.move(
          realSource,
          realTarget,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      if (targetExists && given.contains(StandardCopyOption.REPLACE_EXISTING)) {
        // What Files.move does on a real disk without ATOMIC_MOVE: two steps, with no target in
        // between.
        deleteAndRecord(realTarget, "(REPLACE_EXISTING without ATOMIC_MOVE: delete, then rename)");
      }
      backing.move(realSource, realTarget);
    }
    Object fromDirectory = OperationRecorder.parentInode(realSource);
    Object toDirectory = OperationRecorder.parentInode(realTarget);
    boolean replaced = atomic && targetExists;
    recorder.record(
        OperationKind.RENAME,
        realSource,
        realTarget,
        "-> " + realTarget.toAbsolutePath() + " " + given,
        (model, operation) ->
            model.rename(
                operation,
                fromDirectory,
                OperationRecorder.name(realSource),
                toDirectory,
                OperationRecorder.name(realTarget),
                entry,
                replaced));
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return backing.isSameFile(real(path), real(path2));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return backing.isHidden(real(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return backing.getFileStore(real(path));
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    backing.checkAccess(real(path), modes);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return backing.getFileAttributeView(real(path), type, options);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return backing.readAttributes(real(path), type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return backing.readAttributes(real(path), attributes, options);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    backing.setAttribute(real(path), attribute, value, options);
  }
}
