package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default file system's provider on paths under the workload's directory: each call (found by
 * its name and parameter types in {@code FileSystemProvider}) is made on the kit's provider with
 * the kit's paths, so {@code Files} on a path built from a string is recorded like {@code Files} on
 * the kit's own. A call that would change a path outside the directory is refused.
 */
final class RedirectedProvider {
  private static final Set<String> CHANGES =
      Set.of(
          "newOutputStream",
          "createDirectory",
          "createSymbolicLink",
          "createLink",
          "delete",
          "deleteIfExists",
          "move",
          "setAttribute");

  private static final Set<String> OPENS =
      Set.of("newByteChannel", "newFileChannel", "newAsynchronousFileChannel");

  private static final Object[] NOT_A_PROVIDER_METHOD = {};

  private final JdkRedirect redirect;
  private final ConcurrentHashMap<String, Object[]> methods = new ConcurrentHashMap<>();

  RedirectedProvider(JdkRedirect redirect) {
    this.redirect = redirect;
  }

  /**
   * @param call the method's name and descriptor, as {@code "delete(Ljava/nio/file/Path;)V"}
   */
  @SuppressWarnings("unchecked") // the provider's own signatures: filters and streams of Path
  Object[] answer(String call, Object[] arguments) throws Throwable {
    Method method = providerMethod(call);
    if (method == null) {
      return JdkRedirect.PASS;
    }
    String name = method.getName();
    Object[] kitArguments = arguments.clone();
    boolean anyInKit = false;
    Path changedOutside = null;
    for (int i = 0; i < arguments.length; i++) {
      if (!(arguments[i] instanceof Path)) {
        continue;
      }
      Path kitPath = redirect.inKit((Path) arguments[i]);
      if (kitPath != null) {
        kitArguments[i] = kitPath;
        anyInKit = true;
      } else if (changes(name, i, arguments)) {
        changedOutside = (Path) arguments[i];
      }
    }
    if (changedOutside != null) {
      throw redirect.escape(
          "Files." + name, changedOutside, message -> new AccessDeniedException(message));
    }
    if (!anyInKit) {
      return JdkRedirect.PASS;
    }
    if (name.equals("copy") && kitArguments[0] == arguments[0]) {
      return copyIn((Path) arguments[0], (Path) kitArguments[1], (CopyOption[]) arguments[2]);
    }
    if (name.equals("isSameFile")
        && (kitArguments[0] == arguments[0] || kitArguments[1] == arguments[1])) {
      return RedirectedStreams.answer(false);
    }
    if (name.equals("newDirectoryStream")) {
      kitArguments[1] = onKit((DirectoryStream.Filter<? super Path>) arguments[1]);
    }
    Object result;
    try {
      result = method.invoke(((Path) kitArguments[0]).getFileSystem().provider(), kitArguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result instanceof DirectoryStream) {
      result = onDefault((DirectoryStream<Path>) result);
    } else if (result instanceof Path) {
      result = JdkRedirect.onDefault((Path) result);
    }
    return RedirectedStreams.answer(result);
  }

  /** Whether the {@code index}-th argument of {@code name} is a path the call would change. */
  private static boolean changes(String name, int index, Object[] arguments) {
    if (OPENS.contains(name)) {
      Set<?> options = (Set<?>) arguments[1];
      return options.contains(StandardOpenOption.WRITE)
          || options.contains(StandardOpenOption.APPEND)
          || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    }
    if (name.equals("copy")) {
      return index == 1;
    }
    return CHANGES.contains(name);
  }

  /** A copy from the real disk into the kit: a read there, a new file here. */
  private static Object[] copyIn(Path source, Path target, CopyOption[] options)
      throws IOException {
    CopyOption[] replace =
        Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)
            ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING}
            : new CopyOption[0];
    try (InputStream in = Files.newInputStream(source)) {
      Files.copy(in, target, replace);
    }
    return RedirectedStreams.answer(null);
  }

  private static DirectoryStream.Filter<Path> onKit(DirectoryStream.Filter<? super Path> filter) {
    return entry -> filter.accept(JdkRedirect.onDefault(entry));
  }

  private static DirectoryStream<Path> onDefault(DirectoryStream<Path> entries) {
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> kit = entries.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return kit.hasNext();
          }

          @Override
          public Path next() {
            return JdkRedirect.onDefault(kit.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        entries.close();
      }
    };
  }

  /** The public {@code FileSystemProvider} method with this name and descriptor, or null. */
  private Method providerMethod(String call) {
    Object[] found =
        methods.computeIfAbsent(
            call,
            key -> {
              int open = key.indexOf('(');
              try {
                MethodType type = MethodType.fromMethodDescriptorString(key.substring(open), null);
                return new Object[] {
                  FileSystemProvider.class.getMethod(key.substring(0, open), type.parameterArray())
                };
              } catch (NoSuchMethodException
                  | IllegalArgumentException
                  | TypeNotPresentException e) {
                return NOT_A_PROVIDER_METHOD;
              }
            });
    return found.length == 0 ? null : (Method) found[0];
  }
}
