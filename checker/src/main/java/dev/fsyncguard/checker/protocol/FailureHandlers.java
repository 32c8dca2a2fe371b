package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.KnownNames;
import dev.fsyncguard.checker.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * Where a force's failure goes and what happens to it there: the innermost handler that catches it,
 * and whether that handler lets it go (it only reports, counts, or sets a local that decides
 * nothing). Part of {@link ForceFailure}.
 */
final class FailureHandlers {
  private FailureHandlers() {}

  /**
   * Whether the call at {@code path} can meet a handler here: it is in a {@code try} block with a
   * handler, or in a handler, before the method's, lambda's or class's boundary. A cheap test that
   * spares every other call the look-up of what it forces.
   */
  static boolean mayBeHandled(TreePath path) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (isBoundary(leaf)) {
        return false;
      }
      if (leaf instanceof CatchTree
          || (leaf instanceof TryTree attempt
              && !attempt.getCatches().isEmpty()
              && isInBlock(path, attempt))) {
        return true;
      }
    }
    return false;
  }

  /** The innermost handler around {@code path} that catches what the force declares. */
  static TreePath catchingHandler(TreePath path, MethodSymbol method, VisitorState state) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (isBoundary(leaf)) {
        return null;
      }
      if (leaf instanceof TryTree attempt && isInBlock(path, attempt)) {
        for (CatchTree handler : attempt.getCatches()) {
          if (catches(handler, method, state)) {
            return new TreePath(at, handler);
          }
        }
      }
    }
    return null;
  }

  /** Whether {@code path} lies in {@code attempt}'s block, not in a handler or finally. */
  static boolean isInBlock(TreePath path, TryTree attempt) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getParentPath().getLeaf() == attempt) {
        return at.getLeaf() == attempt.getBlock() || attempt.getResources().contains(at.getLeaf());
      }
    }
    return false;
  }

  /**
   * Whether the handler catches what the force may throw: what it declares, or an unchecked
   * exception.
   */
  static boolean catches(CatchTree handler, MethodSymbol method, VisitorState state) {
    List<Type> thrown = new ArrayList<>(method.getThrownTypes());
    thrown.add(state.getSymtab().runtimeExceptionType);
    thrown.add(state.getSymtab().errorType);
    for (Type caught : Trees.caughtTypes(handler)) {
      for (Type type : thrown) {
        if (state.getTypes().isSubtype(type, caught) || state.getTypes().isSubtype(caught, type)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the handler lets the failure go: each of its statements only reports it, or sets a
   * local variable that nothing reads.
   */
  static boolean swallows(CatchTree handler, TreePath handlerPath, VisitorState state) {
    TreePath code = Trees.enclosingCode(handlerPath);
    for (StatementTree statement : handler.getBlock().getStatements()) {
      if (statement instanceof EmptyStatementTree) {
        continue;
      }
      if (!(statement instanceof ExpressionStatementTree expression)) {
        return false;
      }
      ExpressionTree effect = expression.getExpression();
      if (effect instanceof MethodInvocationTree call) {
        if (!onlyReports(call, handler)) {
          return false;
        }
        continue;
      }
      ExpressionTree variable =
          effect instanceof AssignmentTree assignment
              ? assignment.getVariable()
              : effect instanceof CompoundAssignmentTree compound
                  ? compound.getVariable()
                  : effect instanceof UnaryTree unary ? unary.getExpression() : null;
      Symbol assigned = variable instanceof IdentifierTree ? ASTHelpers.getSymbol(variable) : null;
      if (assigned == null || assigned.getKind() != ElementKind.LOCAL_VARIABLE || code == null) {
        return false;
      }
      // A boolean flag may be read afterwards: whether the failed file is still published is then
      // decided path by path (FailurePaths). Any other variable must go unread.
      if (assigned.asType().getKind() != TypeKind.BOOLEAN
          && isReadOutside(assigned, code.getLeaf(), handler)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code call} only reports the failure: a logging call, or a metrics counter bumped
   * without being handed the failure (which the counter could rethrow).
   */
  static boolean onlyReports(MethodInvocationTree call, CatchTree handler) {
    Symbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return false;
    }
    String name = callee.getSimpleName().toString();
    if (KnownNames.REPORTING.contains(name)) {
      return true;
    }
    Symbol failure = ASTHelpers.getSymbol(handler.getParameter());
    return KnownNames.COUNTING.contains(name)
        && call.getArguments().stream()
            .noneMatch(argument -> ASTHelpers.getSymbol(argument) == failure);
  }

  /** Whether {@code variable} is read anywhere in {@code code} outside {@code handler}. */
  static boolean isReadOutside(Symbol variable, Tree code, CatchTree handler) {
    boolean[] read = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitCatch(CatchTree tree, Void unused) {
        return tree == handler ? null : super.visitCatch(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        // The variable assigned is not read; what is assigned may read it.
        if (!(tree.getVariable() instanceof IdentifierTree)) {
          scan(tree.getVariable(), null);
        }
        return scan(tree.getExpression(), null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable) {
          read[0] = true;
        }
        return null;
      }
    }.scan(code, null);
    return read[0];
  }

  static boolean isBoundary(Tree tree) {
    return tree instanceof MethodTree
        || tree instanceof LambdaExpressionTree
        || tree instanceof ClassTree;
  }
}
