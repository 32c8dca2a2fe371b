package dev.fsyncguard.checker.api;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOf;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOfAny;
import static dev.fsyncguard.checker.api.Operand.EVERY_ARGUMENT;
import static dev.fsyncguard.checker.api.Operand.RECEIVER;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.matchers.method.MethodMatchers.MethodClassMatcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.util.Name;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one table of the APIs that name, open, write, flush, force, rename and delete files: the JDK,
 * well-known libraries, and methods named by flags. Rules are tried in order and the first whose
 * operand is a file wins, so specific entries come before general ones. Adding an API is adding a
 * line.
 */
public final class FileApis {
  public static final String FILES = "java.nio.file.Files";
  public static final String PATH = "java.nio.file.Path";
  public static final String FILE = "java.io.File";
  static final String FILE_CHANNEL = "java.nio.channels.FileChannel";
  private static final String STREAM_RESULT = "javax.xml.transform.stream.StreamResult";

  /**
   * A modelled API: calls {@code matcher} accepts do {@code action}. {@code names} accepts every
   * method name the matcher can (constructors are named {@code <init>}), so that a call of any
   * other method skips the rule without trying its matcher.
   */
  public record Rule(Matcher<ExpressionTree> matcher, Action action, Predicate<String> names) {
    boolean mayMatch(Name name) {
      return names.test(name.toString());
    }

    public boolean matches(ExpressionTree tree, VisitorState state) {
      return matcher.matches(tree, state);
    }
  }

  /**
   * Calls that run the lambda, anonymous class or method reference they are given before they
   * return, zero or more times, by the type that declares them: what it writes or forces counts at
   * the call. Nothing that may keep it for later ({@code Executor.execute}, {@code
   * CompletableFuture}) belongs here.
   */
  private static final ImmutableSetMultimap<String, String> RUNS_ARGUMENTS =
      ImmutableSetMultimap.<String, String>builder()
          .put("java.lang.Iterable", "forEach")
          .put("java.util.Map", "forEach")
          .putAll("java.util.stream.BaseStream", "forEach", "forEachOrdered")
          .put("java.util.Iterator", "forEachRemaining")
          .put("java.util.Spliterator", "forEachRemaining")
          .putAll("java.util.Optional", "ifPresent", "ifPresentOrElse")
          .putAll("java.util.OptionalInt", "ifPresent", "ifPresentOrElse")
          .putAll("java.util.OptionalLong", "ifPresent", "ifPresentOrElse")
          .putAll("java.util.OptionalDouble", "ifPresent", "ifPresentOrElse")
          .build();

  private static final ImmutableSet<String> RUNS_ARGUMENTS_NAMES =
      ImmutableSet.copyOf(RUNS_ARGUMENTS.values());

  private static final Matcher<ExpressionTree> RUNS_ARGUMENTS_BEFORE_RETURNING =
      Matchers.anyOf(
          RUNS_ARGUMENTS.asMap().entrySet().stream()
              .map(
                  e ->
                      (Matcher<ExpressionTree>)
                          instanceMethod().onDescendantOf(e.getKey()).namedAnyOf(e.getValue()))
              .collect(ImmutableList.toImmutableList()));

  /**
   * Whether {@code call}, of {@code callee}, is one of {@link #RUNS_ARGUMENTS}; by name first,
   * since the analysis asks at every call.
   */
  public static boolean runsArgumentsBeforeReturning(
      ExpressionTree call, Symbol callee, VisitorState state) {
    return callee != null
        && RUNS_ARGUMENTS_NAMES.contains(callee.getSimpleName().toString())
        && RUNS_ARGUMENTS_BEFORE_RETURNING.matches(call, state);
  }

  /** {@code Files.move}: a rename whose options the judges and the repairs read. */
  public static final Matcher<ExpressionTree> FILES_MOVE =
      staticMethod().onClass(FILES).named("move");

