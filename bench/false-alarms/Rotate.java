import java.io.*;
import java.nio.file.*;

class Rotate {
  static boolean moveAway(File source, File dest) {
    if (source.renameTo(dest)) {
      return true;
    }
    try {
      Files.copy(source.toPath(), dest.toPath(), StandardCopyOption.REPLACE_EXISTING);
      new PrintWriter(source).close(); // truncate the original once copied
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean rotate(File log, File archive) {
    return moveAway(log, archive); // reported: "renamed before the write on line 19"
  }
}
