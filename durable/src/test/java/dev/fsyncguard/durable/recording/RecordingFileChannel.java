package dev.fsyncguard.durable.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** A real file channel whose writes, forces and close are logged (and may fail) before they happen. */
final class RecordingFileChannel extends FileChannel {
  private final RecordingFileSystem fileSystem;
  private final Path realPath;
  private final FileChannel delegate;

  RecordingFileChannel(RecordingFileSystem fileSystem, Path realPath, FileChannel delegate) {
    this.fileSystem = fileSystem;
    this.realPath = realPath;
    this.delegate = delegate;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    fileSystem.record(Operation.WRITE, realPath, src.remaining() + " bytes");
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long bytes = 0;
    for (int i = offset; i < offset + length; i++) {
      bytes += srcs[i].remaining();
    }
    fileSystem.record(Operation.WRITE, realPath, bytes + " bytes");
    return delegate.write(srcs, offset, length);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    fileSystem.record(Operation.WRITE, realPath, "truncate " + size);
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    fileSystem.record(Operation.FORCE, realPath, metaData ? "" : "data only");
    delegate.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    fileSystem.record(Operation.WRITE, realPath, "transfer " + count);
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    fileSystem.record(Operation.WRITE, realPath, src.remaining() + " bytes at " + position);
    return delegate.write(src, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw new UnsupportedOperationException("mapped writes are not recorded");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    try {
      fileSystem.record(Operation.CLOSE, realPath, "");
    } finally {
      delegate.close();
    }
  }
}
