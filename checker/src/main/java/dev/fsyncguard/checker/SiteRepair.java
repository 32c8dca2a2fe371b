package dev.fsyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.flow.AtomicReplace;
import dev.fsyncguard.checker.flow.ForceFailure;
import dev.fsyncguard.checker.flow.FsyncOptions;
import dev.fsyncguard.checker.flow.RenameSites;
import dev.fsyncguard.checker.flow.ReplaceStep;
import dev.fsyncguard.checker.flow.SiteVerdicts;
import dev.fsyncguard.checker.flow.StepVerdict;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.flow.ReplaceProtocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one repair of a rename or copy site: every failing step that can be repaired, in one fix that
 * every check reporting the site attaches. Patch mode with any set of the checks then writes the same
 * code, and no two edits at one call collide. A repair that forces the data also forces the directory
 * where step 4 would then fail, so that no step starts failing after it.
 */
final class SiteRepair {
  private static final Context.Key<Map<Tree, Optional<Repair>>> REPAIRS = new Context.Key<>();
  private static final Context.Key<Map<Tree, Optional<Draft>>> DRAFTS = new Context.Key<>();

  /**
   * A site's repair: the fix, and the sentence that says what it does and what it leaves to the
   * author (build logs show one line of a fix).
   */
  record Repair(SuggestedFix fix, String summary) {}

  /** A repair before the imports it leaves unused are removed, and the code it deletes. */
  private record Draft(SuggestedFix fix, String summary, List<Tree> deleted) {}

  private SiteRepair() {}

  /**
   * The repair of the site at {@code state.getPath()}, computed once however many checks ask. The
   * imports it leaves unused go too: those whose every use it deletes, or deletes together with the
   * repairs of other sites in the file that patch mode always applies with it (each site reported
   * by every check that reports this one).
   */
  static Optional<Repair> of(SiteVerdicts site, VisitorState state, FsyncOptions options) {
    Map<Tree, Optional<Repair>> repairs = cache(REPAIRS, state);
    Tree call = state.getPath().getLeaf();
    Optional<Repair> repair = repairs.get(call);
    if (repair == null) {
      Optional<Repair> computed = RenameSites.orNull(() -> withImports(site, state, options));
      repair = computed == null ? Optional.empty() : computed;
      repairs.put(call, repair);
    }
    return repair;
  }

