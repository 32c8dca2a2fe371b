package dev.fsyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import dev.fsyncguard.checker.flow.RenameSites;
import java.util.List;
import java.util.Optional;

/**
 * The fix for {@link RenameWithoutDirectoryFsync}: {@code DurableFiles.forceDirectory} of the
 * target's directory right after the rename's statement. Only with the durable utility on the class
 * path: the JDK's way, opening the directory and forcing the channel, throws on Windows, and a fix
 * that makes every save fail there is worse than none.
 */
final class DirectoryForceFixes {
  private DirectoryForceFixes() {}

  static Optional<RenameFixes.Proposal> fix(
      MethodInvocationTree tree, RenameSites.Site site, VisitorState state) {
    ExpressionTree target = site.rename().targetIn(tree);
    TreePath statement = RenameFixes.enclosingStatement(state.getPath());
    Type ioException = state.getTypeFromString("java.io.IOException");
    if (target == null
        || statement == null
        || ioException == null
        || !RenameFixes.isRepeatable(target)
        || JavacElements.instance(state.context).getTypeElement(RenameFixes.DURABLE_FILES) == null
        || !continuesAfter(statement)
        || !CheckedExceptions.isHandled(statement, ioException, state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String path = RenameFixes.asPath(target, fix, state);
    if (path == null) {
      return Optional.empty();
    }
    String directory = path + ".toAbsolutePath().getParent()";
    String call =
        SuggestedFixes.qualifyType(state, fix, RenameFixes.DURABLE_FILES)
            + ".forceDirectory("
            + directory
            + ");";
    fix.postfixWith(statement.getLeaf(), Indentation.of(statement, state).after(List.of(call)));
    return Optional.of(
        new RenameFixes.Proposal(
            fix.build(),
            "Fix: force `" + directory + "` with DurableFiles.forceDirectory after the rename."));
  }

  /** Statements after which the code that follows runs once the rename succeeded. */
  private static boolean continuesAfter(TreePath statement) {
    return statement.getLeaf() instanceof ExpressionStatementTree
        || statement.getLeaf() instanceof IfTree
        || statement.getLeaf() instanceof VariableTree;
  }
}
