package dev.fsyncguard.checker.dataflow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.Effect;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a call can commit a file: the callee is annotated as a rename, or its source, followed a
 * few calls deep, contains one. No dataflow: it decides which calls the checks analyse at all, and
 * is asked at every call, so each answer is kept.
 */
final class RenameReach {
  private final ApiTable table;
  private final Summaries summaries;
  private final Map<MethodSymbol, Boolean> mayRename = new HashMap<>();

  RenameReach(ApiTable table, Summaries summaries) {
    this.table = table;
    this.summaries = summaries;
  }

  boolean mayRename(MethodSymbol method) {
    return mayRename(method, 0);
  }

  private boolean mayRename(MethodSymbol method, int depth) {
    Boolean cached = mayRename.get(method);
    if (cached != null) {
      return cached;
    }
    boolean result = false;
    ImmutableList<Action> annotated = summaries.annotatedActions(method);
    if (annotated != null) {
      result = annotated.stream().anyMatch(a -> a.effect() == Effect.RENAME);
    } else if (depth < Summaries.MAX_DEPTH) {
      MethodTree declaration = summaries.declarationOf(method);
      if (declaration != null && declaration.getBody() != null) {
        mayRename.put(method, false); // cuts recursion
        result = containsRename(declaration, depth);
      }
    }
    mayRename.put(method, result);
    return result;
  }

  private boolean containsRename(MethodTree tree, int depth) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (isRenameCall(call, depth)) {
              return true;
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree.getBody(), null);
    return Boolean.TRUE.equals(found);
  }

  /** Whether {@code call} is a rename by the table, or a call to a method that may rename. */
  private boolean isRenameCall(ExpressionTree call, int depth) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    return table.rename(call, symbol) != null
        || (symbol instanceof MethodSymbol callee && mayRename(callee, depth + 1));
  }
}
