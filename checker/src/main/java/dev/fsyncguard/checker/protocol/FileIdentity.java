package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileKey;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;

/**
 * What tells whether two expressions are of one file: the file the dataflow knows an expression by
 * (a stream, its channel and its descriptor are one file; a variable assigned another file is not
 * the same one), else the expression as written without spaces, where the dataflow knows none (a
 * field the method never assigns).
 */
final class FileIdentity {
  private FileIdentity() {}

  /** The identity of the file of {@code expression}, found under {@code within}; never null. */
  static Object of(
      ExpressionTree expression, TreePath within, VisitorState state, FsyncOptions options) {
    TreePath path = TreePath.getPath(within, expression);
    FileKey file = path == null ? null : FsyncAnalysis.instance(state, options).fileAt(path);
    if (file != null) {
      return file;
    }
    String text = state.getSourceForNode(expression);
    return text == null ? new Object() : text.replaceAll("\\s+", "");
  }
}
