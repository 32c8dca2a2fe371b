package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.List;

/** Inserted lines indented like the code around them. */
record Indentation(String indent, String unit) {
  /** The indentation of {@code statement}'s line, and the step from its parent's line to it. */
  static Indentation of(TreePath statement, VisitorState state) {
    String indent = lineIndent(statement.getLeaf(), state);
    String outer = lineIndent(statement.getParentPath().getLeaf(), state);
    String unit =
        indent.startsWith(outer) && indent.length() > outer.length()
            ? indent.substring(outer.length())
            : indent.contains("\t") ? "\t" : "  ";
    return new Indentation(indent, unit);
  }

  /**
   * {@code lines} as text to put before a statement at this indentation: the first line goes where
   * the statement starts, the statement then starts a line of its own. A line's leading tabs ('\t')
   * nest it one unit each.
   */
  String before(List<String> lines) {
    return String.join("\n", indented(lines)).substring(indent.length()) + "\n" + indent;
  }

  /**
   * {@code lines} as text to put right after a statement at this indentation, each on a line of its
   * own.
   */
  String after(List<String> lines) {
    return "\n" + String.join("\n", indented(lines));
  }

  /** {@code lines} as whole lines, each ending with a newline. */
  String asLines(List<String> lines) {
    return String.join("\n", indented(lines)) + "\n";
  }

  private List<String> indented(List<String> lines) {
    return lines.stream()
        .map(
            line -> {
              int depth = 0;
              while (depth < line.length() && line.charAt(depth) == '\t') {
                depth++;
              }
              return indent + unit.repeat(depth) + line.substring(depth);
            })
        .toList();
  }

  /** The blanks that start the line {@code tree} starts on. */
  private static String lineIndent(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int position = ASTHelpers.getStartPosition(tree);
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int end = lineStart;
    while (end < source.length() && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
      end++;
    }
    return source.subSequence(lineStart, end).toString();
  }
}
