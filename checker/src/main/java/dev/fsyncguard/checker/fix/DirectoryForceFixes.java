package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Optional;

/**
 * The force of the target's directory right after the rename's statement: {@code
 * DurableFiles.forceDirectory} with the utility on the class path; otherwise a call of a private
 * helper that the repair adds to the class once and every site in it shares. The helper skips
 * Windows, which cannot open a directory: a fix that made every save fail there would be worse than
 * none.
 */
final class DirectoryForceFixes {
  /**
   * The JDK-only helper's name and the field that says whether the platform can force a directory.
   */
  static final String HELPER = "forceDirectory";

  private static final String CAN_FORCE = "DIRECTORIES_CAN_BE_FORCED";

  private DirectoryForceFixes() {}

  /**
   * The edit that forces the directory of {@code target} (a rename's target) after {@code
   * statement}, the rename's or a loop around it, or empty.
   */
  static Optional<Edit> fix(
      ExpressionTree target, TreePath statement, boolean durable, VisitorState state) {
    Type ioException = state.getTypeFromString("java.io.IOException");
    DirectoryOf directoryOf = DirectoryOf.of(target);
    if (directoryOf == null
        || statement == null
        || ioException == null
        || !continuesAfter(statement)
        || !CheckedExceptions.isHandled(statement, ioException, state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String directory = directoryOf.text(fix, state);
    if (directory == null) {
      return Optional.empty();
    }
    String forcer;
    if (durable) {
      forcer =
          SuggestedFixes.qualifyType(state, fix, RenameFixes.DURABLE_FILES) + ".forceDirectory";
    } else {
      ClassTree owner = helperOwner(statement);
      if (owner == null || isShadowed(statement, owner, state) || !addHelper(owner, fix, state)) {
        return Optional.empty();
      }
      forcer = HELPER;
    }
    fix.postfixWith(
        statement.getLeaf(),
        Indentation.of(statement, state).after(List.of(forcer + "(" + directory + ");")));
    return Optional.of(
        new Edit(
            fix.build(),
            "force `"
                + directory
                + "` after the "
                + (isLoop(statement.getLeaf()) ? "loop" : "rename")
                + (durable
                    ? " with DurableFiles.forceDirectory"
                    : " with the class's forceDirectory helper, which Windows skips (it cannot"
                        + " force a directory)")));
  }

  static boolean isLoop(Tree tree) {
    return tree instanceof com.sun.source.tree.ForLoopTree
        || tree instanceof com.sun.source.tree.EnhancedForLoopTree
        || tree instanceof com.sun.source.tree.WhileLoopTree
        || tree instanceof com.sun.source.tree.DoWhileLoopTree;
  }

  /**
   * The class that holds the helper: the top-level class, so that every site of the file shares it
   * and a nested, inner, local or anonymous class (which may not declare static members before Java
   * 16) can call it. Null for an interface or annotation (no private field there) and for an enum
   * made only of its constants (members would need a {@code ;} first).
   */
  private static ClassTree helperOwner(TreePath statement) {
    ClassTree top = null;
    for (TreePath at = statement; at != null; at = at.getParentPath()) {
      if (at.getLeaf() instanceof ClassTree type) {
        top = type;
      }
    }
    if (top == null) {
      return null;
    }
    switch (top.getKind()) {
      case CLASS:
      case RECORD:
        return top;
      case ENUM:
        return top.getMembers().stream().anyMatch(m -> !isEnumConstant(m)) ? top : null;
      default:
        return null;
    }
  }

  /**
   * Whether a class between the statement and the helper's class declares or inherits a method of
   * the helper's name: a call by simple name would find that one instead.
   */
  private static boolean isShadowed(TreePath statement, ClassTree owner, VisitorState state) {
    for (TreePath at = statement; at != null && at.getLeaf() != owner; at = at.getParentPath()) {
      if (at.getLeaf() instanceof ClassTree type) {
        Symbol.ClassSymbol symbol = ASTHelpers.getSymbol(type);
        if (symbol == null
            || state
                .getTypes()
                .membersClosure(symbol.type, false)
                .getSymbolsByName(state.getName(HELPER))
                .iterator()
                .hasNext()) {
          return true;
        }
      }
    }
    Symbol.ClassSymbol top = ASTHelpers.getSymbol(owner);
    if (top == null) {
      return true;
    }
    // The top class's own members are checked where the helper is added; inherited ones here.
    for (Symbol member :
        state.getTypes().membersClosure(top.type, false).getSymbolsByName(state.getName(HELPER))) {
      if (member.owner != top) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEnumConstant(Tree member) {
    if (member instanceof MethodTree method && ASTHelpers.isGeneratedConstructor(method)) {
      return true; // not written in the source: no ';' needed before it
    }
    return member instanceof VariableTree variable
        && ASTHelpers.getSymbol(variable) != null
        && ASTHelpers.getSymbol(variable).getKind()
            == javax.lang.model.element.ElementKind.ENUM_CONSTANT;
  }

  /**
   * Adds the helper and its platform field at the end of {@code owner}, unless it declares them
   * already (from an earlier repair). Every site of the class adds the same text at the same place,
   * so patch mode applies it once. False when the class has another member of either name.
   */
  private static boolean addHelper(ClassTree owner, SuggestedFix.Builder fix, VisitorState state) {
    boolean helper = false;
    boolean field = false;
    for (Tree member : owner.getMembers()) {
      if (member instanceof MethodTree method && method.getName().contentEquals(HELPER)) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol == null
            || symbol.getParameters().size() != 1
            || !symbol.getParameters().get(0).asType().toString().equals("java.nio.file.Path")) {
          return false;
        }
        helper = true;
      } else if (member instanceof VariableTree variable
          && variable.getName().contentEquals(CAN_FORCE)) {
        field = true;
      }
    }
    if (helper && field) {
      return true;
    }
    if (helper || field) {
      return false;
    }
    String path = SuggestedFixes.qualifyType(state, fix, "java.nio.file.Path");
    String ioException = SuggestedFixes.qualifyType(state, fix, "java.io.IOException");
    String channel = SuggestedFixes.qualifyType(state, fix, "java.nio.channels.FileChannel");
    String read =
        SuggestedFixes.qualifyType(state, fix, "java.nio.file.StandardOpenOption") + ".READ";
    String locale = SuggestedFixes.qualifyType(state, fix, "java.util.Locale");
    String indent = memberIndent(owner, state);
    String unit = indent.isEmpty() ? "  " : indent;
    List<String> lines =
        List.of(
            "",
            "/** Windows cannot open a directory to force it; NTFS journals the rename itself. */",
            "private static final boolean " + CAN_FORCE + " =",
            unit
                + unit
                + "!System.getProperty(\"os.name\", \"\").toLowerCase("
                + locale
                + ".ROOT).startsWith(\"windows\");",
            "",
            "/** Forces {@code directory}'s entries, so that a file renamed into it stays renamed"
                + " after a crash. */",
            "private static void "
                + HELPER
                + "("
                + path
                + " directory) throws "
                + ioException
                + " {",
            unit + "if (" + CAN_FORCE + ") {",
            unit
                + unit
                + "try ("
                + channel
                + " channel = "
                + channel
                + ".open(directory, "
                + read
                + ")) {",
            unit + unit + unit + "channel.force(true);",
            unit + unit + "}",
            unit + "}",
            "}");
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isEmpty() ? "" : indent).append(line).append('\n');
    }
    int end = state.getEndPosition(owner);
    CharSequence source = state.getSourceCode();
    int closing = end - 1;
    if (end <= 0 || source.charAt(closing) != '}') {
      return false;
    }
    // At the start of the line holding the closing brace, so the brace keeps its indentation.
    int lineStart = closing;
    while (lineStart > 0
        && (source.charAt(lineStart - 1) == ' ' || source.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    if (lineStart == 0 || source.charAt(lineStart - 1) != '\n') {
      return false;
    }
    fix.replace(lineStart, lineStart, text.toString());
    return true;
  }

  /** The indentation of the class's members: its own line's plus one step. */
  private static String memberIndent(ClassTree owner, VisitorState state) {
    for (Tree member : owner.getMembers()) {
      int start = ASTHelpers.getStartPosition(member);
      CharSequence source = state.getSourceCode();
      int lineStart = start;
      while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
        lineStart--;
      }
      String blanks = source.subSequence(lineStart, start).toString();
      if (blanks.isBlank() && state.getEndPosition(member) > 0) {
        return blanks;
      }
    }
    return "  ";
  }

  /**
   * Statements after which the code that follows runs once the rename succeeded: a rename in an
   * arrow case (the switch is then the statement) completes the switch.
   */
  private static boolean continuesAfter(TreePath statement) {
    return statement.getLeaf() instanceof ExpressionStatementTree
        || statement.getLeaf() instanceof IfTree
        || statement.getLeaf() instanceof com.sun.source.tree.TryTree
        || statement.getLeaf() instanceof com.sun.source.tree.SwitchTree
        || statement.getLeaf() instanceof VariableTree
        || isLoop(statement.getLeaf());
  }
}
