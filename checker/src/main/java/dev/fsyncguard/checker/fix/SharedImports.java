package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The imports a repair leaves unused. One repair may delete one use of an import and another site's
 * repair the other: each alone must keep it, both together must not. Patch mode applies a site's
 * repair when any check that reports the site is among those it patches with; so a repair may count
 * the deletions of every site reported by all the checks that report its own, since those are
 * always repaired with it.
 */
final class SharedImports {
  private SharedImports() {}

  /**
   * Removes from {@code fix} the imports whose every use lies in {@code deleted}, or in the code
   * deleted by the repairs ({@code draftAt}) of the other sites of the file that qualify as above;
   * never one whose simple name the repair of any other site writes, which would then not compile.
   */
  static void remove(
      SuggestedFix.Builder fix,
      SiteVerdicts site,
      List<? extends Tree> deleted,
      VisitorState state,
      BiFunction<SiteVerdicts, VisitorState, Optional<RepairPlan.Draft>> draftAt,
      BiFunction<MethodInvocationTree, VisitorState, SiteVerdicts> verdictsAt) {
    List<Tree> all = new ArrayList<>(deleted);
    Set<String> written = new HashSet<>();
    Set<String> reporters = reporters(site, state.getPath());
    Tree self = state.getPath().getLeaf();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (tree != self) {
          VisitorState at = state.withPath(getCurrentPath());
          SiteVerdicts other = verdictsAt.apply(tree, at);
          Optional<RepairPlan.Draft> draft =
              other == null ? Optional.empty() : draftAt.apply(other, at);
          if (draft.isPresent()) {
            // An import the file has already is used by simple name, and the fix adds none. The
            // fix's text holds its replacements (getReplacements changed its parameter type in
            // Error
            // Prone 2.46; one checker jar runs on both).
            String text =
                draft
                    .get()
                    .fix()
                    .toString((JCCompilationUnit) state.getPath().getCompilationUnit());
            written.addAll(List.of(text.split("[^\\p{javaJavaIdentifierPart}]+")));
            for (String line : draft.get().fix().getImportsToAdd()) {
              written.add(line.substring(line.lastIndexOf('.') + 1).trim());
            }
            // With no check known to report this site, no other site is known to be repaired with
            // it.
            if (!reporters.isEmpty() && reporters(other, getCurrentPath()).containsAll(reporters)) {
              all.addAll(draft.get().deleted());
            }
          }
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    UnusedImports.remove(fix, all, written, state);
  }

  /**
   * The checks that report the site, as patch mode sees them: failing steps not suppressed there.
   */
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
      SuppressWarnings suppressed =
          symbol == null ? null : symbol.getAnnotation(SuppressWarnings.class);
      if (suppressed != null && List.of(suppressed.value()).contains(check)) {
        return true;
      }
    }
    return false;
  }
}
