package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Switch expressions and statements, labeled loops, do/while, ternaries, renames in odd places. */
public final class Switches {
  enum Mode {
    FAST,
    SAFE,
    PARANOID,
    NONE
  }

  public static Path arrowSwitchExpression(Mode mode, Path tmp, Path target) throws IOException {
    Files.writeString(tmp, "payload");
    return switch (mode) {
      case FAST -> Files.move(tmp, target, ATOMIC_MOVE);
      case SAFE -> {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        yield Files.move(tmp, target, ATOMIC_MOVE);
      }
      case PARANOID -> {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(false);
        }
        Path moved = Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
          dir.force(true);
        }
        yield moved;
      }
      case NONE -> target;
    };
  }

  public static boolean colonSwitchExpression(int kind, File tmp, File target) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(tmp, kind > 1 ? "rws" : "rw")) {
      raf.writeInt(kind);
    }
    boolean ok =
        switch (kind) {
          case 0:
            yield false;
          case 1:
          case 2:
            yield tmp.renameTo(target);
          default:
            {
              if (kind < 0) {
                throw new IllegalArgumentException();
              }
              yield tmp.getAbsoluteFile().renameTo(target) && target.exists();
            }
        };
    return ok;
  }

  public static void switchStatements(String op, Path a, Path b) throws IOException {
    switch (op) {
      case "write":
        Files.writeString(a, op);
        // fall through
      case "move":
        Files.move(a, b);
        break;
      case "both", "all":
        {
          Files.writeString(a, op);
          Files.move(a, b, ATOMIC_MOVE);
          break;
        }
      default:
    }
    switch (op.length()) {
      case 0 -> {}
      case 1, 2 -> Files.writeString(a, op);
      default -> {
        if (op.isBlank()) {
          return;
        }
        Files.move(a, b);
      }
    }
  }

  public static int labeledLoops(List<List<Path>> batches, Path target) throws IOException {
    int moved = 0;
    outer:
    for (List<Path> batch : batches) {
      inner:
      for (int i = 0; i < batch.size(); i++) {
        Path p = batch.get(i);
        if (p == null) {
          continue outer;
        }
        if (Files.isDirectory(p)) {
          continue inner;
        }
        Files.writeString(p, "x" + i);
        if (i == 7) {
          break outer;
        }
        Files.move(p, target, REPLACE_EXISTING);
        moved++;
      }
    }
    int tries = 0;
    do {
      tries++;
      Path t = target.resolveSibling("t" + tries);
      Files.write(t, new byte[tries]);
      if (tries % 2 == 0) {
        continue;
      }
      Files.move(t, target, REPLACE_EXISTING, ATOMIC_MOVE);
    } while (tries < 3);
    int k = 0;
    while (true) {
      if (++k > 2) {
        break;
      }
    }
    block:
    {
      if (moved > 100) {
        break block;
      }
      moved += k;
    }
    return moved;
  }

  public static Object ternaries(boolean durable, Path tmp, Path target, File f, File g)
      throws IOException {
    Files.writeString(tmp, "t");
    Path r =
        durable
            ? Files.move(tmp, target, ATOMIC_MOVE)
            : (tmp.startsWith("/") ? Files.move(tmp, target) : tmp);
    boolean renamed = f.exists() ? f.renameTo(g) : !g.exists() && f.renameTo(g);
    return renamed ? r : (Object) Boolean.FALSE;
  }

  public static String nestedSwitch(Mode m, int n) {
    return switch (m) {
      case FAST -> switch (n) {
        case 0 -> "zero";
        default -> {
          String s = "n" + n;
          yield s.isEmpty() ? "?" : s;
        }
      };
      case SAFE, PARANOID -> m.name().toLowerCase(java.util.Locale.ROOT);
      default -> throw new IllegalStateException("" + m);
    };
  }
}
