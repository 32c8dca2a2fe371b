package dev.fsyncguard.checker.flow;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOf;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOfAny;
import static dev.fsyncguard.checker.flow.Action.EVERY_ARGUMENT;
import static dev.fsyncguard.checker.flow.Action.RECEIVER;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.matchers.method.MethodMatchers.MethodClassMatcher;
import com.sun.source.tree.ExpressionTree;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one table of the APIs that name, open, write, flush, force, rename and delete files: the JDK,
 * well-known libraries, and methods named by flags. Rules are tried in order and the first whose
 * operand is a file wins, so specific entries come before general ones. Adding an API is adding a
 * line.
 */
public final class FileApis {
  static final String FILES = "java.nio.file.Files";
  static final String PATH = "java.nio.file.Path";
  static final String FILE = "java.io.File";
  static final String FILE_CHANNEL = "java.nio.channels.FileChannel";

  /**
   * A modelled API: calls {@code matcher} accepts do {@code action}. A rename also lists the method
   * names it matches, so that the checks can pass over every other call without trying a matcher.
   */
  record Rule(Matcher<ExpressionTree> matcher, Action action, ImmutableSet<String> names) {
    Rule {
      if (action.effect() == Effect.RENAME && names.isEmpty()) {
        throw new IllegalArgumentException("a rename rule lists the method names it matches");
      }
    }

    boolean matches(ExpressionTree tree, VisitorState state) {
      return matcher.matches(tree, state);
    }
  }

  private static final Pattern HANDLE_WRITES =
      Pattern.compile("(write|print|append|format|put|newLine|transferFrom|truncate|setLength).*");

  private static final ImmutableList<Rule> JDK =
      ImmutableList.of(
          // Renames and deletes.
          rename(staticMethod().onClass(FILES), Action.rename(0, 1), "move"),
          rename(instanceMethod().onDescendantOf(FILE), Action.rename(RECEIVER, 0), "renameTo"),
          rule(staticMethod().onClass(FILES).namedAnyOf("delete", "deleteIfExists"), Effect.DELETE, 0),
          rule(instanceMethod().onDescendantOf(FILE).named("delete"), Effect.DELETE, RECEIVER),
          // Other names of the same file.
          rule(
              instanceMethod()
                  .onDescendantOf(FILE)
                  .namedAnyOf(
                      "toPath", "getAbsoluteFile", "getCanonicalFile", "getPath", "getAbsolutePath",
                      "getCanonicalPath", "toString"),
              Effect.NAME_OF,
              RECEIVER),
          rule(
              instanceMethod()
                  .onDescendantOf(PATH)
                  .namedAnyOf("toFile", "toAbsolutePath", "normalize", "toRealPath", "toString"),
              Effect.NAME_OF,
              RECEIVER),
          rule(staticMethod().onClass("java.nio.file.Paths").named("get"), Effect.NAME_OF, 0),
          rule(staticMethod().onClass(PATH).named("of"), Effect.NAME_OF, 0),
          rule(constructor().forClass(FILE).withParameters("java.lang.String"), Effect.NAME_OF, 0),
          // Writes by name.
          rule(
              staticMethod().onClass(FILES).namedAnyOf("write", "writeString"),
              Action.write(0, Opening.OPTIONS_DEFAULT_TRUNCATE)),
          rule(staticMethod().onClass(FILES).named("copy"), Action.write(1, Opening.TRUNCATES)),
          // Opens by name (or wraps, when the operand is already a handle).
          rule(
              staticMethod().onClass(FILES).named("newOutputStream"),
              Action.open(false, Opening.OPTIONS_DEFAULT_TRUNCATE)),
          rule(
              staticMethod().onClass(FILES).named("newBufferedWriter"),
              Action.open(true, Opening.OPTIONS_DEFAULT_TRUNCATE)),
          rule(
              staticMethod().onClass(FILES).named("newByteChannel"),
              Action.open(false, Opening.OPTIONS_DEFAULT_READ)),
          rule(
              staticMethod().onClass(FILE_CHANNEL).named("open"),
              Action.open(false, Opening.OPTIONS_DEFAULT_READ)),
          rule(
              staticMethod().onClass("java.nio.channels.Channels").named("newOutputStream"),
              Action.open(false, Opening.NONE)),
          rule(
              staticMethod().onClass("java.nio.channels.Channels").named("newWriter"),
              Action.open(true, Opening.NONE)),
          rule(constructor().forClass("java.io.FileOutputStream"), Action.open(false, Opening.APPEND_FLAG)),
          rule(constructor().forClass("java.io.FileWriter"), Action.open(true, Opening.APPEND_FLAG)),
          rule(constructor().forClass("java.io.RandomAccessFile"), Action.open(false, Opening.MODE)),
          rule(constructor().forClass("java.io.PrintStream"), Action.open(false, Opening.TRUNCATES)),
          rule(
              constructor()
                  .forClass(
                      isDescendantOfAny(
                          List.of(
                              "java.io.Writer",
                              "java.io.BufferedOutputStream",
                              "java.io.ObjectOutputStream",
                              "java.util.zip.DeflaterOutputStream"))),
              Action.open(true, Opening.TRUNCATES)),
          rule(
              constructor().forClass(isDescendantOf("java.io.OutputStream")),
              Action.open(false, Opening.TRUNCATES)),
          // What the JDK does through an open handle.
          rule(
              instanceMethod()
                  .onDescendantOfAny("java.io.FileOutputStream", "java.io.RandomAccessFile")
                  .namedAnyOf("getFD", "getChannel"),
              Effect.DESCRIPTOR,
              RECEIVER),
          rule(instanceMethod().onDescendantOf(FILE_CHANNEL).named("force"), Effect.FORCE, RECEIVER),
          rule(instanceMethod().onDescendantOf("java.io.FileDescriptor").named("sync"), Effect.FORCE, RECEIVER),
          rule(instanceMethod().onDescendantOf("java.nio.MappedByteBuffer").named("force"), Effect.FORCE, RECEIVER),
          rule(instanceMethod().onDescendantOf(FILE_CHANNEL).named("map"), Effect.MAP, RECEIVER),
          rule(
              instanceMethod().onDescendantOf("java.util.Properties").namedAnyOf("store", "storeToXML"),
              Effect.WRITE_AND_FLUSH,
              0));