  private static Optional<Repair> withImports(SiteVerdicts site, VisitorState state, FsyncOptions options) {
    Optional<Draft> draft = draft(site, state, options);
    if (draft.isEmpty() || draft.get().deleted().isEmpty()) {
      return draft.map(d -> new Repair(d.fix(), d.summary()));
    }
    List<Tree> deleted = new ArrayList<>(draft.get().deleted());
    Set<String> reporters = reporters(site, state.getPath());
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (tree != state.getPath().getLeaf()) {
          VisitorState at = state.withPath(getCurrentPath());
          SiteVerdicts other = ReplaceProtocol.at(tree, at, options);
          if (other != null && reporters(other, getCurrentPath()).containsAll(reporters)) {
            draft(other, at, options).ifPresent(d -> deleted.addAll(d.deleted()));
          }
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    SuggestedFix.Builder fix = SuggestedFix.builder().merge(draft.get().fix());
    UnusedImports.remove(fix, deleted, state);
    return Optional.of(new Repair(fix.build(), draft.get().summary()));
  }

  /** The checks that report the site, as patch mode sees them: failing steps not suppressed there. */
  private static Set<String> reporters(SiteVerdicts site, TreePath path) {
    Set<String> checks = new HashSet<>();
    for (ReplaceStep step : ReplaceStep.values()) {
      if (site.fails(step) && !isSuppressed(step.check(), path)) {
        checks.add(step.check());
      }
    }
    return checks;
  }

  private static boolean isSuppressed(String check, TreePath path) {
    for (Tree tree : path) {
      Symbol symbol = ASTHelpers.getDeclaredSymbol(tree);
      SuppressWarnings suppressed = symbol == null ? null : symbol.getAnnotation(SuppressWarnings.class);
      if (suppressed != null && List.of(suppressed.value()).contains(check)) {
        return true;
      }
    }
    return false;
  }

  /** The site's edits before imports are cleaned up, computed once per site. */
  private static Optional<Draft> draft(SiteVerdicts site, VisitorState state, FsyncOptions options) {
    Map<Tree, Optional<Draft>> drafts = cache(DRAFTS, state);
    Tree call = state.getPath().getLeaf();
    Optional<Draft> draft = drafts.get(call);
    if (draft == null) {
      Optional<Draft> computed =
          RenameSites.orNull(() -> compute(site, (MethodInvocationTree) call, state, options));
      draft = computed == null ? Optional.empty() : computed;
      drafts.put(call, draft);
    }
    return draft;
  }

  private static <T> Map<Tree, T> cache(Context.Key<Map<Tree, T>> key, VisitorState state) {
    Map<Tree, T> cache = state.context.get(key);
    if (cache == null) {
      cache = new IdentityHashMap<>();
      state.context.put(key, cache);
    }
    return cache;
  }

  /**
   * The repair of the site that {@code related} (a rename or copy in the method around the force at
   * {@code state.getPath()}) is, for {@code FsyncFailureIgnored}, which reports at the force.
   */
  static Optional<Repair> ofRelated(Tree related, VisitorState state, FsyncOptions options) {
    TreePath site = pathOf(related, state);
    if (!(related instanceof MethodInvocationTree call) || site == null) {
      return Optional.empty();
    }
    VisitorState atSite = state.withPath(site);
    SiteVerdicts verdicts = ReplaceProtocol.at(call, atSite, options);
    return verdicts == null ? Optional.empty() : of(verdicts, atSite, options);
  }

  private static Optional<Draft> compute(
      SiteVerdicts site, MethodInvocationTree call, VisitorState state, FsyncOptions options) {
    Plan plan = new Plan();
    boolean durable = RenameFixes.durableOnClassPath(state);
    boolean forceFails = site.fails(ReplaceStep.FORCE);
    boolean failureRepaired = site.fails(ReplaceStep.FORCE_FAILURE) && plan.add(rethrow(site, state, options), ReplaceStep.FORCE_FAILURE, "let the failed force fail the save, never retry it");
    boolean fallback = isFallbackOrAttempt(site, state);
    AtomicReplace.Kind nonAtomic = site.fails(ReplaceStep.ATOMIC) ? site.atomic().kind() : null;
    boolean atomicByEdit =
        nonAtomic == AtomicReplace.Kind.REPLACE_WITHOUT_ATOMIC_MOVE || nonAtomic == AtomicReplace.Kind.DELETE_BEFORE_RENAME;
    boolean directory =
        site.directoryPendingAfter()
            && (site.fails(ReplaceStep.DIRECTORY_FORCE) || forceFails || failureRepaired);
    var source = site.site().rename().operandIn(call);
    var target = site.site().rename().targetIn(call);
    // The attempt and its fallback share one force before their try and one directory force after
    // it: the same edit from both sites, and nothing inserted in the handler.
    TreePath statement = fallback ? fallbackTry(site, state) : null;
    if (statement == null) {
      statement = RenameFixes.enclosingStatement(state.getPath());
    }

    // The whole replace in one call of the utility, where the shape allows.
    Optional<Edit> whole = Optional.empty();
    boolean oneWrite = false;
    if (durable && !fallback) {
      if (forceFails) {
        whole = DurableRewrites.oneWrite(call, state);
        oneWrite = whole.isPresent();
      }
      if (whole.isEmpty() && forceFails) {
        // Where the data is forced already, a line for the step that fails changes less.
        whole = DurableRewrites.rename(call, site.site().verdict(), state);
      }
    }
    if (whole.isPresent()) {
      plan.add(whole, null, null);
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
        plan.add(
            DirectoryForceFixes.fix(call, target, statement, durable, state),
            ReplaceStep.DIRECTORY_FORCE,
            "force the directory after the rename");
      }
    }
    if (nonAtomic != null && !atomicByEdit) {
      plan.leave(
          ReplaceStep.ATOMIC,
          nonAtomic == AtomicReplace.Kind.NON_ATOMIC_FALLBACK
              ? "let the failed atomic move fail the save instead of falling back"
              : "rename the file onto its target instead of copying over it");
    }
    if (site.fails(ReplaceStep.TEMP_LOCATION) && !oneWrite) {
      plan.add(
          TempLocationFixes.fix(call, site.site(), site.temp(), state),
          ReplaceStep.TEMP_LOCATION,
          "create the temp file in the target's directory");
    }
    return plan.repair();
  }

  /** The rethrow in the handler that swallows the failed force this site publishes or returns after. */
  private static Optional<Edit> rethrow(SiteVerdicts site, VisitorState state, FsyncOptions options) {
    StepVerdict failure = site.verdict(ReplaceStep.FORCE_FAILURE);
    TreePath force = callAt(failure.position(), state);
    if (force == null) {
      return Optional.empty();
    }
    ForceFailure.Finding finding = ForceFailure.atForce(state.withPath(force), options);
    if (finding == null || finding.kind() == ForceFailure.Kind.RETRIED) {
      return Optional.empty();
    }
    return ForceFailureFixes.rethrow(finding.handler(), state.withPath(force));
  }

