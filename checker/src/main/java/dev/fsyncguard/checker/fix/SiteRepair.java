package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.protocol.AtomicReplace;
import dev.fsyncguard.checker.protocol.ForceFailure;
import dev.fsyncguard.checker.protocol.ReplaceProtocol;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import dev.fsyncguard.checker.protocol.StepVerdict;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one repair of a rename or copy site: every failing step that can be repaired, in one fix that
 * every check reporting the site attaches. Patch mode with any set of the checks then writes the
 * same code, and no two edits at one call collide. A repair that forces the data also forces the
 * directory where step 4 would then fail, so that no step starts failing after it.
 */
public final class SiteRepair {
  private static final Context.Key<Map<Tree, Optional<Repair>>> REPAIRS = new Context.Key<>();
  private static final Context.Key<Map<Tree, Optional<RepairPlan.Draft>>> DRAFTS =
      new Context.Key<>();

  /**
   * A site's repair: the fix, and the sentence that says what it does and what it leaves to the
   * author (build logs show one line of a fix).
   */
  public record Repair(SuggestedFix fix, String summary) {}

  private SiteRepair() {}

  /** The repair of the site at {@code state.getPath()}, computed once however many checks ask. */
  public static Optional<Repair> of(SiteVerdicts site, VisitorState state, FsyncOptions options) {
    return cached(REPAIRS, state, () -> withImports(site, state, options));
  }

  /**
   * The repair of the site that {@code related} (a rename or copy in the method around the force at
   * {@code state.getPath()}) is, for {@code FsyncFailureIgnored}, which reports at the force.
   */
  public static Optional<Repair> ofRelated(Tree related, VisitorState state, FsyncOptions options) {
    TreePath site = related == null ? null : callAt(ASTHelpers.getStartPosition(related), state);
    if (!(related instanceof MethodInvocationTree call) || site == null) {
      return Optional.empty();
    }
    VisitorState atSite = state.withPath(site);
    SiteVerdicts verdicts = ReplaceProtocol.at(call, atSite, options);
    return verdicts == null ? Optional.empty() : of(verdicts, atSite, options);
  }

  /** The draft with the imports it leaves unused removed ({@link SharedImports}). */
  private static Optional<Repair> withImports(
      SiteVerdicts site, VisitorState state, FsyncOptions options) {
    Optional<RepairPlan.Draft> draft = draft(site, state, options);
    if (draft.isEmpty() || draft.get().deleted().isEmpty()) {
      return draft.map(d -> new Repair(d.fix(), d.summary()));
    }
    SuggestedFix.Builder fix = SuggestedFix.builder().merge(draft.get().fix());
    SharedImports.remove(
        fix,
        site,
        draft.get().deleted(),
        state,
        (other, at) -> draft(other, at, options),
        (call, at) -> ReplaceProtocol.at(call, at, options));
    return Optional.of(new Repair(fix.build(), draft.get().summary()));
  }

  private static Optional<RepairPlan.Draft> draft(
      SiteVerdicts site, VisitorState state, FsyncOptions options) {
    return cached(
        DRAFTS,
        state,
        () -> compute(site, (MethodInvocationTree) state.getPath().getLeaf(), state, options));
  }

  /** The value for the call at {@code state.getPath()}, computed once; empty when that throws. */
  private static <T> Optional<T> cached(
      Context.Key<Map<Tree, Optional<T>>> key,
      VisitorState state,
      java.util.function.Supplier<Optional<T>> work) {
    Map<Tree, Optional<T>> cache = state.context.get(key);
    if (cache == null) {
      cache = new IdentityHashMap<>();
      state.context.put(key, cache);
    }
    Tree call = state.getPath().getLeaf();
    Optional<T> value = cache.get(call);
    if (value == null) {
      Optional<T> computed = NeverThrow.orNull(work);
      value = computed == null ? Optional.empty() : computed;
      cache.put(call, value);
    }
    return value;
  }

