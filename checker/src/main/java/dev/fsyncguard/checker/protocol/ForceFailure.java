package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.ForceNames;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.dataflow.FileStore;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;
import javax.lang.model.type.TypeKind;

/**
 * Whether a failed force fails the replace (step 5 of a crash-safe replace). After a failed fsync,
 * Linux may mark the unwritten pages clean: the data can be gone even if a later fsync succeeds. So
 * a force's failure must not be caught and swallowed (the handler only logs, ignores, or sets a
 * flag nothing reads) before the file is renamed or the method returns from a rename as if it were
 * durable; and a failed force must not be retried.
 */
public final class ForceFailure {
  /** How a force's failure is mishandled. */
  public enum Kind {
    /** Caught and swallowed, then the file is renamed or copied onto its target. */
    SWALLOWED_THEN_PUBLISHED,
    /**
     * The directory's force failed and was swallowed, and the method returns as if the rename were
     * durable; or, with no rename in the method, a {@code void} method returns as if the data it
     * wrote and failed to force were durable.
     */
    SWALLOWED_THEN_RETURNED,
    /** Forced again after its force failed. */
    RETRIED
  }

  /**
   * The verdict on a force.
   *
   * @param handler the catch that swallows the failure, or, for a retry, the one the retry is in;
   *     null when the force is a helper's that lets its own failure go
   * @param related the rename that publishes the file anyway, or, for a retry, the force that
   *     failed; null when a {@code void} method returns with the data it wrote unforced
   */
  public record Finding(Kind kind, CatchTree handler, Tree related) {}

  private ForceFailure() {}

  /**
   * What is wrong with the force at {@code state.getPath()}, or null when nothing is. Never throws.
   */
  public static Finding atForce(VisitorState state, FsyncOptions options) {
    return NeverThrow.orNull(() -> judge(state, options));
  }

  private static Finding judge(VisitorState state, FsyncOptions options) {
    MethodInvocationTree force = (MethodInvocationTree) state.getPath().getLeaf();
    MethodSymbol method = ASTHelpers.getSymbol(force);
    if (method == null) {
      return null;
    }
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    if (!FailureHandlers.mayBeHandled(state.getPath())) {
      // A helper of this build that forces and lets its own failure go needs no handler here. Only
      // a call given a file, of a method named to force (syncQuietly, fsync), is looked up: the
      // test spares every other call its callee's summary.
      return givesAFile(force, analysis)
              && analysis.intentOf(method) == ForceNames.Intent.FORCE
              && analysis.isSummarised(method)
          ? letGoInside(force, state, options)
          : null;
    }
    Action action = analysis.forceOf(force);
    if (action == null) {
      return null;
    }
    if (action.effect() == Effect.FORCE_FAILURE_LET_GO) {
      return letGoInside(force, state, options);
    }
    Finding retry = ForceRetries.retry(force, action, state, options);
    if (retry != null) {
      return retry;
    }
    TreePath catching = FailureHandlers.catchingHandler(state.getPath(), method, state);
    if (catching == null
        || !FailureHandlers.swallows((CatchTree) catching.getLeaf(), catching, state)) {
      return null;
    }
    CatchTree handler = (CatchTree) catching.getLeaf();
    int position = ASTHelpers.getStartPosition(force);
    TreePath code = Trees.enclosingCode(state.getPath());
    if (code == null) {
      return null;
    }
    MethodFacts facts = MethodFacts.of(code, state, options);
    for (MethodFacts.Site site : facts.sites()) {
      RenameVerdict verdict = site.verdict();
      if (verdict != null
          && verdict.state().level() == FileState.Level.FORCE_FAILED
          && verdict.state().position() == position
          && FailurePaths.reachedAfterFailure(code, force, site.call(), state.context)) {
        return new Finding(Kind.SWALLOWED_THEN_PUBLISHED, handler, site.call());
      }
    }
    FileStore exit = facts.exit();
    if (facts.sites().isEmpty()
        && exit != null
        && returnsNothing(code)
        && exit.hasFailedForceAt(position)
        && isDataForce(action)) {
      // A journal append: the data written here may be gone, and the caller, told nothing, takes
      // it as durable.
      return new Finding(Kind.SWALLOWED_THEN_RETURNED, handler, null);
    }
    {
      // The handler only reports the failure, so whatever the method returns claims success.
      for (MethodFacts.Site site : facts.sites()) {
        RenameVerdict verdict = site.verdict();
        if (exit != null && verdict != null && verdict.target() != null) {
          FileState directory = exit.state(verdict.target().directory());
          if (directory.level() == FileState.Level.FORCE_FAILED
              && directory.position() == position) {
            return new Finding(Kind.SWALLOWED_THEN_RETURNED, handler, site.call());
          }
        }
      }
    }
    return null;
  }

