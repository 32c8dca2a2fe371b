package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A directory opened for reading, as POSIX allows, so that it can be forced: the force makes the
 * directory's entries durable. Reading fails as {@code read(2)} does on a directory.
 */
final class DirectoryChannel extends FileChannel {
  private final OperationRecorder recorder;
  private final Path backingPath;
  private final Object inode;

  DirectoryChannel(OperationRecorder recorder, Path backingPath, Object inode) {
    this.recorder = recorder;
    this.backingPath = backingPath;
    this.inode = inode;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
    recorder.failIfPlanned(Fault.Operation.FORCE_DIRECTORY, backingPath);
    recorder.record(
        OperationKind.FORCE_DIRECTORY,
        backingPath,
        "",
        (model, operation) -> model.directory(inode).force());
  }

  private IOException isADirectory() {
    return new IOException(backingPath + ": is a directory");
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    throw isADirectory();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    throw isADirectory();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    throw isADirectory();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long position) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return 0;
  }

  @Override
  public FileChannel position(long newPosition) {
    return this;
  }

  @Override
  public long size() {
    return 0;
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    throw isADirectory();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw isADirectory();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    throw isADirectory();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    throw isADirectory();
  }

  @Override
  protected void implCloseChannel() {
    // Nothing is held open.
  }
}