  /**
   * Whether the site is a fallback in a handler of a failed atomic move, or the atomic move a
   * handler falls back from: rewriting either call would change which failure the handler sees,
   * which is the author's decision.
   */
  private static boolean isFallbackOrAttempt(SiteVerdicts site, VisitorState state) {
    if (site.atomic().kind() == AtomicReplace.Kind.NON_ATOMIC_FALLBACK) {
      return true;
    }
    Type notSupported = state.getTypeFromString("java.nio.file.AtomicMoveNotSupportedException");
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getParentPath().getLeaf() instanceof TryTree attempt
          && at.getLeaf() == attempt.getBlock()
          && handles(attempt, notSupported, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code try} statement whose handler of a failed atomic move holds the site or whose block
   * does, when the renamed file was last written before it; else null.
   */
  private static TreePath fallbackTry(SiteVerdicts site, VisitorState state) {
    Type notSupported = state.getTypeFromString("java.nio.file.AtomicMoveNotSupportedException");
    com.sun.source.tree.StatementTree found = null;
    TreePath path = null;
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getLeaf() instanceof com.sun.source.tree.MethodTree
          || at.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree
          || at.getLeaf() instanceof com.sun.source.tree.ClassTree) {
        break;
      }
      if (at.getLeaf() instanceof TryTree attempt && handles(attempt, notSupported, state)) {
        found = attempt;
        path = at;
        break;
      }
    }
    int written = site.sourceState() == null ? -1 : site.sourceState().position();
    return found != null
            && written >= 0
            && written < ASTHelpers.getStartPosition(found)
            && path.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree
        ? path
        : null;
  }

  private static boolean handles(TryTree attempt, Type notSupported, VisitorState state) {
    for (CatchTree handler : attempt.getCatches()) {
      Type caught = ASTHelpers.getType(handler.getParameter());
      if (notSupported != null && caught != null && state.getTypes().isSameType(caught, notSupported)) {
        return true;
      }
    }
    return false;
  }

  private static String quoted(com.sun.source.tree.ExpressionTree tree, VisitorState state) {
    String source = tree == null ? null : state.getSourceForNode(tree);
    return source == null ? "the file" : "`" + source + "`";
  }

  /** The path of the call starting at {@code position} in the compilation unit, or null. */
  static TreePath callAt(int position, VisitorState state) {
    if (position < 0) {
      return null;
    }
    TreePath[] found = new TreePath[1];
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (found[0] == null && ASTHelpers.getStartPosition(tree) == position) {
          found[0] = getCurrentPath();
          return null;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return found[0];
  }

  private static TreePath pathOf(Tree tree, VisitorState state) {
    return tree == null ? null : callAt(ASTHelpers.getStartPosition(tree), state);
  }

  /** The parts of a repair as they are found, and what could not be repaired. */
  private static final class Plan {
    final SuggestedFix.Builder fix = SuggestedFix.builder();
    final List<String> done = new ArrayList<>();
    final List<String> left = new ArrayList<>();
    final List<Tree> deleted = new ArrayList<>();

    /** Adds {@code edit}; without one, {@code otherwise} (if any) is left to the author. */
    boolean add(Optional<Edit> edit, ReplaceStep step, String otherwise) {
      if (edit == null || edit.isEmpty()) {
        if (otherwise != null) {
          leave(step, otherwise);
        }
        return false;
      }
      fix.merge(edit.get().fix());
      done.add(edit.get().does());
      deleted.addAll(edit.get().deleted());
      return true;
    }

    /** What the author must do for {@code step}, named with the check that keeps reporting it. */
    void leave(ReplaceStep step, String what) {
      left.add(what + " (" + step.check() + ")");
    }

    Optional<Draft> repair() {
      if (done.isEmpty()) {
        return Optional.empty();
      }
      StringBuilder summary = new StringBuilder("Fix: ").append(sentence(done)).append('.');
      if (!left.isEmpty()) {
        summary.append(" Left to you: ").append(sentence(left)).append('.');
      }
      return Optional.of(new Draft(fix.build(), summary.toString(), deleted));
    }

    private static String sentence(List<String> parts) {
      if (parts.size() == 1) {
        return parts.get(0);
      }
      return String.join("; ", parts.subList(0, parts.size() - 1)) + "; and " + parts.get(parts.size() - 1);
    }
  }
}
