package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.CopyOptions;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;

/**
 * Whether a site replaces its target in one step (step 3 of a crash-safe replace). A replace is not
 * atomic when {@code Files.move} gets {@code REPLACE_EXISTING} without {@code ATOMIC_MOVE} (the JDK
 * deletes the target, then renames), when the target is deleted before the rename, when the file is
 * copied over the target, and when a failed atomic move falls back to one of these.
 */
public final class AtomicReplace {
  private static final String ATOMIC_MOVE_NOT_SUPPORTED =
      "java.nio.file.AtomicMoveNotSupportedException";

  /** How a replace fails to be atomic. */
  public enum Kind {
    /** {@code Files.move(tmp, target, REPLACE_EXISTING)} without {@code ATOMIC_MOVE}. */
    REPLACE_WITHOUT_ATOMIC_MOVE,
    /** The target is deleted, then the file is renamed onto it. */
    DELETE_BEFORE_RENAME,
    /** {@code Files.copy(tmp, target, REPLACE_EXISTING)} publishes the file. */
    COPY_OVER_TARGET,
    /** A handler of {@code AtomicMoveNotSupportedException} replaces the target non-atomically. */
    NON_ATOMIC_FALLBACK,
    /**
     * A rename helper of the build deletes the target before its rename, or falls back to a move
     * without {@code ATOMIC_MOVE}, on some path.
     */
    TWO_STEP_HELPER
  }

  /**
   * The verdict on the site's atomicity.
   *
   * @param kind for a failed step, how the replace is not atomic; otherwise null
   */
  public record Finding(StepVerdict verdict, Kind kind) {}

  private AtomicReplace() {}

  /** The finding at {@code site}, the call at {@code state.getPath()}. Never throws. */
  static Finding of(RenameSites.Site site, VisitorState state, FsyncOptions options) {
    Finding found =
        NeverThrow.orNull(
            () -> judge(site, (MethodInvocationTree) state.getPath().getLeaf(), state, options));
    return found != null ? found : new Finding(StepVerdict.unknown("not analysed"), null);
  }

  private static Finding judge(
      RenameSites.Site site, MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    RenameVerdict verdict = site.verdict();
    if (verdict == null) {
      return new Finding(StepVerdict.unknown("not analysed"), null);
    }
    boolean move = FileApis.FILES_MOVE.matches(call, state);
    CopyOptions copyOptions = move || site.isCopy() ? CopyOptions.of(call) : null;
    boolean replacesNonAtomically =
        verdict.targetDeleted()
            || (copyOptions != null
                && copyOptions.known()
                && copyOptions.replaceExisting()
                && !copyOptions.atomicMove());
    if (replacesNonAtomically) {
      TreePath attempt = atomicAttempt(call, state, options);
      RenameVerdict attempted =
          attempt == null
              ? null
              : RenameSites.verdict(
                  state.withPath(attempt), FsyncAnalysis.instance(state, options));
      if (attempted != null && attempted.state().isSavedHere()) {
        MethodInvocationTree atomic = (MethodInvocationTree) attempt.getLeaf();
        return failed(Kind.NON_ATOMIC_FALLBACK, "falls back to a non-atomic replace", atomic);
      }
    }
    if (!verdict.state().isSavedHere()) {
      return new Finding(StepVerdict.notApplicable("not written here"), null);
    }
    if (verdict.targetDeleted()) {
      return new Finding(
          StepVerdict.fail("target deleted first", verdict.targetState().position()),
          Kind.DELETE_BEFORE_RENAME);
    }
    if (copyOptions != null && !copyOptions.known()) {
      return new Finding(StepVerdict.unknown("copy options not spelled out"), null);
    }
    if (site.isCopy()) {
      return copyOptions.replaceExisting()
          ? failed(Kind.COPY_OVER_TARGET, "copied over the target", call)
          : new Finding(StepVerdict.notApplicable("a copy that replaces nothing"), null);
    }
    if (move) {
      if (copyOptions.atomicMove()) {
        return new Finding(StepVerdict.pass("ATOMIC_MOVE"), null);
      }
      return copyOptions.replaceExisting()
          ? failed(Kind.REPLACE_WITHOUT_ATOMIC_MOVE, "REPLACE_EXISTING without ATOMIC_MOVE", call)
          : new Finding(StepVerdict.pass("fails on an existing target"), null);
    }
    if (FileApis.RENAME_TO.matches(call, state)) {
      return new Finding(StepVerdict.pass("rename(2)"), null);
    }
    if (FsyncAnalysis.instance(state, options).replacesInTwoSteps(call)) {
      return failed(Kind.TWO_STEP_HELPER, "the helper replaces the target in two steps", call);
    }
    return new Finding(StepVerdict.notApplicable("a helper's rename"), null);
  }

  private static Finding failed(Kind kind, String detail, MethodInvocationTree at) {
    return new Finding(StepVerdict.fail(detail, ASTHelpers.getStartPosition(at)), kind);
  }

  /**
   * The atomic {@code Files.move} of the same source onto the same target in the {@code try} whose
   * handler, catching {@code AtomicMoveNotSupportedException}, holds {@code call}; else null.
   */
  private static TreePath atomicAttempt(
      MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    Type notSupported = state.getTypeFromString(ATOMIC_MOVE_NOT_SUPPORTED);
    if (notSupported == null || call.getArguments().size() < 2) {
      return null;
    }
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof CatchTree handler
          && at.getParentPath().getLeaf() instanceof TryTree attempt
          && Trees.catches(handler, notSupported, state.getTypes())) {
        TreePath found =
            atomicMoveIn(
                new TreePath(at.getParentPath(), attempt.getBlock()), call, state, options);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static TreePath atomicMoveIn(
      TreePath block, MethodInvocationTree fallback, VisitorState state, FsyncOptions options) {
    TreePath at = state.getPath();
    Object source = FileIdentity.of(fallback.getArguments().get(0), at, state, options);
    Object target = FileIdentity.of(fallback.getArguments().get(1), at, state, options);
    return Trees.firstCall(
        block,
        Trees.Reach.THIS_CODE_ONLY,
        tree ->
            FileApis.FILES_MOVE.matches(tree, state)
                && tree.getArguments().size() >= 2
                && CopyOptions.of(tree).atomicMove()
                && source.equals(FileIdentity.of(tree.getArguments().get(0), block, state, options))
                && target.equals(
                    FileIdentity.of(tree.getArguments().get(1), block, state, options)));
  }
}
