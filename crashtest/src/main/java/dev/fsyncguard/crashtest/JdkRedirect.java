package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * While one crash test runs, answers the agent's hooks: a call of the JDK's file classes on a path
 * under the workload's directory is performed on the kit's file system (and so recorded); a call
 * that would change anything outside it is refused and remembered, so that the run fails even if
 * the workload swallowed the error; anything else, reads outside included, goes through.
 *
 * <p>Without the agent a redirect is inert: nothing calls it, and the run's check of its real
 * directory is what catches I/O that went past the kit.
 */
final class JdkRedirect implements Function<Object[], Object[]>, AutoCloseable {
  /** The answer "perform the JDK's own code". */
  static final Object[] PASS = null;

  private static volatile JdkRedirect active;

  /** Set while a hook is being answered: the JDK's own I/O beneath an answer goes through. */
  private static final ThreadLocal<Boolean> ANSWERING = new ThreadLocal<>();

  private final CrashFileSystem fileSystem;
  private final Path directory;
  private final RedirectedStreams streams = new RedirectedStreams(this);
  private final RedirectedFiles files = new RedirectedFiles(this);
  private final RedirectedProvider provider = new RedirectedProvider(this);
  private final List<String> escapes = Collections.synchronizedList(new ArrayList<>());
  private final boolean hooked;

  private JdkRedirect(CrashFileSystem fileSystem, String directory, boolean hooked) {
    this.fileSystem = fileSystem;
    this.directory = FileSystems.getDefault().getPath(directory);
    this.hooked = hooked;
  }

  /**
   * Starts answering the agent's hooks for a run whose workload directory is {@code directory} on
   * the real disk and in {@code fileSystem}; inert when the agent is not loaded.
   *
   * @throws IllegalStateException if another crash test is running in this JVM
   */
  static synchronized JdkRedirect activate(CrashFileSystem fileSystem, String directory) {
    boolean hooked = CrashTestAgent.installed();
    JdkRedirect redirect = new JdkRedirect(fileSystem, directory, hooked);
    if (hooked) {
      if (active != null) {
        throw new IllegalStateException(
            "another crash test is running in this JVM: under the agent, tests that use the kit"
                + " cannot run in parallel");
      }
      active = redirect;
      System.getProperties().put(JdkInterception.PROPERTY, redirect);
    }
    return redirect;
  }

  /** The running test's redirect, or null. */
  static JdkRedirect active() {
    return active;
  }

  RedirectedStreams streams() {
    return streams;
  }

  /** Every refused operation outside the directory, one a line, with the code that tried it. */
  List<String> escapes() {
    synchronized (escapes) {
      return new ArrayList<>(escapes);
    }
  }

  @Override
  public synchronized void close() {
    if (hooked && active == this) {
      System.getProperties().remove(JdkInterception.PROPERTY);
      active = null;
    }
    streams.closeAll();
  }

  @Override
  public Object[] apply(Object[] call) {
    if (ANSWERING.get() != null) {
      return PASS;
    }
    ANSWERING.set(Boolean.TRUE);
    try {
      String method = (String) call[0];
      Object self = call[1];
      Object[] arguments = (Object[]) call[2];
      if (method.startsWith("java.io.File.")) {
        return files.answer(method.substring("java.io.File.".length()), self, arguments);
      }
      if (method.startsWith("java.io.")) {
        return streams.answer(method, self, arguments);
      }
      if (method.startsWith("sun.nio.fs.")) {
        return provider.answer(
            method.substring(method.lastIndexOf('.', method.indexOf('(')) + 1), arguments);
      }
      return PASS;
    } catch (Throwable e) {
      throw JdkRedirect.<RuntimeException>sneaky(e);
    } finally {
      ANSWERING.remove();
    }
  }

  /** Runs {@code action} with the hooks letting every call through: the kit's own real-disk I/O. */
  static <T> T bypassing(java.util.function.Supplier<T> action) {
    if (ANSWERING.get() != null) {
      return action.get();
    }
    ANSWERING.set(Boolean.TRUE);
    try {
      return action.get();
    } finally {
      ANSWERING.remove();
    }
  }

  /**
   * The kit's path for {@code name} of the default file system, or null if it is not under the
   * workload's directory. Relative names are resolved as the JDK would, against {@code user.dir}.
   */
  Path inKit(String name) {
    if (name == null) {
      return null;
    }
    Path real;
    try {
      real = FileSystems.getDefault().getPath(name).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
    return real.startsWith(directory) ? fileSystem.getPath(real.toString()) : null;
  }

  /** The kit's path for a path of the default file system, or null (see {@link #inKit(String)}). */
  Path inKit(Path path) {
    return path.getFileSystem() == FileSystems.getDefault() ? inKit(path.toString()) : null;
  }

  /** The default file system's path with the same name as the kit's {@code path}. */
  static Path onDefault(Path kitPath) {
    return FileSystems.getDefault().getPath(kitPath.toString());
  }

  /**
   * Remembers an operation that would change {@code path} outside the workload's directory, and
   * returns the exception that refuses it.
   */
  <E extends IOException> E escape(String operation, Object path, Function<String, E> failure) {
    StackTraceElement frame = CallerFrame.find();
    String line = operation + " " + path + (frame == null ? "" : "  at " + frame);
    escapes.add(line);
    return failure.apply(
        path
            + ": refused by the crash test: "
            + operation
            + " would change a file outside the workload's directory "
            + directory
            + "; derive every path the save writes from the directory the workload is given");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable e) throws T {
    throw (T) e;
  }
}
