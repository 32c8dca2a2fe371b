package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.FileApis.Rule;
import dev.fsyncguard.checker.api.Operand;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;

/**
 * What a lambda, an anonymous class or a method reference does to the files it captures, where a
 * callee of the table runs it before returning ({@code forEach}, {@code Optional.ifPresent}): its
 * body is analysed from the store at the call, and the call ends with what holds after no, one or
 * several runs. Code stored or run later ({@code executor.submit}) is never passed here.
 */
final class InlineBodies {
  /** Enough runs for a write after a force inside the body to show; more change nothing. */
  private static final int MAX_RUNS = 3;

  private final ApiTable table;
  private final SegmentGraphs graphs;
  private final VisitorState state;
  private CompilationUnitTree unit;

  /**
   * The graph of each body met; empty when it cannot be built. Trees are unique, so never stale.
   */
  private final Map<Tree, Optional<ControlFlowGraph>> graphsByBody = new IdentityHashMap<>();

  InlineBodies(ApiTable table, SegmentGraphs graphs, VisitorState state) {
    this.table = table;
    this.graphs = graphs;
    this.state = state;
  }

  /**
   * Where the code being analysed is, from now on: bodies are looked up in this file. Returns the
   * file before, for a nested analysis to restore.
   */
  CompilationUnitTree enter(CompilationUnitTree unit) {
    CompilationUnitTree before = this.unit;
    this.unit = unit;
    return before;
  }

  /**
   * The store after the call that runs {@code argument}, from {@code store} before it; {@code
   * store} itself when the argument is not code the analysis can follow.
   */
  FileStore afterRunning(ExpressionTree argument, FileStore store, FsyncTransfer transfer) {
    if (argument instanceof MemberReferenceTree reference) {
      return afterReference(reference, store);
    }
    ControlFlowGraph cfg = graphOf(argument);
    if (cfg == null) {
      return store;
    }
    FileStore after = store;
    for (int run = 0; run < MAX_RUNS; run++) {
      SegmentAnalysis flow = new SegmentAnalysis(transfer.startingFrom(after));
      flow.performAnalysis(cfg);
      FileStore exit = flow.getRegularExitStore();
      FileStore joined = exit == null ? after : after.leastUpperBound(exit);
      if (joined.equals(after)) {
        break;
      }
      after = joined;
    }
    return after;
  }

  /**
   * {@code out::println}: a write through the captured handle, as the table describes the method
   * for its receiver.
   */
  private FileStore afterReference(MemberReferenceTree reference, FileStore store) {
    if (!(reference.getQualifierExpression() instanceof IdentifierTree qualifier)) {
      return store;
    }
    FileValue handle = store.binding(ASTHelpers.getSymbol(qualifier));
    Symbol method = ASTHelpers.getSymbol(reference);
    if (handle == null || !handle.isHandle() || method == null) {
      return store;
    }
    for (Rule rule : table.rulesFor(method)) {
      Action action = rule.action();
      if (action.operand() == Operand.RECEIVER && rule.matches(reference, state)) {
        return WriteEffects.throughReference(action.effect(), handle, store, reference);
      }
    }
    return store;
  }

  private ControlFlowGraph graphOf(ExpressionTree argument) {
    Tree body =
        argument instanceof LambdaExpressionTree lambda
            ? lambda
            : argument instanceof NewClassTree created ? onlyMethod(created.getClassBody()) : null;
    if (body == null || unit == null) {
      return null;
    }
    return graphsByBody.computeIfAbsent(body, b -> Optional.ofNullable(build(b))).orElse(null);
  }

  /** The one method an anonymous class declares besides its constructor, else null. */
  private static MethodTree onlyMethod(ClassTree body) {
    if (body == null) {
      return null;
    }
    MethodTree only = null;
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method && !ASTHelpers.getSymbol(method).isConstructor()) {
        if (only != null) {
          return null;
        }
        only = method;
      }
    }
    return only == null || only.getBody() == null ? null : only;
  }

  private ControlFlowGraph build(Tree body) {
    TreePath path = TreePath.getPath(unit, body);
    if (path == null) {
      return null;
    }
    ClassTree owner = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    if (body instanceof LambdaExpressionTree lambda) {
      MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
      return owner == null
          ? null
          : graphs.build(
              new TreePath(path, lambda.getBody()),
              new UnderlyingAST.CFGLambda(lambda, owner, method));
    }
    MethodTree method = (MethodTree) body;
    ClassTree anonymous = (ClassTree) path.getParentPath().getLeaf();
    return graphs.build(
        new TreePath(path, method.getBody()), new UnderlyingAST.CFGMethod(method, anonymous));
  }
}
