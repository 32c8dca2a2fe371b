package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.PerOptions;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The facade of the analysis for the checks and the audit: at a call that renames or copies a file
 * onto a name, the verdict on every step of a crash-safe replace, computed once per site.
 */
public final class ReplaceProtocol {
  /** The verdicts at each rename or copy site met, per compilation and options. */
  private static final PerOptions<FsyncOptions, Map<Tree, SiteVerdicts>> KEPT =
      new PerOptions<>((context, options) -> new IdentityHashMap<>());

  private ReplaceProtocol() {}

  /**
   * The verdicts at {@code tree}, the call at {@code state.getPath()}, or null when it neither
   * renames nor copies a file written in the method onto another name. Never throws.
   */
  public static SiteVerdicts at(
      MethodInvocationTree tree, VisitorState state, FsyncOptions options) {
    Map<Tree, SiteVerdicts> kept = KEPT.get(state.context, options);
    // Every check asks at the same call: the first computes, the others read. Only sites are kept:
    // telling that a call is none costs a look-up by name, and a build has far more calls than
    // sites.
    SiteVerdicts verdicts = kept.get(tree);
    if (verdicts == null) {
      verdicts = NeverThrow.orNull(() -> judge(tree, state, options));
      if (verdicts != null) {
        kept.put(tree, verdicts);
      }
    }
    return verdicts;
  }

  private static SiteVerdicts judge(
      MethodInvocationTree tree, VisitorState state, FsyncOptions options) {
    RenameSites.Site site = RenameSites.at(tree, state, options);
    if (site == null) {
      return null;
    }
    Map<ReplaceStep, StepVerdict> steps = new EnumMap<>(ReplaceStep.class);
    TempLocation.Finding temp = TempLocation.of(site, state);
    AtomicReplace.Finding atomic = AtomicReplace.of(site, state, options);
    steps.put(ReplaceStep.TEMP_LOCATION, temp.verdict());
    steps.put(ReplaceStep.FORCE, ForceStep.of(site, options));
    steps.put(ReplaceStep.ATOMIC, atomic.verdict());
    steps.put(ReplaceStep.DIRECTORY_FORCE, DirectoryForce.of(site, state, options));
    steps.put(ReplaceStep.FORCE_FAILURE, ForceFailure.atSite(site, state, options));
    Boolean pending = NeverThrow.orNull(() -> DirectoryForce.pendingAfter(site, state, options));
    return new SiteVerdicts(
        site, steps, atomic, temp, Boolean.TRUE.equals(pending), span(site, state, options));
  }

  private static SiteVerdicts.Span span(
      RenameSites.Site site, VisitorState state, FsyncOptions options) {
    if (site.verdict() == null) {
      return null;
    }
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    MethodSymbol opener = analysis.openerOf(state.getPath(), site.verdict().source());
    MethodTree committer = state.findEnclosing(MethodTree.class);
    return opener == null || committer == null
        ? null
        : new SiteVerdicts.Span(
            written(opener),
            written(ASTHelpers.getSymbol(committer)),
            analysis.isFileType(opener.getReturnType()));
  }

  /** {@code method} as a reader finds it in the source: {@code close()}, {@code Foo(File)}. */
  private static String written(MethodSymbol method) {
    String name =
        method.isConstructor()
            ? method.owner.getSimpleName().toString()
            : method.getSimpleName().toString();
    StringBuilder out = new StringBuilder(name).append('(');
    for (var parameter : method.getParameters()) {
      out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ")
          .append(parameter.asType().tsym.getSimpleName());
    }
    return out.append(')').toString();
  }
}