  private static boolean givesAFile(MethodInvocationTree call, FsyncAnalysis analysis) {
    for (ExpressionTree argument : call.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (type != null && analysis.isFileType(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call of a helper that forces and lets the force's failure go: reported when the file is then
   * published with that failure, as a force whose failure is let go right here.
   */
  private static Finding letGoInside(
      MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    Action action = FsyncAnalysis.instance(state, options).forceOf(call);
    TreePath code = Trees.enclosingCode(state.getPath());
    if (action == null || action.effect() != Effect.FORCE_FAILURE_LET_GO || code == null) {
      return null;
    }
    int position = ASTHelpers.getStartPosition(call);
    for (MethodFacts.Site site : MethodFacts.of(code, state, options).sites()) {
      RenameVerdict verdict = site.verdict();
      if (verdict != null
          && verdict.state().level() == FileState.Level.FORCE_FAILED
          && verdict.state().position() == position) {
        return new Finding(Kind.SWALLOWED_THEN_PUBLISHED, null, site.call());
      }
    }
    return null;
  }

  /**
   * At a rename or copy site, as a step verdict: the force whose failure, let go, this site
   * publishes, or whose retry it follows, as the check reports it (at that force or retry); for a
   * JDK rename, also the force of its directory whose failure is let go before the method returns.
   * Never throws.
   */
  static StepVerdict atSite(RenameSites.Site site, VisitorState state, FsyncOptions options) {
    StepVerdict found = NeverThrow.orNull(() -> judgeSite(site, state, options));
    return found != null ? found : StepVerdict.unknown("not analysed");
  }

  private static StepVerdict judgeSite(
      RenameSites.Site site, VisitorState state, FsyncOptions options) {
    RenameVerdict verdict = site.verdict();
    if (verdict == null) {
      return StepVerdict.unknown("not analysed");
    }
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    TreePath code = Trees.enclosingCode(state.getPath());
    FileState source = verdict.state();
    if (source.level() == FileState.Level.FORCE_FAILED && code != null) {
      StepVerdict reported = reportedForce(source.position(), code, state, options, "the data");
      if (reported != null) {
        return reported;
      }
    }
    if (!site.isCopy() && verdict.target() != null && code != null) {
      FileStore exit = analysis.exitStoreAt(state.getPath());
      FileState directory = exit == null ? null : exit.state(verdict.target().directory());
      if (directory != null && directory.level() == FileState.Level.FORCE_FAILED) {
        StepVerdict reported =
            reportedForce(directory.position(), code, state, options, "the directory");
        if (reported != null) {
          return reported;
        }
      }
    }
    if (source.level() == FileState.Level.FORCE_FAILED) {
      return StepVerdict.notApplicable(
          "a failed force is handled by code the check does not follow");
    }
    return source.level() == FileState.Level.FORCED
        ? StepVerdict.pass("forced, failures not let go")
        : StepVerdict.notApplicable(source.isWritten() ? "not forced" : "not written here");
  }

  /**
   * The failure the check reports for the force at {@code position}: the force itself when its
   * failure is let go, or the retry in its handler.
   */
  private static StepVerdict reportedForce(
      int position, TreePath code, VisitorState state, FsyncOptions options, String what) {
    TreePath force = forceAt(position, code, state, options);
    if (force == null) {
      return null;
    }
    VisitorState atForce = state.withPath(force);
    Finding finding = judge(atForce, options);
    if (finding != null) {
      return StepVerdict.fail("a failed force of " + what + " is let go", position);
    }
    // Not let go, but perhaps retried in its handler: the check reports the retry.
    MethodInvocationTree call = (MethodInvocationTree) force.getLeaf();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    Action action = FsyncAnalysis.instance(state, options).forceOf(call);
    TreePath handler =
        method == null ? null : FailureHandlers.catchingHandler(force, method, state);
    Object forced = action == null ? null : ForceRetries.forcedFile(force, action, state, options);
    if (handler != null && forced != null) {
      MethodInvocationTree retry =
          ForceRetries.forceIn(
              new TreePath(handler, ((CatchTree) handler.getLeaf()).getBlock()),
              forced,
              state,
              options);
      if (retry != null) {
        return StepVerdict.fail("a failed force is retried", ASTHelpers.getStartPosition(retry));
      }
    }
    return null;
  }

  /** The force call starting at {@code position} in {@code code}, outside lambdas and classes. */
  private static TreePath forceAt(
      int position, TreePath code, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    return Trees.firstCall(
        code,
        Trees.Reach.NOT_INTO_CLASSES,
        call -> ASTHelpers.getStartPosition(call) == position && analysis.forceOf(call) != null);
  }

  /** Whether {@code code} is a method that returns {@code void} (a lambda's result is unknown). */
  private static boolean returnsNothing(TreePath code) {
    if (!(code.getLeaf() instanceof MethodTree method)) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && symbol.getReturnType().getKind() == TypeKind.VOID;
  }

  private static boolean isDataForce(Action action) {
    return action.effect() == Effect.FORCE;
  }
}
