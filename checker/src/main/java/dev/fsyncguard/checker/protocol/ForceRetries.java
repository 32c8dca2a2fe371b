package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.api.KnownNames;
import dev.fsyncguard.checker.api.Operand;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.util.Trees;

/**
 * Retries of a failed force: the same file forced again in the handler of the try that forced it,
 * or a force in a loop that goes round again when it fails. Part of {@link ForceFailure}.
 */
final class ForceRetries {
  private ForceRetries() {}

  /**
   * A force in the handler of a try whose block forces the same file, or a force in a try inside a
   * loop that leaves on success and goes round again on failure.
   */
  static ForceFailure.Finding retry(
      MethodInvocationTree force, Action action, VisitorState state, FsyncOptions options) {
    Object forced = forcedFile(state.getPath(), action, state, options);
    if (forced == null) {
      return null;
    }
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      Tree parent = at.getParentPath().getLeaf();
      if (FailureHandlers.isBoundary(leaf)) {
        return null;
      }
      if (leaf instanceof CatchTree handler && parent instanceof TryTree attempt) {
        MethodInvocationTree first =
            forceIn(new TreePath(at.getParentPath(), attempt.getBlock()), forced, state, options);
        if (first != null) {
          return new ForceFailure.Finding(ForceFailure.Kind.RETRIED, handler, first);
        }
      }
      if (leaf instanceof TryTree attempt
          && FailureHandlers.isInBlock(state.getPath(), attempt)
          && leavesOnSuccess(attempt.getBlock())
          && isLoopBody(at.getParentPath())) {
        for (CatchTree handler : attempt.getCatches()) {
          if (catchesDeclared(handler, force, state) && mayGoRound(handler)) {
            return new ForceFailure.Finding(ForceFailure.Kind.RETRIED, handler, force);
          }
        }
      }
    }
    return null;
  }

  /**
   * The first force in {@code block} of the file {@code forced} identifies, outside lambdas and
   * classes.
   */
  static MethodInvocationTree forceIn(
      TreePath block, Object forced, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    TreePath found =
        Trees.firstCall(
            block,
            Trees.Reach.THIS_CODE_ONLY,
            call -> {
              Action action = analysis.forceOf(call);
              return action != null
                  && forced.equals(
                      forcedFile(TreePath.getPath(block, call), action, state, options));
            });
    return found == null ? null : (MethodInvocationTree) found.getLeaf();
  }

  /**
   * What identifies the file the force at {@code force} acts on ({@link FileIdentity}); null when
   * the force has no operand.
   */
  static Object forcedFile(
      TreePath force, Action action, VisitorState state, FsyncOptions options) {
    if (force == null || !(force.getLeaf() instanceof MethodInvocationTree call)) {
      return null;
    }
    ExpressionTree operand =
        action.operand() == Operand.EVERY_ARGUMENT
            ? (call.getArguments().isEmpty() ? null : call.getArguments().get(0))
            : action.operandIn(call);
    if (operand == null) {
      return null;
    }
    return FileIdentity.of(operand, force, state, options);
  }

  /** A try block that leaves the loop, or the method, once its force succeeded. */
  static boolean leavesOnSuccess(BlockTree block) {
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof BreakTree || statement instanceof ReturnTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * A handler after which the loop goes round again: it neither throws, returns nor breaks, and
   * hands the failure to no method but a reporting one (that method may rethrow it, or retry only
   * failures that are not of the force, such as an interrupt that closed the channel).
   */
  static boolean mayGoRound(CatchTree handler) {
    for (StatementTree statement : handler.getBlock().getStatements()) {
      if (statement instanceof ThrowTree
          || statement instanceof ReturnTree
          || statement instanceof BreakTree) {
        return false;
      }
    }
    Symbol failure = ASTHelpers.getSymbol(handler.getParameter());
    // A method given the failure may rethrow it; a constructor given it only wraps it.
    return !Trees.anyCall(
        handler.getBlock(),
        (call, arguments) ->
            call instanceof MethodInvocationTree invocation
                && !isReporting(invocation)
                && arguments.stream()
                    .anyMatch(
                        argument ->
                            argument instanceof IdentifierTree
                                && ASTHelpers.getSymbol(argument) == failure));
  }

  private static boolean isReporting(MethodInvocationTree call) {
    Symbol callee = ASTHelpers.getSymbol(call);
    return callee != null && KnownNames.REPORTING.contains(callee.getSimpleName().toString());
  }

  /** Whether {@code path}'s leaf is the body of a loop, directly or as the only block in it. */
  static boolean isLoopBody(TreePath path) {
    Tree leaf = path.getLeaf();
    if (leaf instanceof BlockTree && path.getParentPath() != null) {
      leaf = path.getParentPath().getLeaf();
    }
    return leaf instanceof WhileLoopTree
        || leaf instanceof DoWhileLoopTree
        || leaf instanceof ForLoopTree;
  }

  static boolean catchesDeclared(
      CatchTree handler, MethodInvocationTree force, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(force);
    return method != null && FailureHandlers.catches(handler, method, state);
  }
}
