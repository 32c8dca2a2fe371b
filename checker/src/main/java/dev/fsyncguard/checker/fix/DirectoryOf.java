package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;

/**
 * The directory a rename's target lies in, as code a repair can write again: the target's parent
 * when the target can be named again ({@code target}, {@code tmp.toPath()}), or the directory it is
 * resolved in ({@code dir} of {@code dir.resolve(name)}, {@code new File(dir, name)} or {@code
 * Paths.get(dir, name)}), as the analysis names a target's directory.
 *
 * @param base the expression the directory is named from
 * @param parent whether the directory is {@code base}'s parent rather than {@code base} itself
 */
record DirectoryOf(ExpressionTree base, boolean parent) {
  /**
   * The directory of {@code target}, or null when no expression that is safe to repeat names it.
   */
  static DirectoryOf of(ExpressionTree target) {
    if (target == null) {
      return null;
    }
    ExpressionTree tree = ASTHelpers.stripParentheses(target);
    if (RenameFixes.isRepeatable(tree)) {
      return new DirectoryOf(tree, true);
    }
    if (tree instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && call.getArguments().size() == 1
        && RenameFixes.isRepeatable(select.getExpression())) {
      Symbol method = ASTHelpers.getSymbol(call);
      boolean onPath =
          method != null && method.owner.getQualifiedName().contentEquals("java.nio.file.Path");
      if (onPath && select.getIdentifier().contentEquals("resolve")) {
        return new DirectoryOf(select.getExpression(), false);
      }
      if (onPath && select.getIdentifier().contentEquals("resolveSibling")) {
        return new DirectoryOf(select.getExpression(), true);
      }
    }
    if (tree instanceof MethodInvocationTree call
        && call.getArguments().size() == 2
        && RenameFixes.isRepeatable(call.getArguments().get(0))) {
      // Paths.get(dir, name), Path.of(dir, name): the file name in dir.
      Symbol method = ASTHelpers.getSymbol(call);
      String owner = method == null ? "" : method.owner.getQualifiedName().toString();
      if ((owner.equals("java.nio.file.Paths") && method.getSimpleName().contentEquals("get"))
          || (owner.equals("java.nio.file.Path") && method.getSimpleName().contentEquals("of"))) {
        return new DirectoryOf(call.getArguments().get(0), false);
      }
    }
    if (tree instanceof NewClassTree created
        && created.getArguments().size() == 2
        && RenameFixes.isRepeatable(created.getArguments().get(0))) {
      Symbol constructor = ASTHelpers.getSymbol(created);
      if (constructor != null
          && constructor.owner.getQualifiedName().contentEquals("java.io.File")) {
        return new DirectoryOf(created.getArguments().get(0), false);
      }
    }
    return null;
  }

  /** The directory as a {@code Path} expression, or null when {@link #base} is not a file name. */
  String text(SuggestedFix.Builder fix, VisitorState state) {
    String path = RenameFixes.asPath(base, fix, state);
    return path == null ? null : parent ? path + ".toAbsolutePath().getParent()" : path;
  }

  /** The variable the directory is named from ({@code dir} of {@code dir.toPath()}), or null. */
  Symbol variable() {
    ExpressionTree tree = base;
    while (true) {
      if (tree instanceof IdentifierTree) {
        return ASTHelpers.getSymbol(tree);
      } else if (tree instanceof MemberSelectTree select) {
        Symbol symbol = ASTHelpers.getSymbol(select);
        if (symbol != null && symbol.getKind().isField()) {
          return symbol;
        }
        tree = select.getExpression();
      } else if (tree instanceof MethodInvocationTree call
          && call.getMethodSelect() instanceof MemberSelectTree select) {
        tree = select.getExpression();
      } else {
        return null;
      }
    }
  }
}
