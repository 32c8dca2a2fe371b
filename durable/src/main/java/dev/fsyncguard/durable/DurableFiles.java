package dev.fsyncguard.durable;

import dev.fsyncguard.annotations.Fsyncs;
import dev.fsyncguard.annotations.RenameSource;
import dev.fsyncguard.annotations.RenameTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces files so that, after a crash or power loss at any moment, the file has either its
 * complete old content or its complete new content, and once a call returns, the new content
 * survives.
 *
 * <p>Each write costs what durability needs and nothing more: the new content goes to a uniquely
 * named temporary file in the target's directory, is forced ({@link FileChannel#force}, which is a
 * full flush on macOS, unlike {@code FileDescriptor.sync()}), renamed over the target with {@code
 * ATOMIC_MOVE}, and the directory is forced so that the rename itself is durable. Besides these, a
 * write reads the target's attributes once and, when it replaces an existing file, sets the
 * temporary file's permissions.
 *
 * <p><b>Failures</b> never leave a temporary file behind and are reported by type: {@link
 * TargetUnchangedException} (before the rename: old content intact; {@link
 * AtomicRenameUnsupportedException} when the file system cannot rename atomically, which is never
 * papered over with a delete-then-rename), {@link ReplacedButNotDurableException} (after it: new
 * content visible, directory not forced). A failed force is never retried, because after a failed
 * fsync Linux may drop the dirty pages and report the next one as successful. A thread interrupted
 * during a write gets a {@link TargetUnchangedException} caused by a {@link
 * java.nio.channels.ClosedByInterruptException}, keeps its interrupt status, and the target is
 * untouched.
 *
 * <p><b>Bad input</b> fails before anything is changed. A target whose directory does not exist
 * gets a {@link TargetUnchangedException} caused by a {@link NoSuchFileException} (the directory is
 * not created); a target that is a directory, or the root, a {@link TargetUnchangedException}.
 * {@link #rename} of a missing source throws {@link NoSuchFileException} itself, as {@link
 * Files#move} does.
 *
 * <p><b>Permissions and links.</b> A replaced file keeps its POSIX permissions (not its owner,
 * group, ACLs or extended attributes: the new file is a new inode created by this process). A new
 * file gets the same permissions {@code Files.write} would give it. If the target is a symbolic
 * link, the link itself is replaced by a regular file and the file it pointed to is left untouched:
 * the write never leaves the directory the caller named, so a link planted by someone else cannot
 * redirect it (to another directory, another file system or a file the caller may not own), and
 * this is what {@code rename(2)} does without a check-then-act race. To write through a link on
 * purpose, pass {@code target.toRealPath()}. Other hard links to the old file keep the old content.
 *
 * <p>All I/O goes through the target {@link Path}'s own file system provider. Concurrent writers to
 * one target are safe: each has its own temporary file and the last rename wins.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Replaces {@code target}'s content with {@code content}, durably and atomically.
   *
   * @param target the file to replace or create; its directory must exist
   * @param content the complete new content; not copied, so do not change it during the call
   * @throws TargetUnchangedException if the write failed before the rename
   * @throws ReplacedButNotDurableException if the directory could not be forced after the rename
   * @throws NullPointerException if an argument is null, before anything is touched
   */
  public static void write(@Fsyncs Path target, byte[] content) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    replace(TargetFile.of(target), ByteBuffer.wrap(content));
  }

  /**
   * Replaces {@code target}'s content with {@code content} encoded in {@code charset}, durably and
   * atomically. Characters the charset cannot encode fail the write before anything is touched,
   * rather than being written as replacement characters.
   *
   * @param target the file to replace or create; its directory must exist
   * @param content the complete new content
   * @param charset the encoding
   * @throws TargetUnchangedException if the content cannot be encoded or the write failed before
   *     the rename
   * @throws ReplacedButNotDurableException if the directory could not be forced after the rename
   * @throws NullPointerException if an argument is null, before anything is touched
   */
  public static void write(@Fsyncs Path target, CharSequence content, Charset charset)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(charset, "charset");
    TargetFile file = TargetFile.of(target);
    ByteBuffer encoded;
    try {
      encoded = charset.newEncoder().encode(CharBuffer.wrap(content));
    } catch (CharacterCodingException e) {
      throw new TargetUnchangedException(target, "content cannot be encoded in " + charset, e);
    }
    replace(file, encoded);
  }

  /**
   * Starts a replacement written piece by piece; see {@link DurableOutput}. The target's directory
   * is opened and the temporary file created now, so an unusable target fails here, before any
   * content is produced.
   *
   * @param target the file to replace or create; its directory must exist
   * @return the open replacement; commit it, and close it in every case
   * @throws TargetUnchangedException if the temporary file cannot be created
   * @throws NullPointerException if {@code target} is null
   */
  public static DurableOutput newOutput(Path target) throws IOException {
    Objects.requireNonNull(target, "target");
    TargetFile file = TargetFile.of(target);
    DirectoryHandle directory = openDirectory(file);
    try {
      return new DurableOutput(directory, Replacement.begin(file));
    } catch (IOException | RuntimeException | Error e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Replaces several files of one directory, forcing each file but the directory only once for all
   * of them: N files cost N + 1 forces instead of 2N. Every file is written and forced before the
   * first rename, so a failure while writing leaves all targets unchanged. Each file is replaced
   * atomically, the batch as a whole is not (see {@link BatchPartlyReplacedException}).
   *
   * @param contents target path to complete new content, renamed in the map's iteration order; all
   *     targets in one directory, no target twice
   * @throws TargetUnchangedException if the batch failed before its first rename: no file was
   *     replaced
   * @throws BatchPartlyReplacedException if a rename failed after others succeeded
   * @throws ReplacedButNotDurableException if all files were replaced but the directory could not
   *     be forced; its {@link DurableWriteException#target()} is the directory
   * @throws IllegalArgumentException if the targets are not all in one directory or one appears
   *     twice
   * @throws NullPointerException if the map, a target or a content is null
   */
  public static void writeAll(Map<Path, byte[]> contents) throws IOException {
    Objects.requireNonNull(contents, "contents");
    List<TargetFile> targets = new ArrayList<>(contents.size());
    List<ByteBuffer> data = new ArrayList<>(contents.size());
    Set<Path> seen = new HashSet<>();
    for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
      Path target = Objects.requireNonNull(entry.getKey(), "target");
      byte[] content = Objects.requireNonNull(entry.getValue(), () -> "content of " + target);
      TargetFile file = TargetFile.of(target);
      if (!targets.isEmpty() && !targets.get(0).directory().equals(file.directory())) {
        throw new IllegalArgumentException(
            "a batch writes into one directory, but "
                + target
                + " is not in "
                + targets.get(0).directory());
      }
      if (!seen.add(file.directory().resolve(file.name()))) {
        throw new IllegalArgumentException("target appears twice in the batch: " + target);
      }
      targets.add(file);
      data.add(ByteBuffer.wrap(content));
    }
    if (targets.isEmpty()) {
      return;
    }
    try (DirectoryHandle directory = openDirectory(targets.get(0))) {
      List<Replacement> forced = writeAndForceAll(targets, data);
      renameAll(forced);
      forceAfterRename(directory, directory.directory());
    }
  }

  /**
   * Forces {@code file}'s data and metadata to stable storage, for code that writes a file its own
   * way. Uses {@link FileChannel#force}, which is a full flush on macOS. A failure is final: do not
   * call this again hoping for success, rewrite the file instead.
   *
   * @param file an existing file
   * @throws IOException if the file cannot be opened or the force failed
   */
  public static void force(@Fsyncs Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (FileChannel channel = FileChannel.open(file, Platform.OPEN_TO_FORCE)) {
      channel.force(true);
    }
  }

  /**
   * Creates {@code directory} and every missing directory above it, as {@link
   * Files#createDirectories} does, and forces the parent of each one it creates: a new directory is
   * an entry in its parent, which a crash can undo until that parent is forced, taking every file
   * written into the new directory with it. Directories that exist already are left as they are and
   * nothing is forced for them, so calling this before each save costs nothing once the directories
   * are there. On Windows the directories are created and nothing is forced (see {@link
   * #forceDirectory}).
   *
   * @param directory the directory to create, with its missing parents
   * @return {@code directory}
   * @throws java.nio.file.FileAlreadyExistsException if {@code directory} or a parent exists but is
   *     not a directory, before anything is created
   * @throws IOException if a directory cannot be created or its parent cannot be forced; the
   *     directories created before it stay
   */
  public static Path createDirectories(Path directory) throws IOException {
    return createDirectories(directory, Platform.DIRECTORIES_CAN_BE_FORCED);
  }

  /**
   * {@link #createDirectories(Path)}, with the platform's ability to force a directory passed in
   * for the tests.
   */
  static Path createDirectories(Path directory, boolean directoriesCanBeForced) throws IOException {
    Objects.requireNonNull(directory, "directory");
    // Top down from the nearest one that exists: a parent is forced only after its new child is in
    // it.
    List<Path> missing = new ArrayList<>();
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing);
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new java.nio.file.FileAlreadyExistsException(
          existing.toString(), null, "not a directory");
    }
    for (Path created : missing) {
      try {
        Files.createDirectory(created);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Created meanwhile by another writer: its parent may not be forced yet, so force it all
        // the same.
        if (!Files.isDirectory(created)) {
          throw e;
        }
      }
      forceDirectory(created.getParent(), directoriesCanBeForced);
    }
    return directory;
  }

  /**
   * Forces {@code directory}'s entries, which makes files created, renamed or deleted in it
   * durable. A symbolic link is followed: the directory it names is forced. On Windows nothing is
   * forced (a directory cannot be opened there, and NTFS journals such changes itself), but the
   * path is checked all the same.
   *
   * @param directory an existing directory, or a link to one
   * @throws NotDirectoryException if {@code directory} is not a directory, before anything is
   *     forced
   * @throws NoSuchFileException if {@code directory} does not exist
   * @throws IOException if the directory cannot be opened or the force failed
   */
  public static void forceDirectory(@Fsyncs Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    forceDirectory(directory, Platform.DIRECTORIES_CAN_BE_FORCED);
  }

  /**
   * {@link #forceDirectory(Path)}, with the platform's ability to force a directory passed in for
   * the tests.
   */
  static void forceDirectory(Path directory, boolean directoriesCanBeForced) throws IOException {
    // A regular file opens and forces without complaint on POSIX, so without this check a caller
    // who passed the
    // wrong path would believe the directory's entries durable when they are not.
    if (!Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
      throw new NotDirectoryException(directory.toString());
    }
    if (!directoriesCanBeForced) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Renames a file its owner wrote and closed, durably: forces {@code source}, renames it over
   * {@code target} with {@code ATOMIC_MOVE}, then forces the target's directory and, when it
   * differs, the source's (so the old name does not come back after a crash). Both directories are
   * opened before the rename, so an unusable one fails while nothing has moved.
   *
   * @param source the file to move; forced before it moves
   * @param target the new name; an existing file there is replaced atomically, a directory there is
   *     refused ({@link TargetUnchangedException}); its directory must exist
   * @throws NoSuchFileException if {@code source} (or its directory) does not exist, as {@link
   *     Files#move} reports it; nothing was changed
   * @throws TargetUnchangedException if nothing was renamed for another reason ({@link
   *     AtomicRenameUnsupportedException} when the file system, or a move between file systems,
   *     cannot be atomic)
   * @throws ReplacedButNotDurableException if the rename happened but a directory could not be
   *     forced
   */
  public static void rename(@Fsyncs @RenameSource Path source, @Fsyncs @RenameTarget Path target)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    TargetFile to = TargetFile.of(target);
    Path sourceDirectory = TargetFile.of(source).directory();
    // Checked before the directories are opened, so that a missing source directory is reported as
    // the missing
    // source it is, not as a directory that cannot be forced. Links are followed, as forcing the
    // source does.
    Files.readAttributes(source, BasicFileAttributes.class);
    try (DirectoryHandle targetDirectory = openDirectory(to);
        DirectoryHandle otherDirectory =
            sourceDirectory.equals(to.directory())
                ? null
                : openDirectory(source, sourceDirectory)) {
      try {
        force(source);
      } catch (NoSuchFileException e) {
        // Removed since the check: still nothing touched, and reported the same way.
        throw e;
      } catch (IOException e) {
        throw new TargetUnchangedException(
            target, "forcing the source " + source + " failed; nothing renamed", e);
      }
      try {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new AtomicRenameUnsupportedException(target, e);
      } catch (IOException e) {
        throw new TargetUnchangedException(target, "renaming " + source + " failed", e);
      }
      forceAfterRename(targetDirectory, target);
      if (otherDirectory != null) {
        forceAfterRename(otherDirectory, target);
      }
    }
  }

  static void forceAfterRename(DirectoryHandle directory, Path target)
      throws ReplacedButNotDurableException {
    try {
      directory.force();
    } catch (IOException e) {
      throw new ReplacedButNotDurableException(
          target, "forcing the directory " + directory.directory() + " after the rename failed", e);
    }
  }

  private static void replace(TargetFile file, ByteBuffer content) throws IOException {
    try (DirectoryHandle directory = openDirectory(file)) {
      Replacement replacement = Replacement.begin(file);
      replacement.write(content);
      replacement.forceAndClose();
      replacement.renameOverTarget();
      forceAfterRename(directory, file.path());
    }
  }

  private static List<Replacement> writeAndForceAll(List<TargetFile> targets, List<ByteBuffer> data)
      throws TargetUnchangedException {
    List<Replacement> forced = new ArrayList<>(targets.size());
    try {
      for (int i = 0; i < targets.size(); i++) {
        Replacement replacement = Replacement.begin(targets.get(i));
        replacement.write(data.get(i));
        replacement.forceAndClose();
        forced.add(replacement);
      }
      return forced;
    } catch (TargetUnchangedException | RuntimeException | Error e) {
      forced.forEach(replacement -> replacement.abandonAfter(e));
      throw e;
    }
  }

  private static void renameAll(List<Replacement> forced) throws DurableWriteException {
    for (int i = 0; i < forced.size(); i++) {
      List<Replacement> remaining = forced.subList(i + 1, forced.size());
      try {
        forced.get(i).renameOverTarget();
      } catch (TargetUnchangedException e) {
        DurableWriteException outcome =
            i == 0
                ? e
                : new BatchPartlyReplacedException(
                    paths(forced.subList(0, i)), paths(forced.subList(i, forced.size())), e);
        remaining.forEach(replacement -> replacement.abandonAfter(outcome));
        throw outcome;
      } catch (RuntimeException | Error e) {
        remaining.forEach(replacement -> replacement.abandonAfter(e));
        throw e;
      }
    }
  }

  private static List<Path> paths(List<Replacement> replacements) {
    List<Path> paths = new ArrayList<>(replacements.size());
    replacements.forEach(replacement -> paths.add(replacement.target().path()));
    return paths;
  }

  private static DirectoryHandle openDirectory(TargetFile file) throws TargetUnchangedException {
    return openDirectory(file.path(), file.directory());
  }

  private static DirectoryHandle openDirectory(Path target, Path directory)
      throws TargetUnchangedException {
    try {
      return DirectoryHandle.open(directory);
    } catch (IOException e) {
      throw new TargetUnchangedException(
          target,
          "cannot open the directory "
              + directory
              + " (it must exist and be readable, to be forced after the rename)",
          e);
    }
  }
}
