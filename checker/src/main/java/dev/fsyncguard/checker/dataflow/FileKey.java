package dev.fsyncguard.checker.dataflow;

import com.sun.source.tree.ExpressionTree;
import java.util.List;

/**
 * The identity of one file within a method: a variable or field that names it, the expression that
 * first produced its name, a string literal, the directory that holds another key's file, or a name
 * resolved in a known directory. Everything derived from the same key (a {@code Path} and its
 * {@code toFile()}, the streams and channels opened on it) is the same file.
 */
public record FileKey(Object id) {
  /** The directory holding {@code child}'s file, when nothing else names it. */
  private record ParentOf(FileKey child) {}

  /** The file that {@code expression} names inside the directory {@code parent}. */
  private record Child(FileKey parent, Object expression) {}

  /** The file a side-effect-free method names for this receiver and these arguments. */
  private record Derived(Object method, Object receiver, List<Object> arguments) {}

  static FileKey derived(Object method, Object receiver, List<Object> arguments) {
    return new FileKey(new Derived(method, receiver, List.copyOf(arguments)));
  }

  /**
   * A file the code cannot name that a call forced: one another object holds, or one a callee
   * derived and forced itself. It may be a directory the analysis cannot relate to a rename, so its
   * force counts for every directory with a pending rename, as a force of an untouched file does.
   */
  static final FileKey UNSEEN =
      new FileKey(
          new Object() {
            @Override
            public String toString() {
              return "unseen";
            }
          });

  static FileKey literal(String name) {
    return new FileKey("\0" + name);
  }

  /**
   * The file {@code expression} names in the directory {@code parent} ({@code dir.resolve(name)}).
   */
  static FileKey child(FileKey parent, ExpressionTree expression) {
    return new FileKey(new Child(parent, expression));
  }

  /**
   * The directory that holds this key's file, as the code can spell it: the directory a name was
   * resolved in, else {@code getParent()} of the name.
   */
  public FileKey directory() {
    return id instanceof Child child ? child.parent() : new FileKey(new ParentOf(this));
  }

  /**
   * The expression that first produced this file's name, or null when a variable or literal names
   * it.
   */
  public ExpressionTree expression() {
    Object tree = id instanceof Child child ? child.expression() : id;
    return tree instanceof ExpressionTree expression ? expression : null;
  }
}
