package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A Jimfs file channel whose writes, truncations and forces are recorded once they have happened.
 */
final class RecordingFileChannel extends FileChannel {
  private final OperationRecorder recorder;
  private final Path backingPath;
  private final Object inode;
  private final FileChannel backing;
  private final boolean append;

  /** SYNC or DSYNC: every write is forced before it returns. */
  private final boolean sync;

  RecordingFileChannel(
      OperationRecorder recorder,
      Path backingPath,
      Object inode,
      FileChannel backing,
      boolean append,
      boolean sync) {
    this.recorder = recorder;
    this.backingPath = backingPath;
    this.inode = inode;
    this.backing = backing;
    this.append = append;
    this.sync = sync;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return backing.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return backing.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return backing.read(dst, position);
  }

  @Override
  public synchronized int write(ByteBuffer src) throws IOException {
    recorder.failIfPlanned(Fault.Operation.WRITE, backingPath);
    long position = append ? backing.size() : backing.position();
    ByteBuffer copy = src.duplicate();
    int written = backing.write(src);
    recordWrite(position, copy, written);
    return written;
  }

  @Override
  public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public synchronized int write(ByteBuffer src, long position) throws IOException {
    recorder.failIfPlanned(Fault.Operation.WRITE, backingPath);
    ByteBuffer copy = src.duplicate();
    int written = backing.write(src, position);
    recordWrite(position, copy, written);
    return written;
  }

  private void recordWrite(long position, ByteBuffer data, int written) {
    if (written <= 0) {
      return;
    }
    byte[] bytes = new byte[written];
    data.get(bytes);
    recorder.record(
        OperationKind.WRITE,
        backingPath,
        written + " bytes at " + position + (sync ? " (SYNC)" : ""),
        (model, operation) -> {
          FileDataModel file = model.file(inode);
          byte[] before = file.current();
          byte[] after = Arrays.copyOf(before, (int) Math.max(before.length, position + written));
          System.arraycopy(bytes, 0, after, (int) position, written);
          file.change(operation, after, sync);
        });
  }

  @Override
  public long position() throws IOException {
    return backing.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    backing.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return backing.size();
  }

  @Override
  public synchronized FileChannel truncate(long size) throws IOException {
    long before = backing.size();
    backing.truncate(size);
    if (size < before) {
      recorder.record(
          OperationKind.TRUNCATE,
          backingPath,
          "to " + size + " bytes" + (sync ? " (SYNC)" : ""),
          (model, operation) -> {
            FileDataModel file = model.file(inode);
            file.change(operation, Arrays.copyOf(file.current(), (int) size), sync);
          });
    }
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    IOException failure = recorder.plannedFailure(Fault.Operation.FORCE_FILE, backingPath);
    if (failure != null) {
      recorder.record(
          OperationKind.FORCE_FILE_FAILED,
          backingPath,
          "injected: " + failure.getMessage(),
          (model, operation) -> model.file(inode).forceFailed(operation));
      throw failure;
    }
    backing.force(metaData);
    // force(false) (fdatasync) also makes the length durable when the data needs it, so both count
    // alike.
    recorder.record(
        OperationKind.FORCE_FILE,
        backingPath,
        metaData ? "" : "(data only)",
        (model, operation) -> model.file(inode).force(operation));
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return backing.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    // Read here and written through this channel, so the data is recorded like any other write.
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 20));
    long transferred = 0;
    while (transferred < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - transferred));
      int read = src.read(buffer);
      if (read <= 0) {
        break;
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        transferred += write(buffer, position + transferred);
      }
    }
    return transferred;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException(
        "crashtest cannot record writes through a memory-mapped buffer ("
            + backingPath
            + "); write through the channel instead");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return backing.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return backing.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    backing.close();
  }
}
