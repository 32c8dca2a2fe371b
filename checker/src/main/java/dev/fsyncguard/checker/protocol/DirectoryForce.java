package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileKey;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.dataflow.FileStore;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;

/**
 * Whether the directory holding a rename's target is forced after the rename (step 4 of a
 * crash-safe replace), on every path on which the method then returns normally. Judged only where
 * step 2 holds: a JDK rename ({@code Files.move}, {@code File.renameTo}) of a file written and
 * forced in the method. Where several renames into one directory precede its force, the last is
 * judged: one force after it covers them all.
 */
public final class DirectoryForce {
  private DirectoryForce() {}

  /** The finding at {@code site}, the call at {@code state.getPath()}. Never throws. */
  static StepVerdict of(RenameSites.Site site, VisitorState state, FsyncOptions options) {
    StepVerdict found =
        NeverThrow.orNull(
            () -> judge(site, (MethodInvocationTree) state.getPath().getLeaf(), state, options));
    return found != null ? found : StepVerdict.unknown("not analysed");
  }

  private static StepVerdict judge(
      RenameSites.Site site, MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    if (site.isCopy()) {
      return notApplicable("a copy");
    }
    if (!FileApis.FILES_MOVE.matches(call, state) && !FileApis.RENAME_TO.matches(call, state)) {
      return notApplicable("a helper's rename");
    }
    RenameVerdict verdict = site.verdict();
    if (verdict == null || verdict.target() == null) {
      return StepVerdict.unknown("not analysed");
    }
    FileState source = verdict.state();
    if (!source.isSavedHere()) {
      return notApplicable("not written here");
    }
    if (source.level() == FileState.Level.FORCE_FAILED) {
      return notApplicable("its data's force failed");
    }
    if (source.level() != FileState.Level.FORCED) {
      return notApplicable("its data is not forced");
    }
    FileStore exit = exitStore(state, options);
    if (exit == null) {
      return notApplicable("never returns normally");
    }
    FileKey directory = verdict.target().directory();
    FileState after = exit.state(directory);
    int position = ASTHelpers.getStartPosition(call);
    if (after.level() == FileState.Level.FORCE_FAILED) {
      return notApplicable("its force's failure is ignored");
    }
    if (after.level() != FileState.Level.DIRECTORY_PENDING) {
      return StepVerdict.pass("directory forced");
    }
    if (after.position() != position && judgedAt(after.position(), state)) {
      return notApplicable("judged at a later rename into the directory");
    }
    if (after.excused() && !options.strict()) {
      return notApplicable("left to a durability switch");
    }
    return StepVerdict.fail("directory not forced after the rename", position);
  }

  /**
   * Whether the target's directory is left unforced after a rename into it on some path to the
   * method's normal return (this rename's or another's: joins keep only the latest), and no
   * durability switch excuses it: what step 4 would say at one of them once the data is forced.
   * Null when it cannot be told.
   */
  static Boolean pendingAfter(RenameSites.Site site, VisitorState state, FsyncOptions options) {
    MethodInvocationTree call = (MethodInvocationTree) state.getPath().getLeaf();
    RenameVerdict verdict = site.verdict();
    if (site.isCopy()
        || verdict == null
        || verdict.target() == null
        || !(FileApis.FILES_MOVE.matches(call, state) || FileApis.RENAME_TO.matches(call, state))) {
      return null;
    }
    FileStore exit = exitStore(state, options);
    FileState after = exit == null ? null : exit.state(verdict.target().directory());
    return after != null
        && after.level() == FileState.Level.DIRECTORY_PENDING
        && !(after.excused() && !options.strict());
  }

  /**
   * Where the directory step is judged: the regular exit of the code around the rename; for a
   * rename in a lambda that a call such as {@code forEach} runs before it returns, the exit of the
   * code around that call, which sees the renames of every run and the one directory force after
   * them.
   */
  private static FileStore exitStore(VisitorState state, FsyncOptions options) {
    TreePath at = state.getPath();
    for (TreePath code = Trees.enclosingCode(at);
        code != null
            && code.getLeaf() instanceof LambdaExpressionTree
            && code.getParentPath().getLeaf() instanceof MethodInvocationTree call
            && FileApis.runsArgumentsBeforeReturning(call, ASTHelpers.getSymbol(call), state);
        code = Trees.enclosingCode(code.getParentPath())) {
      at = code.getParentPath();
    }
    return FsyncAnalysis.instance(state, options).exitStoreAt(at);
  }

  /**
   * Whether the rename at {@code position}, in the same code, is judged on this step: one the JDK
   * makes. A helper's (Hadoop's {@code NativeIO.renameTo} as a fallback) is not, so the JDK rename
   * before it answers for the directory.
   */
  private static boolean judgedAt(int position, VisitorState state) {
    TreePath code = Trees.enclosingMethodOrClass(state.getPath());
    TreePath call = code == null ? null : Trees.callAt(code, position);
    return call == null
        || !(call.getLeaf() instanceof MethodInvocationTree rename)
        || FileApis.FILES_MOVE.matches(rename, state)
        || FileApis.RENAME_TO.matches(rename, state);
  }

  private static StepVerdict notApplicable(String why) {
    return StepVerdict.notApplicable(why);
  }
}
