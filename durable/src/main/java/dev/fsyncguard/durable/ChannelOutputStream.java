package dev.fsyncguard.durable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A buffered stream onto the temp file's channel. It remembers a failed write, because a temp file
 * with a hole in it must never be committed, even if the caller caught the exception and carried
 * on. Closing it only flushes: the {@link DurableOutput} decides whether the temp file is committed
 * or removed.
 */
final class ChannelOutputStream extends OutputStream {
  private static final int BUFFER_SIZE = 8192;

  private final WritableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
  private boolean failed;
  private String closedBecause;

  ChannelOutputStream(WritableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensureOpen();
    if (length >= buffer.capacity()) {
      drain();
      writeFully(ByteBuffer.wrap(bytes, offset, length));
    } else {
      if (length > buffer.remaining()) {
        drain();
      }
      buffer.put(bytes, offset, length);
    }
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    drain();
  }

  /** Flushes and refuses further writes; the temp file stays open for the commit. */
  @Override
  public void close() throws IOException {
    if (closedBecause == null) {
      drain();
      closedBecause = "stream closed";
    }
  }

  boolean closed() {
    return closedBecause != null;
  }

  boolean failed() {
    return failed;
  }

  /**
   * Ends the stream for good once the write is committed or aborted, without touching the channel.
   */
  void end(String reason) {
    closedBecause = reason;
  }

  private void ensureOpen() throws IOException {
    if (closedBecause != null) {
      throw new IOException("cannot write: " + closedBecause);
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    try {
      writeFully(buffer);
    } finally {
      buffer.clear();
    }
  }

  private void writeFully(ByteBuffer data) throws IOException {
    try {
      while (data.hasRemaining()) {
        channel.write(data);
      }
    } catch (IOException | RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }
}