  /** {@code Files.copy}. */
  public static final Matcher<ExpressionTree> FILES_COPY =
      staticMethod().onClass(FILES).named("copy");

  /** {@code File.renameTo}. */
  public static final Matcher<ExpressionTree> RENAME_TO =
      instanceMethod().onDescendantOf(FILE).named("renameTo");

  /**
   * A test whether a file exists: {@code Files.exists}/{@code isRegularFile}, {@code
   * File.exists}/{@code isFile}.
   */
  public static final Matcher<ExpressionTree> EXISTS_TEST =
      Matchers.anyOf(
          staticMethod().onClass(FILES).namedAnyOf("exists", "isRegularFile"),
          instanceMethod().onDescendantOf(FILE).namedAnyOf("exists", "isFile"));

  /** {@code Files.write}/{@code writeString}: a whole file written in one call. */
  public static final Matcher<ExpressionTree> FILES_WRITE =
      staticMethod().onClass(FILES).namedAnyOf("write", "writeString");

  /**
   * {@code Files.newOutputStream}/{@code newBufferedWriter}: a stream whose channel is not
   * reachable.
   */
  public static final Matcher<ExpressionTree> PLAIN_STREAM_FACTORIES =
      staticMethod().onClass(FILES).namedAnyOf("newOutputStream", "newBufferedWriter");

  /** {@code FileChannel.open}. */
  public static final Matcher<ExpressionTree> CHANNEL_OPEN =
      staticMethod().onClass(FILE_CHANNEL).named("open");

  /** {@code Files.createTempFile}. */
  public static final Matcher<ExpressionTree> NIO_CREATE_TEMP_FILE =
      staticMethod().onClass(FILES).named("createTempFile");

  /** {@code File.createTempFile}. */
  public static final Matcher<ExpressionTree> IO_CREATE_TEMP_FILE =
      staticMethod().onClass(FILE).named("createTempFile");

  /** The name javac gives every constructor. */
  private static final String CONSTRUCTOR = "<init>";

  private static final Pattern HANDLE_WRITES =
      Pattern.compile("(write|print|append|format|put|newLine|transferFrom|truncate|setLength).*");

