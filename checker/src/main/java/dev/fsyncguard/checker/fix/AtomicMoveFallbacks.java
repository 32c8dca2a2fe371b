package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.protocol.AtomicReplace;
import dev.fsyncguard.checker.protocol.SiteVerdicts;

/**
 * The atomic move in a {@code try} whose handler of {@code AtomicMoveNotSupportedException} falls
 * back to another rename. Rewriting either call would change which failure the handler sees, which
 * is the author's decision; both sites instead share one force before the {@code try} and one
 * directory force after it, the same edit from each, and nothing is inserted in the handler.
 */
final class AtomicMoveFallbacks {
  private static final String NOT_SUPPORTED = "java.nio.file.AtomicMoveNotSupportedException";

  private AtomicMoveFallbacks() {}

  /** Whether the site at {@code state.getPath()} is such an attempt or fallback. */
  static boolean involves(SiteVerdicts site, VisitorState state) {
    return site.atomic().kind() == AtomicReplace.Kind.NON_ATOMIC_FALLBACK
        || tryAround(state) != null;
  }

  /**
   * The {@code try} statement to repair around, when the site is an attempt or fallback, the
   * renamed file was last written before that {@code try}, and it stands in a block; else null.
   */
  static TreePath sharedStatement(SiteVerdicts site, VisitorState state) {
    TreePath attempt = tryAround(state);
    FileState source = site.sourceState();
    return attempt != null
            && source != null
            && source.position() >= 0
            && source.position() < ASTHelpers.getStartPosition(attempt.getLeaf())
            && attempt.getParentPath().getLeaf() instanceof BlockTree
        ? attempt
        : null;
  }

  /**
   * The {@code try} with such a handler whose block or handler holds the call, in the same method.
   */
  private static TreePath tryAround(VisitorState state) {
    Type notSupported = state.getTypeFromString(NOT_SUPPORTED);
    if (notSupported == null) {
      return null;
    }
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getLeaf() instanceof MethodTree
          || at.getLeaf() instanceof LambdaExpressionTree
          || at.getLeaf() instanceof ClassTree) {
        return null;
      }
      if (at.getParentPath().getLeaf() instanceof TryTree attempt
          && (at.getLeaf() == attempt.getBlock() || at.getLeaf() instanceof CatchTree)
          && catches(attempt, notSupported, state)) {
        return at.getParentPath();
      }
    }
    return null;
  }

  private static boolean catches(TryTree attempt, Type notSupported, VisitorState state) {
    for (CatchTree handler : attempt.getCatches()) {
      Type caught = ASTHelpers.getType(handler.getParameter());
      if (caught != null && state.getTypes().isSameType(caught, notSupported)) {
        return true;
      }
    }
    return false;
  }
}
