package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.dataflow.DataFlow;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.TreeMaker;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;

/**
 * The check's dataflow over a method body, run one segment of consecutive top-level statements at a
 * time, each segment starting from the store the one before it ends with.
 *
 * <p>Why: for every try/finally it translates, the dataflow library's graph builder scans every
 * node built so far, so one graph of a long method costs its length times its try/finally count.
 * Graphs of bounded segments keep the whole linear.
 *
 * <p>The results are those of the whole method's graph: between two top-level statements control
 * only falls through. The one exception is {@code return}, which reaches the same exit as falling
 * off a segment's end, so no segment but the last may contain one: the last segment starts at the
 * first top-level statement that does. Methods that make one segment, lambdas and initializers are
 * analysed whole, through Error Prone's cached {@link DataFlow}.
 */
final class SegmentedDataflow {
  /** Statements per segment; a system property so that tests can compare segment sizes. */
  static final String SEGMENT_STATEMENTS = "dev.fsyncguard.segmentStatements";

  /**
   * Small: every graph costs a fixed setup, but within a graph each statement that can throw joins
   * its store into the exit's, and those joins grow with the segment. 1 to 4 measured alike on the
   * scaling benchmark; 16 took twice as long.
   */
  private static final int DEFAULT_SEGMENT_STATEMENTS = 4;

  private final FsyncTransfer transfer;
  private final InlineBodies inlineBodies;
  private final Context context;
  private final TreeMaker trees;
  private final SegmentGraphs graphs;
  private final int segmentStatements;

  /** The last method asked about: the check visits its rename sites one after another. */
  private Segments last;

  SegmentedDataflow(
      FsyncTransfer transfer, InlineBodies inlineBodies, SegmentGraphs graphs, Context context) {
    this.transfer = transfer;
    this.inlineBodies = inlineBodies;
    this.context = context;
    this.trees = TreeMaker.instance(context);
    this.graphs = graphs;
    this.segmentStatements =
        Math.max(1, Integer.getInteger(SEGMENT_STATEMENTS, DEFAULT_SEGMENT_STATEMENTS));
  }

  /** The value of the expression at {@code path}, or null when it is not in analysable code. */
  FileValue valueAt(TreePath path) {
    inlineBodies.enter(path.getCompilationUnit());
    TreePath statement = topLevelStatement(path);
    if (statement == null) {
      return DataFlow.expressionDataflow(path, context, transfer);
    }
    TreePath body = statement.getParentPath();
    MethodTree method = (MethodTree) body.getParentPath().getLeaf();
    if (last == null || last.method != method) {
      last = new Segments(body, segmentStatements);
    }
    if (last.bounds.size() == 2) {
      return DataFlow.expressionDataflow(path, context, transfer);
    }
    return last.valueAt((ExpressionTree) path.getLeaf(), statement.getLeaf());
  }

  /** The lambda whose exit store was computed last, and that store. */
  private LambdaExpressionTree lastLambda;

  private FileStore lastLambdaExit;

