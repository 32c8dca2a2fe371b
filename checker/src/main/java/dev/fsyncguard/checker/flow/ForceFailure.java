package dev.fsyncguard.checker.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * Whether a failed force fails the replace (step 5 of a crash-safe replace). After a failed fsync,
 * Linux may mark the unwritten pages clean: the data can be gone even if a later fsync succeeds. So
 * a force's failure must not be caught and swallowed (the handler only logs, ignores, or sets a
 * flag nothing reads) before the file is renamed or the method returns from a rename as if it were
 * durable; and a failed force must not be retried.
 */
public final class ForceFailure {
  /** How a force's failure is mishandled. */
  public enum Kind {
    /** Caught and swallowed, then the file is renamed or copied onto its target. */
    SWALLOWED_THEN_PUBLISHED,
    /**
     * The directory's force failed and was swallowed, and the method returns as if the rename were
     * durable; or, with no rename in the method, a {@code void} method returns as if the data it
     * wrote and failed to force were durable.
     */
    SWALLOWED_THEN_RETURNED,
    /** Forced again after its force failed. */
    RETRIED
  }

  /**
   * The verdict on a force.
   *
   * @param handler the catch that swallows the failure, or, for a retry, the one the retry is in;
   *     null when the force is a helper's that lets its own failure go
   * @param related the rename that publishes the file anyway, or, for a retry, the force that
   *     failed; null when a {@code void} method returns with the data it wrote unforced
   */
  public record Finding(Kind kind, CatchTree handler, Tree related) {}

  private ForceFailure() {}

  /**
   * What is wrong with the force at {@code state.getPath()}, or null when nothing is. Never throws.
   */
  public static Finding atForce(VisitorState state, FsyncOptions options) {
    return RenameSites.orNull(() -> judge(state, options));
  }

  private static Finding judge(VisitorState state, FsyncOptions options) {
    MethodInvocationTree force = (MethodInvocationTree) state.getPath().getLeaf();
    MethodSymbol method = ASTHelpers.getSymbol(force);
    if (method == null) {
      return null;
    }
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    if (!mayBeHandled(state.getPath())) {
      // A helper of this build that forces and lets its own failure go needs no handler here. Only
      // a call given a file, of a method named to force (syncQuietly, fsync), is looked up: the
      // test spares every other call its callee's summary.
      return givesAFile(force, analysis)
              && analysis.forceNames.of(method) == ForceNames.Intent.FORCE
              && analysis.isSummarised(method)
          ? letGoInside(force, state, analysis)
          : null;
    }
    Action action = analysis.forceOf(force);
    if (action == null) {
      return null;
    }
    if (action.effect() == Effect.FORCE_FAILURE_LET_GO) {
      return letGoInside(force, state, analysis);
    }
    Finding retry = retry(force, action, state, options);
    if (retry != null) {
      return retry;
    }
    TreePath catching = catchingHandler(state.getPath(), method, state);
    if (catching == null || !swallows((CatchTree) catching.getLeaf(), catching, state)) {
      return null;
    }
    CatchTree handler = (CatchTree) catching.getLeaf();
    int position = ASTHelpers.getStartPosition(force);
    TreePath code = enclosingCode(state.getPath());
    if (code == null) {
      return null;
    }
    List<TreePath> sites = renameSites(code, state, analysis);
    for (TreePath site : sites) {
      RenameVerdict verdict = RenameSites.verdict(state.withPath(site), analysis);
      if (verdict != null
          && verdict.state().level() == FileState.Level.FORCE_FAILED
          && verdict.state().position() == position
          && FailurePaths.reachedAfterFailure(code, force, site.getLeaf(), state.context)) {
        return new Finding(Kind.SWALLOWED_THEN_PUBLISHED, handler, site.getLeaf());
      }
    }
    FileStore exit = analysis.methods.exitStoreAt(state.getPath());
    if (sites.isEmpty()
        && exit != null
        && returnsNothing(code)
        && exit.hasFailedForceAt(position)
        && isDataForce(action)) {
      // A journal append: the data written here may be gone, and the caller, told nothing, takes
      // it as durable.
      return new Finding(Kind.SWALLOWED_THEN_RETURNED, handler, null);
    }
    {
      // The handler only reports the failure, so whatever the method returns claims success.
      for (TreePath site : sites) {
        RenameVerdict verdict = RenameSites.verdict(state.withPath(site), analysis);
        if (exit != null && verdict != null && verdict.target() != null) {
          FileState directory = exit.state(verdict.target().directory());
          if (directory.level() == FileState.Level.FORCE_FAILED
              && directory.position() == position) {
            return new Finding(Kind.SWALLOWED_THEN_RETURNED, handler, site.getLeaf());
          }
        }
      }
    }
    return null;
  }

