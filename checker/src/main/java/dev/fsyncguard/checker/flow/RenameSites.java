package dev.fsyncguard.checker.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.dataflow.DataFlow;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.fsyncguard.checker.flow.FileApis.Rule;
import dev.fsyncguard.checker.flow.FileState.Level;

/** The entry point of the analysis for checks: which calls are renames, and their verdicts. */
public final class RenameSites {
  /** Set in our own test runs: an internal error fails the test instead of hiding as "no finding". */
  static final String FAIL_ON_ANALYSIS_ERROR = "dev.fsyncguard.failOnAnalysisError";

  private RenameSites() {}

  /** The rename rule {@code tree} matches, or null. Cheap: no dataflow. */
  static Rule renameRule(ExpressionTree tree, VisitorState state) {
    for (Rule rule : FileApis.rules()) {
      if (rule.effect() == Effect.RENAME && rule.matches(tree, state)) {
        return rule;
      }
    }
    return null;
  }

  public static boolean isRename(MethodInvocationTree tree, VisitorState state) {
    return renameRule(tree, state) != null;
  }

  /**
   * The state of the renamed file just before the rename at {@code state.getPath()}, or null when it
   * cannot be known. Never throws: an unexpected tree shape means no verdict.
   */
  public static FileState verdict(VisitorState state) {
    try {
      FileValue value =
          DataFlow.expressionDataflow(
              state.getPath(), state.context, FsyncTransfer.instance(state.context));
      return value == null ? null : value.verdict();
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(FAIL_ON_ANALYSIS_ERROR)) {
        throw e;
      }
      return null;
    }
  }

  /** The diagnostic for a rename whose source is still dirty. */
  public static String message(MethodInvocationTree tree, FileState verdict, VisitorState state) {
    Rule rule = renameRule(tree, state);
    String source = rule == null ? "the file" : "`" + operandSource(tree, rule.operand(), state) + "`";
    String target = rule == null ? "the target" : "`" + operandSource(tree, rule.target(), state) + "`";
    StringBuilder message = new StringBuilder(source).append(" is renamed before ");
    if (verdict.position() >= 0) {
      long line = state.getPath().getCompilationUnit().getLineMap().getLineNumber(verdict.position());
      message.append("the write on line ").append(line);
    } else {
      message.append("its last write");
    }
    message.append(
        verdict.level() == Level.BUFFERED
            ? " left its Java buffer, let alone reached the disk"
            : " was forced to disk");
    message.append(": after a power loss or kernel crash, ")
        .append(target)
        .append(" can be empty or partial, and its old content is gone. ");
    if (verdict.excused()) {
      message.append("The force is skipped when the durability switch is off. ");
    }
    message.append(
        verdict.level() == Level.BUFFERED
            ? "Flush or close the buffered stream, then force the file"
            : "Force the file (FileChannel.force)");
    message.append(" before the rename, or write it with DurableFiles.");
    return message.toString();
  }

  private static String operandSource(MethodInvocationTree tree, int operand, VisitorState state) {
    ExpressionTree expression =
        operand == FileApis.RECEIVER
            ? ASTHelpers.getReceiver(tree)
            : operand < tree.getArguments().size() ? tree.getArguments().get(operand) : null;
    String source = expression == null ? null : state.getSourceForNode(expression);
    return source == null ? "the file" : source;
  }
}