  private static Optional<RepairPlan.Draft> compute(
      SiteVerdicts site, MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    RepairPlan plan = new RepairPlan();
    boolean durable = RenameFixes.durableOnClassPath(state);
    boolean forceFails = site.fails(ReplaceStep.FORCE);
    boolean failureRepaired =
        site.fails(ReplaceStep.FORCE_FAILURE)
            && plan.add(
                rethrow(site, state, options),
                ReplaceStep.FORCE_FAILURE,
                "let the failed force fail the save, never retry it");
    boolean fallback = AtomicMoveFallbacks.involves(site, state);
    AtomicReplace.Kind nonAtomic = site.fails(ReplaceStep.ATOMIC) ? site.atomic().kind() : null;
    boolean atomicByEdit =
        nonAtomic == AtomicReplace.Kind.REPLACE_WITHOUT_ATOMIC_MOVE
            || nonAtomic == AtomicReplace.Kind.DELETE_BEFORE_RENAME;
    boolean directory =
        site.directoryPendingAfter()
            && (site.fails(ReplaceStep.DIRECTORY_FORCE) || forceFails || failureRepaired);
    ExpressionTree source = site.site().rename().operandIn(call);
    ExpressionTree target = site.site().rename().targetIn(call);
    TreePath statement = statementOf(site, state);

    // The whole replace in one call of the utility, where the shape allows. Where the data is
    // forced already, a line for each step that fails changes less.
    Optional<Edit> whole = Optional.empty();
    boolean oneWrite = false;
    if (durable && !fallback && forceFails) {
      whole = DurableRewrites.oneWrite(call, state);
      oneWrite = whole.isPresent();
      if (!oneWrite) {
        whole = DurableRewrites.rename(call, site.site().verdict(), state);
      }
    }
    if (whole.isPresent()) {
      plan.add(whole, ReplaceStep.FORCE, null);
      if (directory) {
        // The utility forces this rename's directory; a path through another rename into it still
        // needs one.
        addDirectoryForces(plan, site, durable, state, options, false);
      }
      if (nonAtomic == AtomicReplace.Kind.DELETE_BEFORE_RENAME) {
        plan.add(
            AtomicReplaceFixes.fix(call, site.atomic(), true, state),
            ReplaceStep.ATOMIC,
            "drop the delete of the target");
      }
    } else {
      if (forceFails) {
        plan.add(
            RenameFixes.force(call, source, site.site().verdict(), durable, statement, state),
            ReplaceStep.FORCE,
            "force " + quoted(source, state) + " before the rename");
      }
      if (atomicByEdit) {
        plan.add(
            AtomicReplaceFixes.fix(call, site.atomic(), false, state),
            ReplaceStep.ATOMIC,
            "replace the target atomically");
      }
      if (directory) {
        addDirectoryForces(plan, site, durable, state, options, true);
      }
    }
    if (nonAtomic != null && !atomicByEdit) {
      plan.leave(
          ReplaceStep.ATOMIC,
          nonAtomic == AtomicReplace.Kind.NON_ATOMIC_FALLBACK
              ? "let the failed atomic move fail the save instead of falling back"
              : nonAtomic == AtomicReplace.Kind.TWO_STEP_HELPER
                  ? "rename atomically instead of through the helper"
                  : "rename the file onto its target instead of copying over it");
    }
    if (site.fails(ReplaceStep.TEMP_LOCATION) && !oneWrite) {
      plan.add(
          TempLocationFixes.fix(call, site.site(), site.temp(), state),
          ReplaceStep.TEMP_LOCATION,
          "create the temp file in the target's directory");
    }
    return plan.draft();
  }

  /**
   * The directory forces, one after each rename into the directory that needs one ({@link
   * DirectoryForcePoints}); their words once. Where one cannot be inserted, the step is left to the
   * author.
   */
  private static void addDirectoryForces(
      RepairPlan plan,
      SiteVerdicts site,
      boolean durable,
      VisitorState state,
      FsyncOptions options,
      boolean includeSelf) {
    List<DirectoryForcePoints.Point> points =
        DirectoryForcePoints.of(site, state, options, SiteRepair::statementOf, includeSelf);
    if (points.isEmpty()) {
      return;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String does = null;
    for (DirectoryForcePoints.Point point : points) {
      Optional<Edit> edit =
          DirectoryForceFixes.fix(point.target(), point.statement(), durable, state);
      if (edit.isEmpty()) {
        plan.add(edit, ReplaceStep.DIRECTORY_FORCE, "force the directory after the rename");
        return;
      }
      fix.merge(edit.get().fix());
      does = does == null ? edit.get().does() : does;
    }
    plan.add(
        Optional.ofNullable(does).map(d -> new Edit(fix.build(), d)),
        ReplaceStep.DIRECTORY_FORCE,
        "force the directory after the rename");
  }

  /**
   * The statement a rename's repair goes around: its own, or the one it shares with its fallback.
   */
  private static TreePath statementOf(SiteVerdicts site, VisitorState state) {
    TreePath shared = AtomicMoveFallbacks.sharedStatement(site, state);
    return shared != null ? shared : RenameFixes.enclosingStatement(state.getPath());
  }

  /**
   * The rethrow in the handler that swallows the failed force this site publishes or returns after.
   */
  private static Optional<Edit> rethrow(
      SiteVerdicts site, VisitorState state, FsyncOptions options) {
    StepVerdict failure = site.verdict(ReplaceStep.FORCE_FAILURE);
    TreePath force = callAt(failure.position(), state);
    if (force == null) {
      return Optional.empty();
    }
    ForceFailure.Finding finding = ForceFailure.atForce(state.withPath(force), options);
    if (finding == null
        || finding.kind() == ForceFailure.Kind.RETRIED
        || finding.handler() == null) {
      return Optional.empty();
    }
    return ForceFailureFixes.rethrow(finding.handler(), state.withPath(force));
  }

  private static String quoted(ExpressionTree tree, VisitorState state) {
    String source = tree == null ? null : state.getSourceForNode(tree);
    return source == null ? "the file" : "`" + source + "`";
  }

  /** The path of the call starting at {@code position} in the compilation unit, or null. */
  static TreePath callAt(int position, VisitorState state) {
    return Trees.callAt(new TreePath(state.getPath().getCompilationUnit()), position);
  }
}
