import java.io.*;
import java.util.List;

class LoopRenameSwitch {
  enum Kind { MODIFY, RENAME }
  static void write(File f) throws IOException {
    try (OutputStream out = new FileOutputStream(f)) {
      out.write(1);
    }
  }
  void apply(List<String> names, Kind kind) throws IOException {
    for (String n : names) {
      File src = new File(n);
      switch (kind) {
        case MODIFY:
          write(src);
          break;
        case RENAME:
          src.renameTo(new File(n + ".new"));
          break;
      }
    }
  }
}
