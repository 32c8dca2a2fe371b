package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;

/** Every kind of write and force, renamed in many ways; some durable, some not. */
public final class Writers {
  private final boolean fsync;

  public Writers(boolean fsync) {
    this.fsync = fsync;
  }

  public void bufferedSyncedTooEarly(File tmp, File target) throws IOException {
    FileOutputStream fos = new FileOutputStream(tmp);
    BufferedOutputStream bos = new BufferedOutputStream(fos);
    bos.write(new byte[] {1, 2});
    fos.getFD().sync();
    bos.close();
    tmp.renameTo(target);
  }

  public void bufferedFlushedThenSynced(File tmp, File target) throws IOException {
    try (FileOutputStream fos = new FileOutputStream(tmp);
        PrintWriter pw = new PrintWriter(new BufferedWriter(new java.io.OutputStreamWriter(fos)))) {
      pw.println("hello");
      pw.flush();
      FileDescriptor fd = fos.getFD();
      fd.sync();
    }
    if (!tmp.renameTo(target)) {
      throw new IOException("rename");
    }
  }

  public void properties(Path tmp, Path target, Properties p) throws IOException {
    try (OutputStream out = Files.newOutputStream(tmp);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      p.store(out, null);
      ch.force(true);
    }
    Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
  }

  public void objects(Path tmp, Path target, Serializable s) throws IOException {
    try (ObjectOutputStream oos = new ObjectOutputStream(Files.newOutputStream(tmp))) {
      oos.writeObject(s);
    }
    Files.move(tmp, target);
  }

  public void randomAccess(File tmp, File target, String mode) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(tmp, mode)) {
      raf.write(1);
      raf.seek(0);
      raf.writeLong(2L);
      if (fsync) {
        raf.getFD().sync();
      }
      raf.getChannel().force(true);
      raf.writeByte(3);
    }
    tmp.toPath().toFile().renameTo(target);
  }

  public void channels(Path tmp, Path target, byte[] payload) throws IOException {
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      for (int off = 0; off < payload.length; off += 16) {
        ch.write(ByteBuffer.wrap(payload, off, Math.min(16, payload.length - off)));
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, payload.length);
      map.put(0, (byte) 0);
      map.force();
      if (payload.length > 4096) {
        ch.force(true);
      } else {
        ch.force(false);
      }
      ch.transferFrom(FileChannel.open(target, StandardOpenOption.READ), 0, 1);
    }
    Files.move(tmp, target, ATOMIC_MOVE);
  }

  public void byteChannel(Path tmp, Path target) throws IOException {
    try (SeekableByteChannel c =
        Files.newByteChannel(tmp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
      c.write(ByteBuffer.allocate(1));
    }
    Files.setLastModifiedTime(tmp, FileTime.fromMillis(0));
    Files.move(tmp, target);
  }

  public void fileWriterOnTemp(File dir, File target, List<String> lines) throws IOException {
    File tmp = File.createTempFile("w", ".tmp", dir);
    try (FileWriter w = new FileWriter(tmp, true)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
    tmp.renameTo(target);
  }

  public void journalSyncedDataNot(Path data, Path journal, Path target) throws IOException {
    try (FileOutputStream j = new FileOutputStream(journal.toFile());
        FileOutputStream d = new FileOutputStream(data.toFile())) {
      d.write(1);
      j.write(2);
      j.getFD().sync();
    }
    Files.move(data, target, ATOMIC_MOVE);
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  public void rotation(Path log) throws IOException {
    for (int i = 9; i > 0; i--) {
      Path older = log.resolveSibling(log.getFileName() + "." + i);
      Path newer = i == 1 ? log : log.resolveSibling(log.getFileName() + "." + (i - 1));
      if (Files.exists(newer)) {
        Files.move(newer, older, REPLACE_EXISTING);
      }
    }
  }

  public Path reassigned(Path dir) throws IOException {
    Path tmp = dir.resolve("a.tmp");
    Files.writeString(tmp, "a");
    tmp = dir.resolve("b.tmp");
    Path[] arr = {tmp, dir.resolve("c")};
    return Files.move(arr[0], arr[1]);
  }

  public void printWriterOnFile(File tmp, File target) throws IOException {
    PrintWriter pw = new PrintWriter(tmp, "UTF-8");
    pw.print(true);
    pw.close();
    File same = new File(tmp.getPath());
    (same.exists() ? same : tmp).renameTo(target);
  }

  @SuppressWarnings("RenameWithoutFsync")
  public static boolean suppressed(File a, File b) throws IOException {
    Files.writeString(a.toPath(), "s");
    return a.renameTo(b);
  }
}
