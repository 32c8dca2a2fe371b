package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The methods of {@code FileOutputStream}, {@code FileInputStream} and {@code RandomAccessFile}
 * performed on a channel of the kit's file system, with the JDK's results and errors: a read at the
 * end answers -1, a negative seek fails, a write writes every byte.
 */
final class StreamCalls {
  private StreamCalls() {}

  /**
   * Performs {@code call} (name and descriptor, as {@code "write([BII)V"}) on {@code channel}.
   *
   * @throws IOException for a call the kit does not model, rather than letting the JDK's native
   *     code act on a descriptor that was never opened
   */
  static Object[] perform(String call, FileChannel channel, Object[] arguments, boolean random)
      throws IOException {
    switch (call) {
      case "write(I)V":
        writeFully(channel, new byte[] {(byte) (int) (Integer) arguments[0]}, 0, 1);
        return RedirectedStreams.answer(null);
      case "write([B)V":
        byte[] all = (byte[]) arguments[0];
        writeFully(channel, all, 0, all.length);
        return RedirectedStreams.answer(null);
      case "write([BII)V":
        writeFully(channel, (byte[]) arguments[0], (Integer) arguments[1], (Integer) arguments[2]);
        return RedirectedStreams.answer(null);
      case "writeBytes(Ljava/lang/String;)V":
        byte[] low = ((String) arguments[0]).getBytes(StandardCharsets.ISO_8859_1);
        writeFully(channel, low, 0, low.length);
        return RedirectedStreams.answer(null);
      case "writeChars(Ljava/lang/String;)V":
        byte[] wide = ((String) arguments[0]).getBytes(StandardCharsets.UTF_16BE);
        writeFully(channel, wide, 0, wide.length);
        return RedirectedStreams.answer(null);
      case "read()I":
        byte[] one = new byte[1];
        return RedirectedStreams.answer(read(channel, one, 0, 1) <= 0 ? -1 : one[0] & 0xff);
      case "read([B)I":
        byte[] into = (byte[]) arguments[0];
        return RedirectedStreams.answer(read(channel, into, 0, into.length));
      case "read([BII)I":
        return RedirectedStreams.answer(
            read(channel, (byte[]) arguments[0], (Integer) arguments[1], (Integer) arguments[2]));
      case "readAllBytes()[B":
        return RedirectedStreams.answer(readUpTo(channel, Integer.MAX_VALUE - 8));
      case "readNBytes(I)[B":
        int wanted = (Integer) arguments[0];
        if (wanted < 0) {
          throw new IllegalArgumentException("len < 0");
        }
        return RedirectedStreams.answer(readUpTo(channel, wanted));
      case "skip(J)J":
        long skip = (Long) arguments[0];
        channel.position(Math.max(0, channel.position() + skip));
        return RedirectedStreams.answer(skip);
      case "available()I":
        long left = Math.max(0, channel.size() - channel.position());
        return RedirectedStreams.answer((int) Math.min(Integer.MAX_VALUE, left));
      case "transferTo(Ljava/io/OutputStream;)J":
        return RedirectedStreams.answer(
            RedirectedStreams.transfer(channel, (OutputStream) arguments[0]));
      case "seek(J)V":
        long position = (Long) arguments[0];
        if (position < 0) {
          throw new IOException("Negative seek offset");
        }
        channel.position(position);
        return RedirectedStreams.answer(null);
      case "skipBytes(I)I":
        int bytes = (Integer) arguments[0];
        if (bytes <= 0) {
          return RedirectedStreams.answer(0);
        }
        long from = channel.position();
        long to = Math.min(channel.size(), from + bytes);
        channel.position(to);
        return RedirectedStreams.answer((int) (to - from));
      case "length()J":
        return RedirectedStreams.answer(channel.size());
      case "setLength(J)V":
        setLength(channel, (Long) arguments[0]);
        return RedirectedStreams.answer(null);
      default:
        throw new IOException(
            "the crash-test kit does not model "
                + (random ? "RandomAccessFile." : "this stream's ")
                + call
                + " on a file of the workload's directory");
    }
  }

  /** RandomAccessFile's setLength: shorter truncates, longer extends with zeros. */
  static void setLength(FileChannel channel, long length) throws IOException {
    long size = channel.size();
    if (length < size) {
      channel.truncate(length);
    } else if (length > size) {
      channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes, int offset, int length)
      throws IOException {
    RedirectedStreams.checkRange(bytes, offset, length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static int read(FileChannel channel, byte[] bytes, int offset, int length)
      throws IOException {
    RedirectedStreams.checkRange(bytes, offset, length);
    if (length == 0) {
      return 0;
    }
    return channel.read(ByteBuffer.wrap(bytes, offset, length));
  }

  private static byte[] readUpTo(FileChannel channel, int limit) throws IOException {
    long left = Math.max(0, channel.size() - channel.position());
    byte[] bytes = new byte[(int) Math.min(limit, left)];
    int filled = 0;
    while (filled < bytes.length) {
      int read = channel.read(ByteBuffer.wrap(bytes, filled, bytes.length - filled));
      if (read < 0) {
        break;
      }
      filled += read;
    }
    return filled == bytes.length ? bytes : Arrays.copyOf(bytes, filled);
  }
}
