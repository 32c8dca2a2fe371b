import java.io.IOException;
import java.nio.file.*;
import java.util.List;

class LoopRename {
  void apply(List<String> names, boolean rename) throws IOException {
    for (String n : names) {
      Path src = Path.of(n); // a new file on every iteration
      if (!rename) {
        Files.writeString(src, "x");
      } else {
        Files.move(src, Path.of(n + ".new"), StandardCopyOption.ATOMIC_MOVE); // reported
      }
    }
  }
}
