package dev.fsyncguard.crashtest;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods of {@code java.io.File} on a path under the workload's directory, performed on the
 * kit's file system with {@code File}'s answers: false rather than an exception, {@code renameTo}
 * replacing its target as {@code rename(2)} does (the kit records it as an atomic rename).
 */
final class RedirectedFiles {
  private final JdkRedirect redirect;

  RedirectedFiles(JdkRedirect redirect) {
    this.redirect = redirect;
  }

  /**
   * @param call the method's name and descriptor, as {@code "renameTo(Ljava/io/File;)Z"}
   */
  Object[] answer(String call, Object self, Object[] arguments) throws IOException {
    File file = (File) self;
    Path path = redirect.inKit(file.getPath());
    if (path == null) {
      return outside(call, file, arguments);
    }
    switch (call) {
      case "exists()Z":
        return answer(Files.exists(path));
      case "isFile()Z":
        return answer(Files.isRegularFile(path));
      case "isDirectory()Z":
        return answer(Files.isDirectory(path));
      case "canRead()Z":
        return answer(Files.isReadable(path));
      case "canWrite()Z":
        return answer(Files.isWritable(path));
      case "length()J":
        return answer(Files.isRegularFile(path) ? Files.size(path) : 0L);
      case "lastModified()J":
        return answer(Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0L);
      case "setLastModified(J)Z":
        return answer(
            succeeds(
                () -> Files.setLastModifiedTime(path, FileTime.fromMillis((Long) arguments[0]))));
      case "setReadOnly()Z":
        return answer(setWritable(path, false, false));
      case "setWritable(ZZ)Z":
        return answer(setWritable(path, (Boolean) arguments[0], (Boolean) arguments[1]));
      case "createNewFile()Z":
        return answer(createNewFile(path));
      case "delete()Z":
        return answer(succeeds(() -> Files.delete(path)));
      case "mkdir()Z":
        return answer(succeeds(() -> Files.createDirectory(path)));
      case "mkdirs()Z":
        return answer(!Files.exists(path) && succeeds(() -> Files.createDirectories(path)));
      case "renameTo(Ljava/io/File;)Z":
        return renameTo(file, path, (File) arguments[0]);
      case "list()[Ljava/lang/String;":
      case "normalizedList()[Ljava/lang/String;":
        return answer(list(path));
      default:
        return JdkRedirect.PASS;
    }
  }

  private Object[] outside(String call, File file, Object[] arguments) throws IOException {
    switch (call) {
      case "createNewFile()Z":
        throw redirect.escape("File.createNewFile", file, IOException::new);
      case "delete()Z":
      case "mkdir()Z":
      case "mkdirs()Z":
      case "setLastModified(J)Z":
      case "setReadOnly()Z":
      case "setWritable(ZZ)Z":
        redirect.escape("File." + call.substring(0, call.indexOf('(')), file, IOException::new);
        return answer(false);
      case "renameTo(Ljava/io/File;)Z":
        File target = (File) arguments[0];
        if (redirect.inKit(target.getPath()) != null) {
          // Moving a file from the real disk in would delete it there.
          redirect.escape(
              "File.renameTo (into the workload's directory from)", file, IOException::new);
        } else {
          redirect.escape("File.renameTo", file + " -> " + target, IOException::new);
        }
        return answer(false);
      default:
        return JdkRedirect.PASS;
    }
  }

  private Object[] renameTo(File file, Path path, File target) throws IOException {
    Path to = redirect.inKit(target.getPath());
    if (to == null) {
      redirect.escape("File.renameTo", file + " -> " + target, IOException::new);
      return answer(false);
    }
    return answer(succeeds(() -> Files.move(path, to, StandardCopyOption.ATOMIC_MOVE)));
  }

  /** {@code File.setWritable}: the owner's write bit, or everyone's; false if there is no file. */
  private static boolean setWritable(Path path, boolean writable, boolean ownerOnly) {
    try {
      Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(path));
      List<PosixFilePermission> bits =
          ownerOnly
              ? List.of(PosixFilePermission.OWNER_WRITE)
              : List.of(
                  PosixFilePermission.OWNER_WRITE,
                  PosixFilePermission.GROUP_WRITE,
                  PosixFilePermission.OTHERS_WRITE);
      if (writable) {
        permissions.addAll(bits);
      } else {
        permissions.removeAll(bits);
      }
      Files.setPosixFilePermissions(path, permissions);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean createNewFile(Path path) throws IOException {
    try {
      Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (NoSuchFileException e) {
      throw new IOException("No such file or directory", e);
    }
  }

  private static String[] list(Path path) {
    if (!Files.isDirectory(path)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (IOException e) {
      return null;
    }
    return names.toArray(new String[0]);
  }

  /** An I/O action whose failure {@code File} reports as false. */
  private interface Action {
    void run() throws IOException;
  }

  private static boolean succeeds(Action action) {
    try {
      action.run();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Object[] answer(Object result) {
    return RedirectedStreams.answer(result);
  }
}
