package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileStore;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.PerOptions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the judgement of a method's forces needs of the method, or lambda, computed once for all of
 * them: its rename and copy sites with the dataflow's verdict at each, and the store it returns
 * with.
 *
 * @param sites the calls that rename or copy, in source order, outside nested lambdas and classes
 * @param exit the store at its normal return; null when it never returns normally
 */
record MethodFacts(List<Site> sites, FileStore exit) {
  /** A rename or copy call and the verdict there; null when the dataflow has none. */
  record Site(MethodInvocationTree call, RenameVerdict verdict) {}

  private static final PerOptions<FsyncOptions, Map<Tree, MethodFacts>> KEPT =
      new PerOptions<>((context, options) -> new IdentityHashMap<>());

  /** The facts of {@code code}, a method or lambda. */
  static MethodFacts of(TreePath code, VisitorState state, FsyncOptions options) {
    return KEPT.get(state.context, options)
        .computeIfAbsent(code.getLeaf(), leaf -> compute(code, state, options));
  }

  private static MethodFacts compute(TreePath code, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    List<Site> sites = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (RenameSites.renameOf(call, analysis) != null
            || analysis.tableCopy(call, ASTHelpers.getSymbol(call)) != null) {
          sites.add(
              new Site(call, RenameSites.verdict(state.withPath(getCurrentPath()), analysis)));
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return getCurrentPath().getLeaf() == code.getLeaf()
            ? super.visitLambdaExpression(tree, null)
            : null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(code, null);
    return new MethodFacts(List.copyOf(sites), analysis.exitStoreAt(code));
  }
}
