package dev.fsyncguard.checker.flow;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOf;
import static com.google.errorprone.predicates.TypePredicates.isDescendantOfAny;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one table of the APIs that name, open, write, flush, force, rename and delete files. Rules are
 * tried in order and the first that applies wins, so specific entries come before general ones.
 * Adding an API is adding a line.
 */
public final class FileApis {
  static final String FILES = "java.nio.file.Files";
  static final String PATH = "java.nio.file.Path";
  static final String FILE = "java.io.File";
  static final String FILE_CHANNEL = "java.nio.channels.FileChannel";

  /** The operand that stands for the call's receiver. */
  static final int RECEIVER = -1;

  /**
   * One modelled API.
   *
   * @param operand the receiver or argument index of the file the effect is on
   * @param target for {@link Effect#RENAME}, the operand naming the new name; otherwise unused
   * @param buffered for {@link Effect#OPEN}: the result holds written bytes in a Java buffer
   * @param opening for {@link Effect#OPEN} and {@link Effect#WRITE} on a name: truncation and sync
   */
  record Rule(
      Matcher<ExpressionTree> matcher,
      Effect effect,
      int operand,
      int target,
      boolean buffered,
      Opening opening) {

    boolean matches(ExpressionTree tree, VisitorState state) {
      return matcher.matches(tree, state);
    }
  }

  private static final Pattern HANDLE_WRITES =
      Pattern.compile("(write|print|append|format|put|newLine|transferFrom|truncate|setLength).*");

  private static final ImmutableList<Rule> JDK =
      ImmutableList.of(
          // Renames and deletes.
          rename(staticMethod().onClass(FILES).named("move"), 0, 1),
          rename(instanceMethod().onDescendantOf(FILE).named("renameTo"), RECEIVER, 0),
          simple(staticMethod().onClass(FILES).namedAnyOf("delete", "deleteIfExists"), Effect.DELETE, 0),
          simple(instanceMethod().onDescendantOf(FILE).named("delete"), Effect.DELETE, RECEIVER),
          // Other names of the same file.
          simple(
              instanceMethod()
                  .onDescendantOf(FILE)
                  .namedAnyOf(
                      "toPath", "getAbsoluteFile", "getCanonicalFile", "getPath", "getAbsolutePath",
                      "getCanonicalPath", "toString"),
              Effect.NAME_OF,
              RECEIVER),
          simple(
              instanceMethod()
                  .onDescendantOf(PATH)
                  .namedAnyOf("toFile", "toAbsolutePath", "normalize", "toRealPath", "toString"),
              Effect.NAME_OF,
              RECEIVER),
          simple(staticMethod().onClass("java.nio.file.Paths").named("get"), Effect.NAME_OF, 0),
          simple(staticMethod().onClass(PATH).named("of"), Effect.NAME_OF, 0),
          simple(constructor().forClass(FILE).withParameters("java.lang.String"), Effect.NAME_OF, 0),
          // Writes by name.
          write(staticMethod().onClass(FILES).namedAnyOf("write", "writeString"), 0, Opening.OPTIONS_DEFAULT_TRUNCATE),
          write(staticMethod().onClass(FILES).named("copy"), 1, Opening.TRUNCATES),
          // Opens by name (or wraps, when the operand is already a handle).
          open(staticMethod().onClass(FILES).named("newOutputStream"), false, Opening.OPTIONS_DEFAULT_TRUNCATE),
          open(staticMethod().onClass(FILES).named("newBufferedWriter"), true, Opening.OPTIONS_DEFAULT_TRUNCATE),
          open(staticMethod().onClass(FILES).named("newByteChannel"), false, Opening.OPTIONS_DEFAULT_READ),
          open(staticMethod().onClass(FILE_CHANNEL).named("open"), false, Opening.OPTIONS_DEFAULT_READ),
          open(staticMethod().onClass("java.nio.channels.Channels").named("newOutputStream"), false, Opening.NONE),
          open(staticMethod().onClass("java.nio.channels.Channels").named("newWriter"), true, Opening.NONE),
          open(constructor().forClass("java.io.FileOutputStream"), false, Opening.APPEND_FLAG),
          open(constructor().forClass("java.io.FileWriter"), true, Opening.APPEND_FLAG),
          open(constructor().forClass("java.io.RandomAccessFile"), false, Opening.MODE),
          open(constructor().forClass("java.io.PrintStream"), false, Opening.TRUNCATES),
          open(
              constructor()
                  .forClass(
                      isDescendantOfAny(
                          List.of(
                              "java.io.Writer",
                              "java.io.BufferedOutputStream",
                              "java.io.ObjectOutputStream",
                              "java.util.zip.DeflaterOutputStream"))),
              true,
              Opening.TRUNCATES),
          open(constructor().forClass(isDescendantOf("java.io.OutputStream")), false, Opening.TRUNCATES),
          // What the JDK does through an open handle.
          simple(
              instanceMethod()
                  .onDescendantOfAny("java.io.FileOutputStream", "java.io.RandomAccessFile")
                  .namedAnyOf("getFD", "getChannel"),
              Effect.DESCRIPTOR,
              RECEIVER),
          simple(instanceMethod().onDescendantOf(FILE_CHANNEL).named("force"), Effect.FORCE, RECEIVER),
          simple(instanceMethod().onDescendantOf("java.io.FileDescriptor").named("sync"), Effect.FORCE, RECEIVER),
          simple(instanceMethod().onDescendantOf("java.nio.MappedByteBuffer").named("force"), Effect.FORCE, RECEIVER),
          simple(instanceMethod().onDescendantOf(FILE_CHANNEL).named("map"), Effect.MAP, RECEIVER),
          simple(
              instanceMethod().onDescendantOf("java.util.Properties").namedAnyOf("store", "storeToXML"),
              Effect.WRITE_AND_FLUSH,
              0),
          // Conventions that hold for any handle, whatever its declared type.
          simple(instanceMethod().anyClass().withNameMatching(HANDLE_WRITES), Effect.WRITE, RECEIVER),
          simple(instanceMethod().anyClass().namedAnyOf("flush", "finish"), Effect.FLUSH, RECEIVER),
          simple(instanceMethod().anyClass().named("close"), Effect.CLOSE, RECEIVER));

  private FileApis() {}

  /** The rules in the order they are tried. */
  static ImmutableList<Rule> rules() {
    return JDK;
  }

  private static Rule simple(Matcher<ExpressionTree> matcher, Effect effect, int operand) {
    return new Rule(matcher, effect, operand, RECEIVER, false, Opening.NONE);
  }

  private static Rule rename(Matcher<ExpressionTree> matcher, int source, int target) {
    return new Rule(matcher, Effect.RENAME, source, target, false, Opening.NONE);
  }

  private static Rule write(Matcher<ExpressionTree> matcher, int operand, Opening opening) {
    return new Rule(matcher, Effect.WRITE, operand, RECEIVER, false, opening);
  }

  private static Rule open(Matcher<ExpressionTree> matcher, boolean buffered, Opening opening) {
    return new Rule(matcher, Effect.OPEN, 0, RECEIVER, buffered, opening);
  }
}
