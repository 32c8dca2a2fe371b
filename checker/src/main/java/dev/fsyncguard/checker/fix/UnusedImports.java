package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import java.util.Set;

/** Removes the single imports whose only uses a fix deletes. */
final class UnusedImports {
  private UnusedImports() {}

  /**
   * Removes each single-type or single-static import used inside {@code deleted} and nowhere else
   * in the compilation unit. On-demand imports ({@code java.nio.file.*}) stay.
   */
  static void remove(SuggestedFix.Builder fix, List<? extends Tree> deleted, VisitorState state) {
    remove(fix, deleted, Set.of(), state);
  }

  /**
   * {@link #remove(SuggestedFix.Builder, List, VisitorState)}, but never an import of a name in
   * {@code keep} (simple names, as {@code StandardCopyOption}): another fix may write a use.
   */
  static void remove(
      SuggestedFix.Builder fix,
      List<? extends Tree> deleted,
      Set<String> keep,
      VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    for (ImportTree importTree : unit.getImports()) {
      if (!(importTree.getQualifiedIdentifier() instanceof MemberSelectTree imported)
          || imported.getIdentifier().contentEquals("*")) {
        continue;
      }
      String owner = state.getSourceForNode(imported.getExpression());
      String name = imported.getIdentifier().toString();
      if (owner == null) {
        continue;
      }
      int inside = 0;
      for (Tree tree : deleted) {
        inside += uses(tree, importTree.isStatic(), owner, name);
      }
      String qualified = owner.replaceAll("\\s+", "") + "." + name;
      if (inside > 0
          && inside == uses(unit, importTree.isStatic(), owner, name)
          && !keep.contains(name)) {
        if (importTree.isStatic()) {
          fix.removeStaticImport(qualified);
        } else {
          fix.removeImport(qualified);
        }
      }
    }
  }

  /** Simple names in {@code scope}, outside imports, that resolve to what the import names. */
  private static int uses(Tree scope, boolean isStatic, String owner, String name) {
    Integer count =
        new TreeScanner<Integer, Void>() {
          @Override
          public Integer visitImport(ImportTree tree, Void unused) {
            return 0;
          }

          @Override
          public Integer visitIdentifier(IdentifierTree identifier, Void unused) {
            if (!identifier.getName().contentEquals(name)) {
              return 0;
            }
            Symbol symbol = ASTHelpers.getSymbol(identifier);
            if (symbol == null) {
              // Unattributed (say, in an annotation argument): count it, so the import stays.
              return 1;
            }
            Symbol named = isStatic ? symbol.owner : symbol;
            String qualified = isStatic ? owner : owner + "." + name;
            return named != null
                    && (!isStatic || symbol.isStatic())
                    && named.getQualifiedName().contentEquals(qualified)
                ? 1
                : 0;
          }

          @Override
          public Integer reduce(Integer a, Integer b) {
            return (a == null ? 0 : a) + (b == null ? 0 : b);
          }
        }.scan(scope, null);
    return count == null ? 0 : count;
  }
}