  /** Libraries whose rename and fsync helpers real projects call instead of the JDK. */
  private static final ImmutableList<Rule> LIBRARIES =
      ImmutableList.of(
          rename(staticMethod().onClass("org.apache.kafka.common.utils.Utils"), Action.rename(0, 1), "atomicMoveWithFallback"),
          rule(staticMethod().onClass("org.apache.kafka.common.utils.Utils").named("flushDir"), Effect.FORCE_DIRECTORY, 0),
          rule(staticMethod().onClass("org.apache.lucene.util.IOUtils").named("fsync"), Effect.FORCE, 0),
          rename(staticMethod().onClass("com.google.common.io.Files"), Action.rename(0, 1), "move"),
          rename(staticMethod().onClass("org.apache.commons.io.FileUtils"), Action.rename(0, 1), "moveFile", "moveFileToDirectory"),
          rename(staticMethod().onClass("com.alipay.sofa.jraft.util.Utils"), Action.rename(0, 1), "atomicMoveFile"),
          rule(staticMethod().onClass("com.alipay.sofa.jraft.util.Utils").named("fsync"), Effect.FORCE, 0),
          rename(staticMethod().onClass("org.apache.ratis.util.FileUtils"), Action.rename(0, 1), "move"),
          rename(staticMethod().onClass("org.eclipse.jgit.util.FileUtils"), Action.rename(0, 1), "rename"));

  /** Conventions that hold for any handle, whatever its declared type; tried last. */
  private static final ImmutableList<Rule> HANDLE_CONVENTIONS =
      ImmutableList.of(
          rule(instanceMethod().anyClass().withNameMatching(HANDLE_WRITES), Effect.WRITE, RECEIVER),
          rule(instanceMethod().anyClass().namedAnyOf("flush", "finish"), Effect.FLUSH, RECEIVER),
          rule(instanceMethod().anyClass().named("close"), Effect.CLOSE, RECEIVER));

  private FileApis() {}

  /** The rules in the order they are tried, with the methods the build's flags add in front. */
  static ImmutableList<Rule> rules(FsyncOptions options) {
    ImmutableList.Builder<Rule> rules = ImmutableList.builder();
    for (MethodName method : options.fsyncMethods()) {
      rules.add(new Rule(matcher(method), Action.on(Effect.FORCE, EVERY_ARGUMENT), ImmutableSet.of()));
    }
    for (MethodName method : options.renameMethods()) {
      rules.add(new Rule(matcher(method), Action.rename(0, 1), ImmutableSet.of(method.methodName())));
    }
    return rules.addAll(JDK).addAll(LIBRARIES).addAll(HANDLE_CONVENTIONS).build();
  }

  private static Matcher<ExpressionTree> matcher(MethodName method) {
    return Matchers.anyOf(
        staticMethod().onClass(method.className()).named(method.methodName()),
        instanceMethod().onDescendantOf(method.className()).named(method.methodName()));
  }

  private static Rule rule(Matcher<ExpressionTree> matcher, Action action) {
    return new Rule(matcher, action, ImmutableSet.of());
  }

  private static Rule rule(Matcher<ExpressionTree> matcher, Effect effect, int operand) {
    return new Rule(matcher, Action.on(effect, operand), ImmutableSet.of());
  }

  private static Rule rename(MethodClassMatcher on, Action rename, String... names) {
    return new Rule(on.namedAnyOf(names), rename, ImmutableSet.copyOf(names));
  }
}
