package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.dataflow.FileKey;
import dev.fsyncguard.checker.protocol.ReplaceProtocol;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import dev.fsyncguard.checker.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where a repair forces a directory: after the statement of every rename into it, in the same
 * method, of a file written and forced there. The analysis remembers only the latest rename into a
 * directory that is still pending where the method returns; a force after that one alone leaves
 * another path pending (a rename followed by {@code return}, or a retry after a failed {@code
 * renameTo}), and the directory check would report it after the repair. Each site of the directory
 * computes the same places, so the edits are the same. A rename whose data is not forced is left
 * out: its own repair forces its directory.
 */
final class DirectoryForcePoints {
  /**
   * A rename into the directory and the statement after which its directory is forced.
   *
   * @param target the rename's target as the code spells it
   */
  record Point(ExpressionTree target, TreePath statement) {}

  private DirectoryForcePoints() {}

  /**
   * The places for the site at {@code state.getPath()}, in source order; {@code statementOf} gives
   * a rename's statement (or the one it shares with its fallback). Without {@code includeSelf}, the
   * site's own place is left out (its repair forces the directory another way) but still covers the
   * places before it.
   */
  static List<Point> of(
      SiteVerdicts site,
      VisitorState state,
      FsyncOptions options,
      BiFunction<SiteVerdicts, VisitorState, TreePath> statementOf,
      boolean includeSelf) {
    FileKey directory =
        site.site().verdict() == null || site.site().verdict().target() == null
            ? null
            : site.site().verdict().target().directory();
    TreePath code = Trees.enclosingCode(state.getPath());
    MethodInvocationTree self = (MethodInvocationTree) state.getPath().getLeaf();
    List<Point> points = new ArrayList<>();
    if (directory == null || code == null) {
      if (includeSelf) {
        points.add(new Point(site.site().rename().targetIn(self), statementOf.apply(site, state)));
      }
      return points;
    }
    TreePath[] own = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        VisitorState at = state.withPath(getCurrentPath());
        SiteVerdicts other = tree == self ? site : ReplaceProtocol.at(tree, at, options);
        if (other != null
            && !other.site().isCopy()
            && other.site().verdict() != null
            && other.site().verdict().target() != null
            && directory.equals(other.site().verdict().target().directory())
            && (tree == self || isJudged(other))) {
          TreePath statement =
              hoisted(statementOf.apply(other, at), other.site().rename().targetIn(tree), code);
          if (tree == self) {
            own[0] = statement;
          }
          if (statement != null
              && points.stream().noneMatch(p -> p.statement().getLeaf() == statement.getLeaf())) {
            points.add(new Point(other.site().rename().targetIn(tree), statement));
          }
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return getCurrentPath().getLeaf() == code.getLeaf()
            ? super.visitLambdaExpression(tree, null)
            : null;
      }
    }.scan(code, null);
    List<Point> kept = withoutCoveredByLater(points);
    if (!includeSelf && own[0] != null) {
      kept.removeIf(p -> p.statement().getLeaf() == own[0].getLeaf());
    }
    return kept;
  }

  /**
   * Whether the directory check can report the rename once the repair is in: its file was written
   * in the method and is forced there (a rename whose data is not forced gets its directory force
   * from its own repair; one of a file written elsewhere is never judged).
   */
  private static boolean isJudged(SiteVerdicts rename) {
    return rename.sourceState() != null
        && rename.sourceState().isSavedHere()
        && !rename.fails(ReplaceStep.FORCE);
  }

  /**
   * The outermost loop around {@code statement}, in the same code, after which the directory can be
   * forced once for every iteration: the directory is named from a variable declared outside it,
   * and nothing in it leaves past its end (a {@code return}, a labelled {@code break} or {@code
   * continue}). Else the statement itself.
   */
  private static TreePath hoisted(TreePath statement, ExpressionTree target, TreePath code) {
    DirectoryOf directory = DirectoryOf.of(target);
    Symbol variable = directory == null ? null : directory.variable();
    if (statement == null || variable == null) {
      return statement;
    }
    TreePath best = statement;
    for (TreePath at = statement.getParentPath();
        at != null && at.getLeaf() != code.getLeaf();
        at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof ClassTree || leaf instanceof LambdaExpressionTree) {
        break;
      }
      if (DirectoryForceFixes.isLoop(leaf)) {
        if (leavesPastItsEnd(leaf) || declares(leaf, variable)) {
          break;
        }
        if (at.getParentPath().getLeaf() instanceof BlockTree) {
          best = at;
        }
      }
    }
    return best;
  }

  /**
   * A {@code return} or a labelled {@code break} or {@code continue}: what leaves a loop past its
   * end.
   */
  private static boolean leavesPastItsEnd(Tree loop) {
    return containsJump(loop, false);
  }

  private static boolean declares(Tree scope, Symbol variable) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitVariable(VariableTree tree, Void unused) {
            return variable.equals(ASTHelpers.getSymbol(tree))
                || Boolean.TRUE.equals(super.visitVariable(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(scope, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Drops a place that a later one in the same block covers: control passes from the first to the
   * second, nothing in between leaves the block.
   */
  private static List<Point> withoutCoveredByLater(List<Point> points) {
    List<Point> kept = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      boolean covered = false;
      for (int j = i + 1; j < points.size() && !covered; j++) {
        covered = flowsInto(point.statement(), points.get(j).statement());
      }
      if (!covered) {
        kept.add(point);
      }
    }
    return kept;
  }

  /**
   * Whether {@code later} follows {@code earlier} in one block and every statement from one to the
   * other completes.
   */
  private static boolean flowsInto(TreePath earlier, TreePath later) {
    if (earlier.getParentPath() == null
        || later.getParentPath() == null
        || earlier.getParentPath().getLeaf() != later.getParentPath().getLeaf()
        || !(earlier.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int from = statements.indexOf((StatementTree) earlier.getLeaf());
    int to = statements.indexOf((StatementTree) later.getLeaf());
    if (from < 0 || to <= from) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (mayLeave(statements.get(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a statement holds a jump out of it: a return, throw, break or continue, at any depth.
   */
  private static boolean mayLeave(StatementTree statement) {
    return containsJump(statement, true);
  }

  /**
   * Whether {@code tree} holds a {@code return}, or, with {@code any}, any {@code throw}, {@code
   * break} or {@code continue}, without it a labelled {@code break} or {@code continue}; lambdas
   * and classes inside are other code.
   */
  private static boolean containsJump(Tree tree, boolean any) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitReturn(ReturnTree jump, Void unused) {
            return true;
          }

          @Override
          public Boolean visitThrow(ThrowTree jump, Void unused) {
            return any;
          }

          @Override
          public Boolean visitBreak(BreakTree jump, Void unused) {
            return any || jump.getLabel() != null;
          }

          @Override
          public Boolean visitContinue(ContinueTree jump, Void unused) {
            return any || jump.getLabel() != null;
          }

          @Override
          public Boolean visitClass(ClassTree inner, Void unused) {
            return false;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree inner, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