  private static boolean givesAFile(MethodInvocationTree call, FsyncAnalysis analysis) {
    for (ExpressionTree argument : call.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      if (type != null && (analysis.types.isHandle(type) || analysis.types.isName(type))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call of a helper that forces and lets the force's failure go: reported when the file is then
   * published with that failure, as a force whose failure is let go right here.
   */
  private static Finding letGoInside(
      MethodInvocationTree call, VisitorState state, FsyncAnalysis analysis) {
    Action action = analysis.forceOf(call);
    TreePath code = enclosingCode(state.getPath());
    if (action == null || action.effect() != Effect.FORCE_FAILURE_LET_GO || code == null) {
      return null;
    }
    int position = ASTHelpers.getStartPosition(call);
    for (TreePath site : renameSites(code, state, analysis)) {
      RenameVerdict verdict = RenameSites.verdict(state.withPath(site), analysis);
      if (verdict != null
          && verdict.state().level() == FileState.Level.FORCE_FAILED
          && verdict.state().position() == position) {
        return new Finding(Kind.SWALLOWED_THEN_PUBLISHED, null, site.getLeaf());
      }
    }
    return null;
  }

  /**
   * At a rename or copy site, as a step verdict: the force whose failure, let go, this site
   * publishes, or whose retry it follows, as the check reports it (at that force or retry); for a
   * JDK rename, also the force of its directory whose failure is let go before the method returns.
   * Never throws.
   */
  static StepVerdict atSite(RenameSites.Site site, VisitorState state, FsyncOptions options) {
    StepVerdict found = RenameSites.orNull(() -> judgeSite(site, state, options));
    return found != null ? found : StepVerdict.unknown("not analysed");
  }

  private static StepVerdict judgeSite(
      RenameSites.Site site, VisitorState state, FsyncOptions options) {
    RenameVerdict verdict = site.verdict();
    if (verdict == null) {
      return StepVerdict.unknown("not analysed");
    }
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    TreePath code = enclosingCode(state.getPath());
    FileState source = verdict.state();
    if (source.level() == FileState.Level.FORCE_FAILED && code != null) {
      StepVerdict reported = reportedForce(source.position(), code, state, options, "the data");
      if (reported != null) {
        return reported;
      }
    }
    if (!site.isCopy() && verdict.target() != null && code != null) {
      FileStore exit = analysis.methods.exitStoreAt(state.getPath());
      FileState directory = exit == null ? null : exit.state(verdict.target().directory());
      if (directory != null && directory.level() == FileState.Level.FORCE_FAILED) {
        StepVerdict reported =
            reportedForce(directory.position(), code, state, options, "the directory");
        if (reported != null) {
          return reported;
        }
      }
    }
    if (source.level() == FileState.Level.FORCE_FAILED) {
      return StepVerdict.notApplicable(
          "a failed force is handled by code the check does not follow");
    }
    return source.level() == FileState.Level.FORCED
        ? StepVerdict.pass("forced, failures not let go")
        : StepVerdict.notApplicable(source.isWritten() ? "not forced" : "not written here");
  }

  /**
   * The failure the check reports for the force at {@code position}: the force itself when its
   * failure is let go, or the retry in its handler.
   */
  private static StepVerdict reportedForce(
      int position, TreePath code, VisitorState state, FsyncOptions options, String what) {
    TreePath force = forceAt(position, code, state, options);
    if (force == null) {
      return null;
    }
    VisitorState atForce = state.withPath(force);
    Finding finding = judge(atForce, options);
    if (finding != null) {
      return StepVerdict.fail("a failed force of " + what + " is let go", position);
    }
    // Not let go, but perhaps retried in its handler: the check reports the retry.
    MethodInvocationTree call = (MethodInvocationTree) force.getLeaf();
    MethodSymbol method = ASTHelpers.getSymbol(call);
    Action action = FsyncAnalysis.instance(state, options).forceOf(call);
    TreePath handler = method == null ? null : catchingHandler(force, method, state);
    String forced = action == null ? null : operandText(call, action, state);
    if (handler != null && forced != null) {
      MethodInvocationTree retry =
          forceIn(((CatchTree) handler.getLeaf()).getBlock(), forced, state, options);
      if (retry != null) {
        return StepVerdict.fail("a failed force is retried", ASTHelpers.getStartPosition(retry));
      }
    }
    return null;
  }

  /** The force call starting at {@code position} in {@code code}, outside lambdas and classes. */
  private static TreePath forceAt(
      int position, TreePath code, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    TreePath[] found = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] == null
            && ASTHelpers.getStartPosition(call) == position
            && analysis.forceOf(call) != null) {
          found[0] = getCurrentPath();
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(code, null);
    return found[0];
  }

  /**
   * A force in the handler of a try whose block forces the same file, or a force in a try inside a
   * loop that leaves on success and goes round again on failure.
   */
  private static Finding retry(
      MethodInvocationTree force, Action action, VisitorState state, FsyncOptions options) {
    String forced = operandText(force, action, state);
    if (forced == null) {
      return null;
    }
    for (TreePath at = state.getPath(); at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      Tree parent = at.getParentPath().getLeaf();
      if (isBoundary(leaf)) {
        return null;
      }
      if (leaf instanceof CatchTree handler && parent instanceof TryTree attempt) {
        MethodInvocationTree first = forceIn(attempt.getBlock(), forced, state, options);
        if (first != null) {
          return new Finding(Kind.RETRIED, handler, first);
        }
      }
      if (leaf instanceof TryTree attempt
          && isInBlock(state.getPath(), attempt)
          && leavesOnSuccess(attempt.getBlock())
          && isLoopBody(at.getParentPath())) {
        for (CatchTree handler : attempt.getCatches()) {
          if (catchesDeclared(handler, force, state) && mayGoRound(handler)) {
            return new Finding(Kind.RETRIED, handler, force);
          }
        }
      }
    }
    return null;
  }

  /** The innermost handler around {@code path} that catches what the force declares. */
  private static TreePath catchingHandler(TreePath path, MethodSymbol method, VisitorState state) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (isBoundary(leaf)) {
        return null;
      }
      if (leaf instanceof TryTree attempt && isInBlock(path, attempt)) {
        for (CatchTree handler : attempt.getCatches()) {
          if (catches(handler, method, state)) {
            return new TreePath(at, handler);
          }
        }
      }
    }
    return null;
  }

