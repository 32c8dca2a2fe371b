package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileValue;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.NeverThrow;

/**
 * Which calls are renames or copies, and what the analysis knows at them; {@link ReplaceProtocol}
 * turns that into the verdicts the checks and the audit read.
 */
public final class RenameSites {
  private RenameSites() {}

  /**
   * A call that publishes a file under another name, and what the analysis knows at it: a rename,
   * or a copy of a file written in the method onto another name. The verdict is null when the
   * analysis cannot tell.
   */
  public record Site(Action rename, RenameVerdict verdict) {
    /** True for a copy: the source stays, and only the atomicity of the replace is judged. */
    public boolean isCopy() {
      return rename.effect() == Effect.COPY;
    }
  }

  /**
   * The site at {@code state.getPath()}, or null when {@code tree} neither renames nor copies a
   * file written in the method onto another name.
   */
  static Site at(MethodInvocationTree tree, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    Action rename = renameOf(tree, analysis);
    if (rename != null) {
      return new Site(rename, verdict(state, analysis));
    }
    Action copy = NeverThrow.orNull(() -> analysis.tableCopy(tree, ASTHelpers.getSymbol(tree)));
    if (copy == null) {
      return null;
    }
    RenameVerdict copied = verdict(state, analysis);
    return copied != null && copied.copy() && copied.state().isWritten()
        ? new Site(copy, copied)
        : null;
  }

  /**
   * The rename {@code tree} performs (source and target operands), or null when it is not a rename:
   * the table's renames, methods annotated or summarised as renames. Never throws.
   */
  public static Action renameOf(MethodInvocationTree tree, FsyncAnalysis analysis) {
    return NeverThrow.orNull(() -> analysis.renameOf(tree));
  }

  /**
   * The state of the renamed file just before the rename at {@code state.getPath()}, or null when
   * it cannot be known. Never throws: an unexpected tree shape means no verdict.
   */
  public static RenameVerdict verdict(VisitorState state, FsyncAnalysis analysis) {
    return NeverThrow.orNull(
        () -> {
          FileValue value = analysis.valueAt(state.getPath());
          return value == null ? null : value.rename();
        });
  }
}
