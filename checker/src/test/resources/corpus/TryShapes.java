package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/** Nested try/finally, multi-resource try-with-resources, synchronized, assert, throw/return in odd spots. */
public final class TryShapes {
  private final Object lock = new Object();
  private final ReentrantLock rl = new ReentrantLock();

  public void nestedTryFinally(Path tmp, Path target) throws IOException {
    try {
      try {
        Files.writeString(tmp, "a");
      } finally {
        try {
          if (Files.size(tmp) == 0) {
            Files.delete(tmp);
          }
        } finally {
          Files.move(tmp, target, ATOMIC_MOVE);
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public void severalResources(Path a, Path b, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(a);
        BufferedOutputStream buf = new BufferedOutputStream(out);
        FileChannel ch = FileChannel.open(b, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Writer w = new OutputStreamWriter(new FileOutputStream(b.toFile(), true), StandardCharsets.UTF_8)) {
      buf.write(1);
      ch.write(ByteBuffer.allocate(4));
      w.write("x");
      w.flush();
      ch.force(true);
    }
    Files.move(a, target, REPLACE_EXISTING);
    Files.move(b, target, REPLACE_EXISTING, ATOMIC_MOVE);
  }

  public void resourceVariable(Path tmp, Path target) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(tmp);
    try (w) {
      for (int i = 0; i < 3; i++) {
        w.write(i);
        w.newLine();
      }
    }
    Files.move(tmp, target);
  }

  public int returnsInFinally(File tmp, File target) {
    int r = 0;
    try {
      Files.write(tmp.toPath(), new byte[] {1});
      r = 1;
      return r;
    } catch (IOException e) {
      r = -1;
      return r;
    } finally {
      if (r > 0) {
        tmp.renameTo(target);
      }
    }
  }

  public void synchronizedBlocks(Path tmp, Path target) throws IOException {
    synchronized (lock) {
      Files.writeString(tmp, "locked");
      synchronized (this) {
        Files.move(tmp, target, ATOMIC_MOVE);
      }
    }
    rl.lock();
    try {
      Files.writeString(tmp, "again");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, ATOMIC_MOVE);
    } finally {
      rl.unlock();
    }
  }

  public synchronized boolean synchronizedMethod(File tmp, File target) throws IOException {
    try (FileOutputStream out = new FileOutputStream(tmp)) {
      out.write(7);
    }
    return tmp.renameTo(target);
  }

  public void assertions(File tmp, File target, Path p, Path q) throws IOException {
    Files.writeString(tmp.toPath(), "assert");
    assert tmp.renameTo(target) : "rename failed: " + tmp.renameTo(new File("other"));
    assert Files.move(p, q) != null;
  }

  public void throwsFromTry(InputStream in, Path tmp, Path target) throws IOException {
    try {
      Files.copy(in, tmp, REPLACE_EXISTING);
      if (Files.size(tmp) > 10) {
        throw new IOException("too big");
      }
      Files.move(tmp, target, ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void loopWithTry(Path dir, int n) {
    for (int i = 0; i < n; i++) {
      Path tmp = dir.resolve("part" + i + ".tmp");
      try {
        Files.write(tmp, new byte[i], StandardOpenOption.CREATE, StandardOpenOption.DSYNC);
        Files.move(tmp, dir.resolve("part" + i), ATOMIC_MOVE);
      } catch (IOException e) {
        continue;
      } finally {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  public void tryInsideCatchInsideFinally(Path tmp, Path target) throws IOException {
    try {
      Files.writeString(tmp, "1");
    } catch (IOException e) {
      try {
        Files.writeString(tmp, "2");
      } catch (IOException e2) {
        e.addSuppressed(e2);
      } finally {
        Files.move(tmp, target);
      }
    } finally {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(false);
      } catch (IOException ignored) {
        // gone already
      }
    }
    Files.move(tmp, target, ATOMIC_MOVE);
  }
}
