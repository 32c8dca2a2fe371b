package dev.fsyncguard.crashtest;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.SyncFailedException;

/**
 * What a workload's calls of the JDK's native file methods become under the kit's agent (see {@link
 * CallSiteRewriter}). Not for direct use: each method does what the JDK's would, on the kit's file
 * when the stream or descriptor is one the running crash test opened, and calls the JDK's method
 * otherwise.
 */
public final class CallSiteHooks {
  private CallSiteHooks() {}

  /**
   * {@code descriptor.sync()}.
   *
   * @param descriptor the descriptor being forced
   * @throws SyncFailedException if the force failed
   */
  public static void sync(FileDescriptor descriptor) throws SyncFailedException {
    JdkRedirect redirect = JdkRedirect.active();
    if (redirect == null || !redirect.streams().sync(descriptor)) {
      descriptor.sync();
    }
  }

  /**
   * {@code file.getFilePointer()}.
   *
   * @param file the file
   * @return the offset of the next read or write
   * @throws IOException as the JDK's method does
   */
  public static long getFilePointer(RandomAccessFile file) throws IOException {
    JdkRedirect redirect = JdkRedirect.active();
    Long answer = redirect == null ? null : redirect.streams().filePointer(file);
    return answer != null ? answer : file.getFilePointer();
  }

  /**
   * {@code file.length()}.
   *
   * @param file the file
   * @return its length in bytes
   * @throws IOException as the JDK's method does
   */
  public static long length(RandomAccessFile file) throws IOException {
    JdkRedirect redirect = JdkRedirect.active();
    Long answer = redirect == null ? null : redirect.streams().length(file);
    return answer != null ? answer : file.length();
  }

  /**
   * {@code file.setLength(length)}.
   *
   * @param file the file
   * @param length its new length
   * @throws IOException as the JDK's method does
   */
  public static void setLength(RandomAccessFile file, long length) throws IOException {
    JdkRedirect redirect = JdkRedirect.active();
    if (redirect == null || !redirect.streams().setLength(file, length)) {
      file.setLength(length);
    }
  }
}