  private static final ImmutableList<Rule> JDK =
      ImmutableList.of(
          // Renames and deletes.
          rule(staticMethod().onClass(FILES), Action.rename(0, 1), "move"),
          rule(instanceMethod().onDescendantOf(FILE), Action.rename(RECEIVER, 0), "renameTo"),
          rule(staticMethod().onClass(FILES), Effect.DELETE, 0, "delete", "deleteIfExists"),
          rule(instanceMethod().onDescendantOf(FILE), Effect.DELETE, RECEIVER, "delete"),
          // Other names of the same file.
          rule(
              instanceMethod().onDescendantOf(FILE),
              Effect.NAME_OF,
              RECEIVER,
              "toPath",
              "getAbsoluteFile",
              "getCanonicalFile",
              "getPath",
              "getAbsolutePath",
              "getCanonicalPath",
              "toString"),
          rule(
              instanceMethod().onDescendantOf(PATH),
              Effect.NAME_OF,
              RECEIVER,
              "toFile",
              "toAbsolutePath",
              "normalize",
              "toRealPath",
              "toString"),
          rule(staticMethod().onClass("java.nio.file.Paths"), Effect.NAME_OF, 0, "get"),
          rule(staticMethod().onClass(PATH), Effect.NAME_OF, 0, "of"),
          constructed(
              constructor().forClass(FILE).withParameters("java.lang.String"),
              Action.on(Effect.NAME_OF, 0)),
          // Directories, and names in them: a rename is durable once the directory holding it is
          // forced.
          rule(instanceMethod().onDescendantOf(PATH), Effect.PARENT_OF, RECEIVER, "getParent"),
          rule(
              instanceMethod().onDescendantOf(FILE),
              Effect.PARENT_OF,
              RECEIVER,
              "getParentFile",
              "getParent"),
          rule(instanceMethod().onDescendantOf(PATH), Effect.CHILD_OF, RECEIVER, "resolve"),
          rule(
              instanceMethod().onDescendantOf(PATH), Effect.SIBLING_OF, RECEIVER, "resolveSibling"),
          rule(staticMethod().onClass("java.nio.file.Paths"), Effect.CHILD_OF, 0, "get"),
          rule(staticMethod().onClass(PATH), Effect.CHILD_OF, 0, "of"),
          constructed(
              constructor().forClass(FILE).withParameters("java.io.File", "java.lang.String"),
              Action.on(Effect.CHILD_OF, 0)),
          constructed(
              constructor().forClass(FILE).withParameters("java.lang.String", "java.lang.String"),
              Action.on(Effect.CHILD_OF, 0)),
          // Writes by name.
          rule(
              staticMethod().onClass(FILES),
              Action.write(0, Opening.OPTIONS_DEFAULT_TRUNCATE),
              "write",
              "writeString"),
          rule(staticMethod().onClass(FILES), Action.copy(0, 1), "copy"),
          rule(staticMethod().onClass(FILES), Action.write(1, Opening.TRUNCATES), "copy"),
          // Opens by name (or wraps, when the operand is already a handle).
          rule(
              staticMethod().onClass(FILES),
              Action.open(false, Opening.OPTIONS_DEFAULT_TRUNCATE),
              "newOutputStream"),
          rule(
              staticMethod().onClass(FILES),
              Action.open(true, Opening.OPTIONS_DEFAULT_TRUNCATE),
              "newBufferedWriter"),
          rule(
              staticMethod().onClass(FILES),
              Action.open(false, Opening.OPTIONS_DEFAULT_READ),
              "newByteChannel"),
          rule(
              staticMethod().onClass(FILE_CHANNEL),
              Action.open(false, Opening.OPTIONS_DEFAULT_READ),
              "open"),
          rule(
              staticMethod().onClass("java.nio.channels.Channels"),
              Action.open(false, Opening.NONE),
              "newOutputStream"),
          rule(
              staticMethod().onClass("java.nio.channels.Channels"),
              Action.open(true, Opening.NONE),
              "newWriter"),
          constructed(
              constructor().forClass("java.io.FileOutputStream"),
              Action.open(false, Opening.APPEND_FLAG)),
          constructed(
              constructor().forClass("java.io.FileWriter"), Action.open(true, Opening.APPEND_FLAG)),
          constructed(
              constructor().forClass("java.io.RandomAccessFile"), Action.open(false, Opening.MODE)),
          constructed(
              constructor().forClass("java.io.PrintStream"), Action.open(false, Opening.TRUNCATES)),
          constructed(
              constructor()
                  .forClass(
                      isDescendantOfAny(
                          List.of(
                              "java.io.Writer",
                              "java.io.BufferedOutputStream",
                              "java.io.ObjectOutputStream"))),
              Action.open(true, Opening.TRUNCATES)),
          // GZIP, Zip, Deflater streams: only finish() or close() writes all they hold.
          constructed(
              constructor().forClass(isDescendantOf("java.util.zip.DeflaterOutputStream")),
              Action.open(true, Opening.DEFLATES)),
          constructed(
              constructor().forClass(isDescendantOf("java.io.OutputStream")),
              Action.open(false, Opening.TRUNCATES)),
          // What the JDK does through an open handle.
          rule(
              instanceMethod()
                  .onDescendantOfAny("java.io.FileOutputStream", "java.io.RandomAccessFile"),
              Effect.DESCRIPTOR,
              RECEIVER,
              "getFD",
              "getChannel"),
          rule(instanceMethod().onDescendantOf(FILE_CHANNEL), Effect.FORCE, RECEIVER, "force"),
          rule(
              instanceMethod().onDescendantOf("java.io.FileDescriptor"),
              Effect.FORCE,
              RECEIVER,
              "sync"),
          rule(
              instanceMethod().onDescendantOf("java.nio.MappedByteBuffer"),
              Effect.FORCE,
              RECEIVER,
              "force"),
          rule(instanceMethod().onDescendantOf(FILE_CHANNEL), Effect.MAP, RECEIVER, "map"),
          rule(
              instanceMethod().onDescendantOf("java.util.Properties"),
              Effect.WRITE_AND_FLUSH,
              0,
              "store",
              "storeToXML"),
          // XML and images: each call below closes a file it opened, or flushes the stream it got.
          constructed(constructor().forClass(STREAM_RESULT), Action.open(false, Opening.NONE)),
          rule(
              instanceMethod().onDescendantOf("javax.xml.transform.Transformer"),
              Action.writeAndFlush(1, Opening.NONE),
              "transform"),
          rule(
              staticMethod().onClass("javax.imageio.ImageIO"),
              Action.writeAndFlush(2, Opening.TRUNCATES),
              "write"),
          // Buffers until its own flush() or close(); writeEndDocument() flushes nothing.
          rule(
              instanceMethod().onDescendantOf("javax.xml.stream.XMLOutputFactory"),
              Action.open(true, Opening.NONE),
              "createXMLStreamWriter"));