  /** Whether {@code path} lies in {@code attempt}'s block, not in a handler or finally. */
  private static boolean isInBlock(TreePath path, TryTree attempt) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      if (at.getParentPath().getLeaf() == attempt) {
        return at.getLeaf() == attempt.getBlock() || attempt.getResources().contains(at.getLeaf());
      }
    }
    return false;
  }

  /**
   * Whether the handler catches what the force may throw: what it declares, or an unchecked
   * exception.
   */
  private static boolean catches(CatchTree handler, MethodSymbol method, VisitorState state) {
    List<Type> thrown = new ArrayList<>(method.getThrownTypes());
    thrown.add(state.getSymtab().runtimeExceptionType);
    thrown.add(state.getSymtab().errorType);
    for (Type caught : caughtTypes(handler)) {
      for (Type type : thrown) {
        if (state.getTypes().isSubtype(type, caught) || state.getTypes().isSubtype(caught, type)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean catchesDeclared(
      CatchTree handler, MethodInvocationTree force, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(force);
    return method != null && catches(handler, method, state);
  }

  private static List<Type> caughtTypes(CatchTree handler) {
    Tree type = handler.getParameter().getType();
    List<Type> types = new ArrayList<>();
    for (Tree alternative :
        type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type)) {
      Type caught = ASTHelpers.getType(alternative);
      if (caught != null) {
        types.add(caught);
      }
    }
    return types;
  }

  /**
   * Whether the handler lets the failure go: each of its statements only reports it, or sets a
   * local variable that nothing reads.
   */
  static boolean swallows(CatchTree handler, TreePath handlerPath, VisitorState state) {
    TreePath code = enclosingCode(handlerPath);
    for (StatementTree statement : handler.getBlock().getStatements()) {
      if (statement instanceof EmptyStatementTree) {
        continue;
      }
      if (!(statement instanceof ExpressionStatementTree expression)) {
        return false;
      }
      ExpressionTree effect = expression.getExpression();
      if (effect instanceof MethodInvocationTree call) {
        if (!onlyReports(call, handler)) {
          return false;
        }
        continue;
      }
      ExpressionTree variable =
          effect instanceof AssignmentTree assignment
              ? assignment.getVariable()
              : effect instanceof CompoundAssignmentTree compound
                  ? compound.getVariable()
                  : effect instanceof UnaryTree unary ? unary.getExpression() : null;
      Symbol assigned = variable instanceof IdentifierTree ? ASTHelpers.getSymbol(variable) : null;
      if (assigned == null || assigned.getKind() != ElementKind.LOCAL_VARIABLE || code == null) {
        return false;
      }
      // A boolean flag may be read afterwards: whether the failed file is still published is then
      // decided path by path (FailurePaths). Any other variable must go unread.
      if (assigned.asType().getKind() != TypeKind.BOOLEAN
          && isReadOutside(assigned, code.getLeaf(), handler)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code call} only reports the failure: a logging call, or a metrics counter bumped
   * without being handed the failure (which the counter could rethrow).
   */
  private static boolean onlyReports(MethodInvocationTree call, CatchTree handler) {
    Symbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return false;
    }
    String name = callee.getSimpleName().toString();
    if (KnownNames.REPORTING.contains(name)) {
      return true;
    }
    Symbol failure = ASTHelpers.getSymbol(handler.getParameter());
    return KnownNames.COUNTING.contains(name)
        && call.getArguments().stream()
            .noneMatch(argument -> ASTHelpers.getSymbol(argument) == failure);
  }

  /** Whether {@code code} is a method that returns {@code void} (a lambda's result is unknown). */
  private static boolean returnsNothing(TreePath code) {
    if (!(code.getLeaf() instanceof MethodTree method)) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && symbol.getReturnType().getKind() == TypeKind.VOID;
  }

  private static boolean isDataForce(Action action) {
    return action.effect() == Effect.FORCE;
  }

  /** Whether {@code variable} is read anywhere in {@code code} outside {@code handler}. */
  private static boolean isReadOutside(Symbol variable, Tree code, CatchTree handler) {
    boolean[] read = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitCatch(CatchTree tree, Void unused) {
        return tree == handler ? null : super.visitCatch(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        // The variable assigned is not read; what is assigned may read it.
        if (!(tree.getVariable() instanceof IdentifierTree)) {
          scan(tree.getVariable(), null);
        }
        return scan(tree.getExpression(), null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable) {
          read[0] = true;
        }
        return null;
      }
    }.scan(code, null);
    return read[0];
  }

  /**
   * The first force in {@code block} of the file {@code forced} names, outside lambdas and classes.
   */
  private static MethodInvocationTree forceIn(
      BlockTree block, String forced, VisitorState state, FsyncOptions options) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    MethodInvocationTree[] found = new MethodInvocationTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Action action = found[0] == null ? analysis.forceOf(call) : null;
        if (action != null && forced.equals(operandText(call, action, state))) {
          found[0] = call;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(block, null);
    return found[0];
  }

  /** The forced operand as written, without spaces; null when the force has none. */
  private static String operandText(MethodInvocationTree force, Action action, VisitorState state) {
    ExpressionTree operand =
        action.operand() == Action.EVERY_ARGUMENT
            ? (force.getArguments().isEmpty() ? null : force.getArguments().get(0))
            : action.operandIn(force);
    String text = operand == null ? null : state.getSourceForNode(operand);
    return text == null ? null : text.replaceAll("\\s+", "");
  }

  /** A try block that leaves the loop, or the method, once its force succeeded. */
  private static boolean leavesOnSuccess(BlockTree block) {
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof BreakTree || statement instanceof ReturnTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * A handler after which the loop goes round again: it neither throws, returns nor breaks, and
   * hands the failure to no method but a reporting one (that method may rethrow it, or retry only
   * failures that are not of the force, such as an interrupt that closed the channel).
   */
  private static boolean mayGoRound(CatchTree handler) {
    for (StatementTree statement : handler.getBlock().getStatements()) {
      if (statement instanceof ThrowTree
          || statement instanceof ReturnTree
          || statement instanceof BreakTree) {
        return false;
      }
    }
    Symbol failure = ASTHelpers.getSymbol(handler.getParameter());
    boolean[] handedOn = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol callee = ASTHelpers.getSymbol(call);
        if (callee == null || !KnownNames.REPORTING.contains(callee.getSimpleName().toString())) {
          for (ExpressionTree argument : call.getArguments()) {
            handedOn[0] |=
                argument instanceof IdentifierTree && ASTHelpers.getSymbol(argument) == failure;
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(handler.getBlock(), null);
    return !handedOn[0];
  }

  /**
   * Whether the call at {@code path} can meet a handler here: it is in a {@code try} block with a
   * handler, or in a handler, before the method's, lambda's or class's boundary. A cheap test that
   * spares every other call the look-up of what it forces.
   */
  private static boolean mayBeHandled(TreePath path) {
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (isBoundary(leaf)) {
        return false;
      }
      if (leaf instanceof CatchTree
          || (leaf instanceof TryTree attempt
              && !attempt.getCatches().isEmpty()
              && isInBlock(path, attempt))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path}'s leaf is the body of a loop, directly or as the only block in it. */
  private static boolean isLoopBody(TreePath path) {
    Tree leaf = path.getLeaf();
    if (leaf instanceof BlockTree && path.getParentPath() != null) {
      leaf = path.getParentPath().getLeaf();
    }
    return leaf instanceof WhileLoopTree
        || leaf instanceof DoWhileLoopTree
        || leaf instanceof ForLoopTree;
  }

  private static List<TreePath> renameSites(
      TreePath code, VisitorState state, FsyncAnalysis analysis) {
    List<TreePath> sites = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (RenameSites.renameOf(call, analysis) != null
            || analysis.tableCopy(call, ASTHelpers.getSymbol(call)) != null) {
          sites.add(getCurrentPath());
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
    return sites;
  }

  private static TreePath enclosingCode(TreePath path) {
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return at;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static boolean isBoundary(Tree tree) {
    return tree instanceof MethodTree
        || tree instanceof LambdaExpressionTree
        || tree instanceof ClassTree;
  }
}
