package dev.fsyncguard.crashtest;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code FileOutputStream}, {@code FileInputStream} and {@code RandomAccessFile} on a file under
 * the workload's directory: the JDK's native open is skipped, and each read, write, seek and force
 * goes to a channel of the kit's file system, so that it is recorded like any other. The stream's
 * own descriptor stays unopened; {@code getChannel()} answers the kit's channel and {@code
 * getFD().sync()} forces it.
 */
final class RedirectedStreams {
  private static final int RANDOM_ACCESS_READ_WRITE = 2;
  private static final int RANDOM_ACCESS_SYNC = 4;
  private static final int RANDOM_ACCESS_DSYNC = 8;

  private final JdkRedirect redirect;
  private final Map<Object, FileChannel> byStream =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<FileDescriptor, FileChannel> byDescriptor =
      Collections.synchronizedMap(new IdentityHashMap<>());

  RedirectedStreams(JdkRedirect redirect) {
    this.redirect = redirect;
  }

  Object[] answer(String method, Object stream, Object[] arguments) throws IOException {
    if (method.startsWith("java.io.FileOutputStream.open(")) {
      return openOutput((FileOutputStream) stream, (String) arguments[0], (Boolean) arguments[1]);
    }
    if (method.startsWith("java.io.FileInputStream.open(")) {
      return openInput((FileInputStream) stream, (String) arguments[0]);
    }
    if (method.startsWith("java.io.RandomAccessFile.open(")) {
      return openRandomAccess(
          (RandomAccessFile) stream, (String) arguments[0], (Integer) arguments[1]);
    }
    FileChannel channel = byStream.get(stream);
    if (channel == null) {
      return JdkRedirect.PASS;
    }
    String call = method.substring(method.lastIndexOf('.', method.indexOf('(')) + 1);
    if (call.equals("close()V")) {
      close(stream, channel);
      // The JDK's close then marks the stream closed; its descriptor was never opened.
      return JdkRedirect.PASS;
    }
    if (call.startsWith("getChannel(")) {
      return answer(channel);
    }
    return StreamCalls.perform(call, channel, arguments, stream instanceof RandomAccessFile);
  }

  private Object[] openOutput(FileOutputStream stream, String name, boolean append)
      throws IOException {
    Path path = redirect.inKit(name);
    if (path == null) {
      if (isDevice(name)) {
        return JdkRedirect.PASS;
      }
      throw redirect.escape("new FileOutputStream", name, FileNotFoundException::new);
    }
    List<OpenOption> options =
        new ArrayList<>(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE));
    options.add(append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    register(stream, stream.getFD(), open(name, path, options));
    return answer(null);
  }

  private Object[] openInput(FileInputStream stream, String name) throws IOException {
    Path path = redirect.inKit(name);
    if (path == null) {
      return JdkRedirect.PASS;
    }
    register(stream, stream.getFD(), open(name, path, List.of(StandardOpenOption.READ)));
    return answer(null);
  }

  private Object[] openRandomAccess(RandomAccessFile file, String name, int mode)
      throws IOException {
    boolean writes = (mode & RANDOM_ACCESS_READ_WRITE) != 0;
    Path path = redirect.inKit(name);
    if (path == null) {
      if (writes && !isDevice(name)) {
        throw redirect.escape("new RandomAccessFile(\"rw\")", name, FileNotFoundException::new);
      }
      return JdkRedirect.PASS;
    }
    List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ));
    if (writes) {
      options.add(StandardOpenOption.WRITE);
      options.add(StandardOpenOption.CREATE);
    }
    if ((mode & RANDOM_ACCESS_SYNC) != 0) {
      options.add(StandardOpenOption.SYNC);
    }
    if ((mode & RANDOM_ACCESS_DSYNC) != 0) {
      options.add(StandardOpenOption.DSYNC);
    }
    register(file, file.getFD(), open(name, path, options));
    return answer(null);
  }

  /** /dev/null and the like hold nothing a crash could lose. */
  private static boolean isDevice(String name) {
    return name.startsWith("/dev/");
  }

  /**
   * Opens as the JDK's streams do, failing as they fail: FileNotFoundException, with the reason.
   */
  private static FileChannel open(String name, Path path, List<OpenOption> options)
      throws FileNotFoundException {
    try {
      return FileChannel.open(path, options.toArray(new OpenOption[0]));
    } catch (NoSuchFileException e) {
      throw notFound(name, "No such file or directory", e);
    } catch (AccessDeniedException e) {
      throw notFound(name, "Permission denied", e);
    } catch (FileSystemException e) {
      throw notFound(name, e.getReason() == null ? "Is a directory" : e.getReason(), e);
    } catch (IOException e) {
      throw notFound(name, String.valueOf(e.getMessage()), e);
    }
  }

  private static FileNotFoundException notFound(String name, String reason, IOException cause) {
    FileNotFoundException failure = new FileNotFoundException(name + " (" + reason + ")");
    failure.initCause(cause);
    return failure;
  }

  private void register(Object stream, FileDescriptor descriptor, FileChannel channel) {
    byStream.put(stream, channel);
    byDescriptor.put(descriptor, channel);
  }

  private void close(Object stream, FileChannel channel) throws IOException {
    byStream.remove(stream);
    synchronized (byDescriptor) {
      byDescriptor.values().removeIf(open -> open == channel);
    }
    channel.close();
  }

  /** Closes what the workload left open, once the run is over. */
  void closeAll() {
    List<FileChannel> channels;
    synchronized (byStream) {
      channels = new ArrayList<>(byStream.values());
      byStream.clear();
    }
    byDescriptor.clear();
    for (FileChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The run is over and its file system is being discarded.
      }
    }
  }

  /** {@code FileDescriptor.sync()}: true if {@code descriptor} is one of the kit's, now forced. */
  boolean sync(FileDescriptor descriptor) throws SyncFailedException {
    FileChannel channel = byDescriptor.get(descriptor);
    if (channel == null) {
      return false;
    }
    try {
      channel.force(true);
    } catch (IOException e) {
      SyncFailedException failure = new SyncFailedException("sync failed: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
    return true;
  }

  /** {@code RandomAccessFile.getFilePointer()} on one of the kit's files, or null. */
  Long filePointer(RandomAccessFile file) throws IOException {
    FileChannel channel = byStream.get(file);
    return channel == null ? null : channel.position();
  }

  /** {@code RandomAccessFile.length()} on one of the kit's files, or null. */
  Long length(RandomAccessFile file) throws IOException {
    FileChannel channel = byStream.get(file);
    return channel == null ? null : channel.size();
  }

  /** {@code RandomAccessFile.setLength(length)}: true if the file is one of the kit's. */
  boolean setLength(RandomAccessFile file, long length) throws IOException {
    FileChannel channel = byStream.get(file);
    if (channel == null) {
      return false;
    }
    StreamCalls.setLength(channel, length);
    return true;
  }

  static Object[] answer(Object result) {
    return new Object[] {result};
  }

  static void checkRange(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
  }

  static long transfer(FileChannel channel, OutputStream out) throws IOException {
    long moved = 0;
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (channel.read(buffer) > 0) {
      buffer.flip();
      out.write(buffer.array(), 0, buffer.limit());
      moved += buffer.limit();
      buffer.clear();
    }
    return moved;
  }
}
