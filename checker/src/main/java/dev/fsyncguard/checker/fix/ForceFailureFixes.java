package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Optional;

/**
 * The fix for {@code FsyncFailureIgnored}: rethrow the failure at the end of the handler, when the
 * method already declares every exception the handler catches. Anything else (wrapping it,
 * returning failure) changes what the method promises, and is the author's call.
 */
final class ForceFailureFixes {
  private ForceFailureFixes() {}

  static Optional<Edit> rethrow(CatchTree handler, VisitorState state) {
    // In a lambda, what may be thrown is the functional interface's business: no fix.
    TreePath method = state.findPathToEnclosing(MethodTree.class, LambdaExpressionTree.class);
    MethodSymbol symbol =
        method != null && method.getLeaf() instanceof MethodTree declared
            ? ASTHelpers.getSymbol(declared)
            : null;
    if (symbol == null
        || !isInside(handler, method.getLeaf(), state)
        || !declaresAll(handler, symbol, state)) {
      return Optional.empty();
    }
    String name = handler.getParameter().getName().toString();
    String rethrow = "throw " + name + ";";
    BlockTree block = handler.getBlock();
    List<? extends StatementTree> statements = block.getStatements();
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (statements.isEmpty()) {
      String indent = lineIndent(handler, state);
      String unit = indent.contains("\t") ? "\t" : "  ";
      fix.replace(block, "{\n" + indent + unit + rethrow + "\n" + indent + "}");
    } else {
      StatementTree last = statements.get(statements.size() - 1);
      fix.postfixWith(last, "\n" + lineIndent(last, state) + rethrow);
    }
    return Optional.of(
        new Edit(
            fix.build(),
            "rethrow `" + name + "` at the end of the handler on line " + line(handler, state)));
  }

  private static boolean declaresAll(CatchTree handler, MethodSymbol method, VisitorState state) {
    Tree type = handler.getParameter().getType();
    for (Tree alternative :
        type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type)) {
      Type caught = ASTHelpers.getType(alternative);
      if (caught == null) {
        return false;
      }
      boolean unchecked =
          ASTHelpers.isSubtype(caught, state.getSymtab().runtimeExceptionType, state)
              || ASTHelpers.isSubtype(caught, state.getSymtab().errorType, state);
      boolean declared =
          method.getThrownTypes().stream()
              .anyMatch(thrown -> ASTHelpers.isSubtype(caught, thrown, state));
      if (!unchecked && !declared) {
        return false;
      }
    }
    return true;
  }

  /** Whether the handler belongs to the method itself, not to a lambda or class inside it. */
  private static boolean isInside(CatchTree handler, Tree method, VisitorState state) {
    int start = ASTHelpers.getStartPosition(handler);
    return start >= ASTHelpers.getStartPosition(method) && start < state.getEndPosition(method);
  }

  private static long line(Tree tree, VisitorState state) {
    return state
        .getPath()
        .getCompilationUnit()
        .getLineMap()
        .getLineNumber(ASTHelpers.getStartPosition(tree));
  }

  private static String lineIndent(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int lineStart = ASTHelpers.getStartPosition(tree);
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
