package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import dev.fsyncguard.checker.api.CopyOptions;
import dev.fsyncguard.checker.api.FileApis;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;

/**
 * Shapes of a summarised helper's body that its callers must know beyond what it does to each file:
 * a replace made in two steps, and a force whose failure the helper tells by its result.
 */
final class HelperShapes {
  private HelperShapes() {}

  /**
   * Whether the rename or copy at {@code node} replaces its target in two steps: the target was
   * deleted before it, or it is a move or copy with {@code REPLACE_EXISTING} and no {@code
   * ATOMIC_MOVE}.
   */
  static boolean replacesInTwoSteps(Node node, RenameVerdict rename, VisitorState state) {
    if (rename.targetDeleted()) {
      return true;
    }
    if (!(node.getTree() instanceof MethodInvocationTree call)
        || !(FileApis.FILES_MOVE.matches(call, state)
            || FileApis.FILES_COPY.matches(call, state))) {
      return false;
    }
    CopyOptions options = CopyOptions.of(call);
    return options.known() && options.replaceExisting() && !options.atomicMove();
  }

  /**
   * Whether a {@code boolean} method tells its callers by its result whether its force of {@code
   * file} held ({@code androidx}'s {@code sync(stream)}): every {@code return true} has the file
   * forced, every {@code return false} has its force failed, and there is one of each. To its
   * callers, its force's failure is then let go unless they act on a {@code false}.
   */
  static boolean reportsForceByResult(
      ControlFlowGraph cfg,
      ForwardAnalysisImpl<FileValue, FileStore, FsyncTransfer> flow,
      FileKey file) {
    boolean succeeds = false;
    boolean fails = false;
    // Each return node in the graph, with the store it is reached with (the API that lists them
    // with their stores changed its types across the Error Prone releases we support).
    for (Node node : cfg.getAllNodes()) {
      if (!(node instanceof ReturnNode returned)) {
        continue;
      }
      Object result =
          returned.getTree() == null || returned.getTree().getExpression() == null
              ? null
              : ASTHelpers.constValue(returned.getTree().getExpression());
      FileStore before = flow.getResult().getStoreBefore(returned);
      if (!(result instanceof Boolean held) || before == null) {
        return false;
      }
      FileState.Level level = before.state(file).level();
      if (held && level == FileState.Level.FORCED) {
        succeeds = true;
      } else if (!held && level == FileState.Level.FORCE_FAILED) {
        fails = true;
      } else {
        return false;
      }
    }
    return succeeds && fails;
  }
}
