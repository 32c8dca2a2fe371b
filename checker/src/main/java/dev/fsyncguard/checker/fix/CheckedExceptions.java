package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import com.sun.tools.javac.code.Types;
import java.util.List;

/** Whether code inserted at a point may throw a checked exception without breaking compilation. */
final class CheckedExceptions {
  private CheckedExceptions() {}

  /**
   * Whether {@code exception} thrown by code at {@code path} is caught by an enclosing {@code try}
   * or declared by the enclosing method, constructor or lambda. Initialisers and field initialisers
   * count as not handling it: an instance initialiser may throw only what every constructor
   * declares.
   */
  static boolean isHandled(TreePath path, Type exception, VisitorState state) {
    Types types = state.getTypes();
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree child = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof TryTree tryTree
          && child == tryTree.getBlock()
          && catches(tryTree, exception, types)) {
        return true;
      }
      if (parent instanceof LambdaExpressionTree lambda) {
        Type lambdaType = ASTHelpers.getType(lambda);
        return lambdaType != null
            && anySupertype(
                types.findDescriptorType(lambdaType).getThrownTypes(), exception, types);
      }
      if (parent instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return anySupertype(symbol.getThrownTypes(), exception, types);
      }
      if (parent instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  private static boolean catches(TryTree tryTree, Type exception, Types types) {
    for (CatchTree catchTree : tryTree.getCatches()) {
      Type caught = ASTHelpers.getType(catchTree.getParameter());
      Iterable<? extends Type> alternatives =
          caught instanceof UnionClassType union ? union.getAlternativeTypes() : List.of(caught);
      if (anySupertype(alternatives, exception, types)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anySupertype(
      Iterable<? extends Type> candidates, Type exception, Types types) {
    for (Type candidate : candidates) {
      // A type variable (`throws E`) admits only E, so it never counts as a supertype here.
      if (candidate != null && types.isSubtype(exception, candidate)) {
        return true;
      }
    }
    return false;
  }
}
