package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Anonymous, local and inner classes, initializers, enums with bodies, default methods, varargs. */
public class ClassShapes {
  static final boolean RENAMED_AT_LOAD = new File("boot.tmp").renameTo(new File("boot"));

  static final Path STATIC_MOVED;

  static {
    Path p = Paths.get("static.tmp");
    Path moved;
    try {
      Files.writeString(p, "static");
      moved = Files.move(p, Paths.get("static.dat"), ATOMIC_MOVE);
    } catch (IOException e) {
      moved = null;
    }
    STATIC_MOVED = moved;
  }

  final boolean renamedInField = new File("inst.tmp").renameTo(new File("inst"));
  final File workDir;

  {
    File t = new File("init.tmp");
    try (FileOutputStream out = new FileOutputStream(t)) {
      out.write(1);
      out.getChannel().force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!t.renameTo(new File("init.dat"))) {
      t.delete();
    }
  }

  public ClassShapes(File workDir) {
    this.workDir = workDir;
  }

  public ClassShapes() {
    this(new File("."));
  }

  enum Strategy {
    RENAME {
      @Override
      boolean commit(File tmp, File target) {
        return tmp.renameTo(target);
      }
    },
    WRITE_THEN_RENAME {
      private final String marker = "w";

      @Override
      boolean commit(File tmp, File target) throws IOException {
        Files.writeString(tmp.toPath(), marker);
        return tmp.renameTo(target);
      }
    },
    MOVE {
      @Override
      boolean commit(File tmp, File target) throws IOException {
        try (FileOutputStream out = new FileOutputStream(tmp)) {
          out.write(new byte[] {1, 2, 3});
          out.getFD().sync();
        }
        return Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE) != null;
      }
    },
    NOTHING;

    boolean commit(File tmp, File target) throws IOException {
      return false;
    }
  }

  interface Committer {
    boolean commit(Path tmp, Path target) throws IOException;

    default boolean writeAndCommit(Path tmp, Path target, String s) throws IOException {
      Files.writeString(tmp, s);
      return commit(tmp, target);
    }

    default void writeAndMove(Path tmp, Path target, String s) throws IOException {
      Files.writeString(tmp, s);
      Files.move(tmp, target, ATOMIC_MOVE);
    }

    static Committer renaming() {
      return (tmp, target) -> tmp.toFile().renameTo(target.toFile());
    }

    private static void helper() {}
  }

  class Inner {
    final File f = new File(workDir, "inner.tmp");

    boolean go(String... parts) throws IOException {
      Files.writeString(f.toPath(), String.join(",", parts));
      return f.renameTo(new File(workDir, "inner"));
    }

    class Deeper {
      boolean again() {
        return ClassShapes.this.renamedInField && f.renameTo(new File(workDir, "deeper"));
      }
    }
  }

  static class Nested<T extends Comparable<? super T>> {
    T max(T first, T... rest) {
      T m = first;
      for (T t : rest) {
        m = t.compareTo(m) > 0 ? t : m;
      }
      return m;
    }
  }

  public List<String> anonymous(String... names) {
    Committer c =
        new Committer() {
          int calls;

          {
            calls = 0;
          }

          @Override
          public boolean commit(Path tmp, Path target) throws IOException {
            calls++;
            Files.writeString(tmp, "anon" + calls);
            Files.move(tmp, target, ATOMIC_MOVE);
            return true;
          }
        };
    try {
      c.writeAndCommit(Paths.get("a.tmp"), Paths.get("a"), "s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AbstractList<String>() {
      @Override
      public String get(int i) {
        return names[i];
      }

      @Override
      public int size() {
        return names.length;
      }
    };
  }

  public Iterator<File> localClass(File... files) {
    class Renamer implements Iterator<File> {
      int i;

      @Override
      public boolean hasNext() {
        return i < files.length;
      }

      @Override
      public File next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        File f = files[i++];
        File to = new File(f.getPath() + ".done");
        return f.renameTo(to) ? to : f;
      }
    }
    return new Renamer();
  }

  public static int varargs(Object... xs) {
    return xs.length;
  }

  public static int varargsCalls() {
    return varargs() + varargs(1) + varargs(1, "2", 3.0) + varargs((Object[]) new String[] {"a"});
  }

  public boolean strategies() throws IOException {
    boolean all = true;
    for (Strategy s : Strategy.values()) {
      all &= s.commit(new File(workDir, s + ".tmp"), new File(workDir, s.name()));
    }
    return all;
  }
}
