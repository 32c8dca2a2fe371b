package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.fsyncguard.checker.api.CopyOptions;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.protocol.AtomicReplace;
import dev.fsyncguard.checker.util.Trees;
import java.util.List;
import java.util.Optional;

/**
 * Fixes for {@code NonAtomicReplace}: add {@code ATOMIC_MOVE} to a {@code Files.move}, and drop the
 * delete of the target before it. A copy over the target, a fallback and {@code File.renameTo} get
 * no fix: each needs a decision only the author can make.
 */
final class AtomicReplaceFixes {
  private static final String STANDARD_COPY_OPTION = "java.nio.file.StandardCopyOption";

  private AtomicReplaceFixes() {}

  /**
   * The edit that makes the replace at {@code tree} atomic. With {@code callReplaced}, another edit
   * replaces the call by an atomic rename: only the delete before it is left to drop.
   */
  static Optional<Edit> fix(
      MethodInvocationTree tree,
      AtomicReplace.Finding finding,
      boolean callReplaced,
      VisitorState state) {
    if (!FileApis.FILES_MOVE.matches(tree, state) && !callReplaced) {
      return Optional.empty();
    }
    CopyOptions options = CopyOptions.of(tree);
    if (!callReplaced && !options.known()) {
      return Optional.empty();
    }
    switch (finding.kind()) {
      case REPLACE_WITHOUT_ATOMIC_MOVE:
        if (callReplaced) {
          return Optional.of(new Edit(SuggestedFix.builder().build(), "rename atomically"));
        }
        SuggestedFix.Builder fix = SuggestedFix.builder();
        addAtomicMove(tree, options, fix, state);
        return Optional.of(new Edit(fix.build(), "add ATOMIC_MOVE"));
      case DELETE_BEFORE_RENAME:
        Tree delete = removableDelete(finding.verdict().position(), state);
        if (delete == null) {
          return Optional.empty();
        }
        SuggestedFix.Builder drop = SuggestedFix.builder();
        RenameFixes.deleteLines(drop, delete, state);
        String summary = "drop the delete on line " + line(delete, state);
        if (!callReplaced && !options.atomicMove()) {
          addAtomicMove(tree, options, drop, state);
          summary += " and add ATOMIC_MOVE";
        }
        return Optional.of(new Edit(drop.build(), summary, List.of(delete)));
      default:
        return Optional.empty();
    }
  }

  /** Adds ATOMIC_MOVE after the last argument, spelled as REPLACE_EXISTING is if it is there. */
  private static void addAtomicMove(
      MethodInvocationTree tree,
      CopyOptions options,
      SuggestedFix.Builder fix,
      VisitorState state) {
    String atomic;
    if (options.replaceArgument() instanceof IdentifierTree) {
      fix.addStaticImport(STANDARD_COPY_OPTION + ".ATOMIC_MOVE");
      atomic = "ATOMIC_MOVE";
    } else {
      atomic = SuggestedFixes.qualifyType(state, fix, STANDARD_COPY_OPTION) + ".ATOMIC_MOVE";
    }
    List<? extends ExpressionTree> arguments = tree.getArguments();
    fix.postfixWith(arguments.get(arguments.size() - 1), ", " + atomic);
  }

  /**
   * The statement holding the delete at {@code position} when it can go without changing anything
   * else: a statement of its own, or the only one of an {@code if (exists)}, in the block that
   * holds the rename, before it. Else null.
   */
  private static Tree removableDelete(int position, VisitorState state) {
    TreePath method = state.findPathToEnclosing(MethodTree.class);
    if (method == null || position < 0) {
      return null;
    }
    TreePath found =
        Trees.firstCall(
            method, Trees.Reach.EVERYWHERE, call -> ASTHelpers.getStartPosition(call) == position);
    if (found == null || !(found.getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    TreePath statement = found.getParentPath();
    TreePath parent = statement.getParentPath();
    if (parent.getLeaf() instanceof BlockTree inner
        && inner.getStatements().size() == 1
        && parent.getParentPath().getLeaf() instanceof IfTree) {
      parent = parent.getParentPath();
    }
    if (parent.getLeaf() instanceof IfTree guard) {
      if (guard.getElseStatement() != null || !isExistenceTest(guard.getCondition(), state)) {
        return null;
      }
      statement = parent;
      parent = parent.getParentPath();
    }
    if (!(parent.getLeaf() instanceof BlockTree block)) {
      return null;
    }
    // The rename must come later in the same block.
    int index = block.getStatements().indexOf((StatementTree) statement.getLeaf());
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getParentPath().getLeaf() == block) {
        int renameIndex = block.getStatements().indexOf((StatementTree) at.getLeaf());
        return index >= 0 && renameIndex > index ? statement.getLeaf() : null;
      }
    }
    return null;
  }

  private static boolean isExistenceTest(ExpressionTree condition, VisitorState state) {
    ExpressionTree test = ASTHelpers.stripParentheses(condition);
    return test instanceof MethodInvocationTree call && FileApis.EXISTS_TEST.matches(call, state);
  }

  private static long line(Tree tree, VisitorState state) {
    return state
        .getPath()
        .getCompilationUnit()
        .getLineMap()
        .getLineNumber(ASTHelpers.getStartPosition(tree));
  }
}
