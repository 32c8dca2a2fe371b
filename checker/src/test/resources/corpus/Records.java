package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Records: compact and canonical constructors, generic records, nested records, renames in members. */
public final class Records {
  private Records() {}

  public record Snapshot(Path file, byte[] data) {
    public Snapshot {
      Objects.requireNonNull(file);
      data = data.clone();
    }

    public Snapshot(Path file, String text) {
      this(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes and renames without forcing. */
    public void commit() throws IOException {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, file, REPLACE_EXISTING, ATOMIC_MOVE);
    }

    /** Writes, forces, renames. */
    public void commitDurably() throws IOException {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(data));
        ch.force(true);
      }
      Files.move(tmp, file, ATOMIC_MOVE);
    }

    public static Snapshot empty(Path file) {
      return new Snapshot(file, new byte[0]);
    }
  }

  public record Pair<A, B>(A first, B second) {
    public <C> Pair<A, C> withSecond(C c) {
      return new Pair<>(first, c);
    }

    public static <T> Pair<T, T> twin(T t) {
      return new Pair<>(t, t);
    }
  }

  public record Rename(File from, File to) implements Comparable<Rename> {
    public boolean apply() {
      return from.renameTo(to);
    }

    public boolean writeThenApply(String s) {
      try {
        Files.writeString(from.toPath(), s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return from.renameTo(to) || from.toPath().toFile().renameTo(to);
    }

    @Override
    public int compareTo(Rename o) {
      return from.compareTo(o.from);
    }
  }

  record Local(int x) {
    static int count;

    static {
      count = 0;
    }

    Local {
      count++;
    }
  }

  public static List<Pair<String, Integer>> lengths(List<String> xs) {
    record Tmp(String s, int n) {}
    return xs.stream()
        .map(s -> new Tmp(s, s.length()))
        .map(t -> new Pair<>(t.s(), t.n()))
        .toList();
  }

  public static Map<Path, Snapshot> index(List<Snapshot> snaps) {
    return snaps.stream()
        .collect(java.util.stream.Collectors.toMap(Snapshot::file, Function.identity(), (a, b) -> b));
  }

  public static Object describe(Object o) {
    if (o instanceof Pair<?, ?> p && p.first() instanceof String s) {
      return s + p.second();
    }
    if (o instanceof Snapshot snap) {
      return snap.file();
    }
    return o;
  }
}
