package dev.fsyncguard.crashtest;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Jimfs file systems the kit uses: Unix paths, POSIX permissions, and the workload's directory.
 */
final class JimfsSetup {
  private JimfsSetup() {}

  private static Configuration.Builder unix() {
    return Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix");
  }

  /**
   * The file system a workload runs on, where {@code workDirectory} (the absolute name of the real,
   * empty directory the run created for it) exists and is the working directory.
   */
  static FileSystem forWorkload(String workDirectory) {
    return Jimfs.newFileSystem(unix().setWorkingDirectory(workDirectory).build());
  }

  /**
   * A fresh file system holding exactly {@code state}, for a check to read (or to run recovery code
   * on).
   */
  static FileSystem holding(DurableState state) throws IOException {
    FileSystem fileSystem = Jimfs.newFileSystem(unix().setWorkingDirectory("/").build());
    Map<Object, Path> firstNameOfFile = new HashMap<>();
    for (Map.Entry<String, DurableState.Node> entry : state.nodes.entrySet()) {
      Path path = fileSystem.getPath(entry.getKey());
      DurableState.Node node = entry.getValue();
      switch (node.kind) {
        case DIRECTORY:
          Files.createDirectory(path);
          break;
        case SYMBOLIC_LINK:
          Files.createSymbolicLink(path, fileSystem.getPath(node.linkTarget));
          break;
        default:
          Path other = firstNameOfFile.putIfAbsent(node.inode, path);
          if (other != null) {
            Files.createLink(path, other);
          } else {
            Files.write(path, node.content);
          }
      }
    }
    return fileSystem;
  }
}