  /** Conventions that hold for any handle, whatever its declared type; tried last. */
  private static final ImmutableList<Rule> HANDLE_CONVENTIONS =
      ImmutableList.of(
          rule(instanceMethod().anyClass(), HANDLE_WRITES, Effect.WRITE, RECEIVER),
          rule(instanceMethod().anyClass(), Effect.FLUSH, RECEIVER, "flush"),
          rule(instanceMethod().anyClass(), Effect.CLOSE, RECEIVER, "finish", "close"));

  private FileApis() {}

  /** The rules in the order they are tried, with the methods the build's flags add in front. */
  static ImmutableList<Rule> rules(FsyncOptions options) {
    ImmutableList.Builder<Rule> rules = ImmutableList.builder();
    for (MethodName method : options.fsyncMethods()) {
      rules.add(flagged(method, Action.on(Effect.FORCE, EVERY_ARGUMENT)));
    }
    for (MethodName method : options.renameMethods()) {
      rules.add(flagged(method, Action.rename(0, 1)));
    }
    return rules
        .addAll(JDK)
        .addAll(LibraryApis.LIBRARIES)
        .addAll(LibraryApis.LIBRARY_WRITERS)
        .addAll(HANDLE_CONVENTIONS)
        .build();
  }

  /** A method named by a flag: static, or an instance method of the class or any subtype. */
  private static Rule flagged(MethodName method, Action action) {
    String name = method.methodName();
    return new Rule(
        Matchers.anyOf(
            staticMethod().onClass(method.className()).named(name),
            instanceMethod().onDescendantOf(method.className()).named(name)),
        action,
        name::equals);
  }

  static Rule rule(MethodClassMatcher on, Action action, String... names) {
    ImmutableSet<String> named = ImmutableSet.copyOf(names);
    return new Rule(on.namedAnyOf(named), action, named::contains);
  }

  static Rule rule(MethodClassMatcher on, Effect effect, Operand operand, String... names) {
    return rule(on, Action.on(effect, operand), names);
  }

  static Rule rule(MethodClassMatcher on, Effect effect, int argument, String... names) {
    return rule(on, effect, Operand.argument(argument), names);
  }

  static Rule rule(MethodClassMatcher on, Pattern names, Effect effect, Operand operand) {
    return new Rule(
        on.withNameMatching(names), Action.on(effect, operand), names.asMatchPredicate());
  }

  static Rule constructed(Matcher<ExpressionTree> constructor, Action action) {
    return new Rule(constructor, action, CONSTRUCTOR::equals);
  }
}