  /**
   * The store at the regular exit of the method or lambda whose code holds {@code path}: what holds
   * when it returns normally. Null in an initializer, and when it never returns normally.
   */
  FileStore exitStoreAt(TreePath path) {
    inlineBodies.enter(path.getCompilationUnit());
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof LambdaExpressionTree lambda) {
        if (lambda != lastLambda) {
          lastLambdaExit = lambdaExit(at, lambda);
          lastLambda = lambda;
        }
        return lastLambdaExit;
      }
      if (leaf instanceof MethodTree method) {
        if (method.getBody() == null) {
          return null;
        }
        if (last == null || last.method != method) {
          last = new Segments(new TreePath(at, method.getBody()), segmentStatements);
        }
        return last.exitStore();
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private FileStore lambdaExit(TreePath path, LambdaExpressionTree lambda) {
    ClassTree owner = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    if (owner == null) {
      return null;
    }
    ControlFlowGraph cfg =
        graphs.build(
            new TreePath(path, lambda.getBody()),
            new UnderlyingAST.CFGLambda(lambda, owner, method));
    SegmentAnalysis flow = new SegmentAnalysis(transfer);
    flow.performAnalysis(cfg);
    return flow.getRegularExitStore();
  }

  /**
   * The path of the method-body statement that holds {@code path}'s leaf, or null when the leaf is
   * not in a method body (an initializer) or is in a lambda, which is a graph of its own.
   */
  private static TreePath topLevelStatement(TreePath path) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      TreePath parent = at.getParentPath();
      Tree up = parent.getLeaf();
      if (up instanceof LambdaExpressionTree
          || up instanceof ClassTree
          || up instanceof MethodTree) {
        return null;
      }
      if (up instanceof BlockTree
          && parent.getParentPath() != null
          && parent.getParentPath().getLeaf() instanceof MethodTree) {
        return at;
      }
    }
    return null;
  }

  /** One method body cut into segments, with the stores found so far at their starts. */
  private final class Segments {
    final MethodTree method;
    final TreePath body;
    final List<StatementTree> statements;

    /** Where each statement is in {@link #statements}. */
    final Map<StatementTree, Integer> indices = new IdentityHashMap<>();

    /** Segment i is statements [bounds[i], bounds[i + 1]). */
    final List<Integer> bounds = new ArrayList<>();

    /** The store each segment starts with; null after a segment that never completes normally. */
    final List<FileStore> entries = new ArrayList<>();

    int analysedSegment = -1;
    SegmentAnalysis analysed;

    Segments(TreePath body, int segmentStatements) {
      this.body = body;
      this.method = (MethodTree) body.getParentPath().getLeaf();
      // javac's lists are linked: indexing one per statement would make this quadratic.
      this.statements = new ArrayList<>(((BlockTree) body.getLeaf()).getStatements());
      bounds.add(0);
      int size = 0;
      for (int i = 0; i < statements.size(); i++) {
        indices.put(statements.get(i), i);
      }
      for (int i = 0; i < statements.size(); i++) {
        StatementScan scan = StatementScan.of(statements.get(i));
        if (scan.returns) {
          break;
        }
        size += scan.statements;
        if (size >= segmentStatements && i + 1 < statements.size()) {
          bounds.add(i + 1);
          size = 0;
        }
      }
      bounds.add(statements.size());
      // What the method starts with: the check assumes nothing about files it is given.
      entries.add(
          transfer.initialStore(
              new UnderlyingAST.CFGMethod(method, owner()), Collections.emptyList()));
    }

    FileValue valueAt(ExpressionTree expression, Tree statement) {
      int index = indices.get((StatementTree) statement);
      int found = Collections.binarySearch(bounds, index);
      int segment = found >= 0 ? found : -found - 2;
      if (segment != analysedSegment) {
        while (entries.size() <= segment) {
          int before = entries.size() - 1;
          FileStore start = entries.get(before);
          entries.add(
              start == null
                  ? null
                  : (before == analysedSegment ? analysed : analyse(before)).getRegularExitStore());
        }
        if (entries.get(segment) == null) {
          return null; // an earlier segment never completes normally
        }
        analysed = analyse(segment);
        analysedSegment = segment;
      }
      return analysed.getValue(expression);
    }

    /**
     * The store at the method's regular exit: that of its last segment, which holds every return.
     */
    FileStore exitStore() {
      int lastSegment = bounds.size() - 2;
      if (lastSegment < 0) {
        return null;
      }
      if (analysedSegment != lastSegment) {
        while (entries.size() <= lastSegment) {
          int before = entries.size() - 1;
          FileStore start = entries.get(before);
          entries.add(
              start == null
                  ? null
                  : (before == analysedSegment ? analysed : analyse(before)).getRegularExitStore());
        }
        if (entries.get(lastSegment) == null) {
          return null;
        }
        analysed = analyse(lastSegment);
        analysedSegment = lastSegment;
      }
      return analysed.getRegularExitStore();
    }

    private SegmentAnalysis analyse(int segment) {
      int from = bounds.get(segment);
      int to = bounds.get(segment + 1);
      Tree code =
          to - from == 1
              ? statements.get(from)
              : trees
                  .at(((JCTree) statements.get(from)).getStartPosition())
                  .Block(0, com.sun.tools.javac.util.List.from(jcStatements(from, to)));
      ControlFlowGraph cfg =
          graphs.build(new TreePath(body, code), new UnderlyingAST.CFGStatement(code, owner()));
      SegmentAnalysis flow = new SegmentAnalysis(transfer.startingFrom(entries.get(segment)));
      flow.performAnalysis(cfg);
      return flow;
    }

    private ClassTree owner() {
      return ASTHelpers.findEnclosingNode(body, ClassTree.class);
    }

    private List<JCStatement> jcStatements(int from, int to) {
      List<JCStatement> out = new ArrayList<>();
      for (StatementTree statement : statements.subList(from, to)) {
        out.add((JCStatement) statement);
      }
      return out;
    }
  }

  /**
   * What one top-level statement holds, not counting lambdas and classes, whose code is not in the
   * method's graph: its statements (itself included), and whether one can return from the method.
   */
  private static final class StatementScan extends TreeScanner<Void, Void> {
    int statements;
    boolean returns;

    static StatementScan of(StatementTree statement) {
      StatementScan scan = new StatementScan();
      scan.scan(statement, null);
      return scan;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree instanceof StatementTree) {
        statements++;
      }
      return super.scan(tree, null);
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      returns = true;
      return super.visitReturn(tree, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null;
    }
  }
}
