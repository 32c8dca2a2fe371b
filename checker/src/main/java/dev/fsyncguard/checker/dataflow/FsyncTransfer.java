package dev.fsyncguard.checker.dataflow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.FileApis.Rule;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.ForceNames;
import dev.fsyncguard.checker.api.KnownNames;
import dev.fsyncguard.checker.api.Operand;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.StringLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TypeCastNode;

/**
 * The transfer function of the durability analysis: how each node of a method's control-flow graph
 * changes which files are dirty, forced or buffered. One instance per compilation and mode, so
 * Error Prone's dataflow cache is shared by every rename site of a method.
 */
public final class FsyncTransfer
    extends AbstractNodeVisitor<
        TransferResult<FileValue, FileStore>, TransferInput<FileValue, FileStore>>
    implements ForwardTransferFunction<FileValue, FileStore> {

  /** Where the analysis starts. */
  enum Mode {
    /** Checking a method: nothing is known about its parameters' files. */
    CHECK,
    /**
     * Summarising a method for its callers: each file parameter starts dirty, so it ends forced
     * only if the method forces it on every normal path.
     */
    SUMMARY
  }

  private final Mode mode;
  private final VisitorState state;
  private final ApiTable table;
  private final FileTypes types;
  private final ForceNames forceNames;
  private final Summaries summaries;
  private final InlineBodies inlineBodies;
  private final Effects effects;
  private final UnmodelledCalls unmodelled;

  /** Files the checked method's object keeps open for writing; null in summary mode. */
  private final KeptFiles kept;

  /** Where a graph of part of a method starts: the store the part before it ends with. */
  private final FileStore entry;

  FsyncTransfer(
      Mode mode,
      VisitorState state,
      ApiTable table,
      FileTypes types,
      ForceNames forceNames,
      Summaries summaries,
      InlineBodies inlineBodies,
      KeptFiles kept) {
    this.mode = mode;
    this.state = state;
    this.table = table;
    this.types = types;
    this.forceNames = forceNames;
    this.summaries = summaries;
    this.inlineBodies = inlineBodies;
    this.effects = new Effects(state, types);
    this.unmodelled = new UnmodelledCalls(types, forceNames, summaries.derivedNames());
    this.kept = kept;
    this.entry = null;
  }

  private FsyncTransfer(FsyncTransfer base, FileStore entry) {
    this.mode = base.mode;
    this.state = base.state;
    this.table = base.table;
    this.types = base.types;
    this.forceNames = base.forceNames;
    this.summaries = base.summaries;
    this.inlineBodies = base.inlineBodies;
    this.effects = base.effects;
    this.unmodelled = base.unmodelled;
    this.kept = base.kept;
    this.entry = entry;
  }

  /** This transfer function for a graph of statements reached with {@code store}. */
  FsyncTransfer startingFrom(FileStore store) {
    return new FsyncTransfer(this, store);
  }

  @Override
  public FileStore initialStore(UnderlyingAST underlyingAST, List<LocalVariableNode> parameters) {
    if (entry != null) {
      return entry;
    }
    if (mode == Mode.SUMMARY) {
      return summaries.entryStore(underlyingAST, parameters);
    }
    return kept != null && underlyingAST instanceof UnderlyingAST.CFGMethod method
        ? kept.entry(method.getMethod(), method.getClassTree())
        : FileStore.EMPTY;
  }

  @Override
  public TransferResult<FileValue, FileStore> visitNode(
      Node node, TransferInput<FileValue, FileStore> input) {
    FileValue fresh = freshName(node);
    return new RegularTransferResult<>(fresh, forgetFresh(input.getRegularStore(), fresh));
  }

  @Override
  public TransferResult<FileValue, FileStore> visitStringLiteral(
      StringLiteralNode node, TransferInput<FileValue, FileStore> input) {
    return new RegularTransferResult<>(
        FileValue.name(FileKey.literal(node.getValue())), input.getRegularStore());
  }

  @Override
  public TransferResult<FileValue, FileStore> visitLocalVariable(
      LocalVariableNode node, TransferInput<FileValue, FileStore> input) {
    return read(node.getElement(), input, node.getElement().getKind() == ElementKind.PARAMETER);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitFieldAccess(
      FieldAccessNode node, TransferInput<FileValue, FileStore> input) {
    return read(node.getElement(), input, true);
  }

  /**
   * Reads a variable. A boolean parameter or field read as a condition, whose name says durability,
   * is a durability switch: on its false branch, files already dirty are excused (the knob belongs
   * to the author).
   */
  private TransferResult<FileValue, FileStore> read(
      Element variable, TransferInput<FileValue, FileStore> input, boolean canBeSwitch) {
    FileStore store = input.getRegularStore();
    FileValue value = store.binding(variable);
    if (value == null && isNameType(variable.asType())) {
      value = FileValue.name(new FileKey(variable));
    }
    if (canBeSwitch
        && isBoolean(variable.asType())
        && KnownNames.saysDurability(variable.getSimpleName())) {
      return new ConditionalTransferResult<>(value, store, store.switchOff());
    }
    Boolean flag = store.flag(variable);
    if (flag != null) {
      // Read as a condition, a known constant rules one branch out.
      return flag
          ? new ConditionalTransferResult<>(value, store, store.unreachable())
          : new ConditionalTransferResult<>(value, store.unreachable(), store);
    }
    return new RegularTransferResult<>(value, store);
  }

  /** A cast names or is open on the same file: {@code ((FileOutputStream) out).getFD()}. */
  @Override
  public TransferResult<FileValue, FileStore> visitTypeCast(
      TypeCastNode node, TransferInput<FileValue, FileStore> input) {
    FileValue operand = input.getValueOfSubNode(node.getOperand());
    return operand == null
        ? visitNode(node, input)
        : new RegularTransferResult<>(operand, input.getRegularStore());
  }

  @Override
  public TransferResult<FileValue, FileStore> visitConditionalNot(
      ConditionalNotNode node, TransferInput<FileValue, FileStore> input) {
    if (input.containsTwoStores()) {
      return new ConditionalTransferResult<>(null, input.getElseStore(), input.getThenStore());
    }
    return new RegularTransferResult<>(null, input.getRegularStore());
  }

  @Override
  public TransferResult<FileValue, FileStore> visitNotEqual(
      NotEqualNode node, TransferInput<FileValue, FileStore> input) {
    return NullTests.of(node.getLeftOperand(), node.getRightOperand(), false, input);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitEqualTo(
      EqualToNode node, TransferInput<FileValue, FileStore> input) {
    return NullTests.of(node.getLeftOperand(), node.getRightOperand(), true, input);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitAssignment(
      AssignmentNode node, TransferInput<FileValue, FileStore> input) {
    FileValue value = input.getValueOfSubNode(node.getExpression());
    FileStore store = input.getRegularStore();
    Node target = node.getTarget();
    if (target instanceof LocalVariableNode local && isBoolean(local.getType())) {
      Object constant =
          node.getExpression().getTree() == null
              ? null
              : ASTHelpers.constValue(node.getExpression().getTree());
      store = store.withFlag(local.getElement(), constant instanceof Boolean b ? b : null);
    } else if (target instanceof LocalVariableNode local) {
      // The variable names another file now (a loop variable, each time round).
      store = store.update(new FileKey(local.getElement()), s -> FileState.UNTOUCHED);
      store = store.bind(local.getElement(), value);
    } else if (target instanceof FieldAccessNode field
        && (field.isStatic() || CallSite.isOwn(field.getReceiver()))) {
      store = store.bind(field.getElement(), value);
    }
    return new RegularTransferResult<>(value, store);
  }

  /**
   * The graph gives a method's access its own exceptional edge, taken when the receiver is null.
   * For a force of its receiver that edge is the force failing, as the call's own edges are: a
   * handler broad enough to catch it ({@code catch (Exception e)}) would otherwise see the data
   * neither forced nor failed, as if the force were not there.
   */
  @Override
  public TransferResult<FileValue, FileStore> visitMethodAccess(
      MethodAccessNode node, TransferInput<FileValue, FileStore> input) {
    TransferResult<FileValue, FileStore> plain = visitNode(node, input);
    if (forceNames.of((Symbol) node.getMethod()) != ForceNames.Intent.FORCE) {
      // Every force of a receiver is named so (force, sync): the name spares the others a look-up.
      return plain;
    }
    Tree select = node.getTree();
    Action action =
        select instanceof ExpressionTree expression ? summaries.forceOf(expression) : null;
    if (action == null
        || action.operand() != Operand.RECEIVER
        || action.effect() != Effect.FORCE
        || !(node.getMethod() instanceof MethodSymbol method)) {
      return plain;
    }
    FileValue receiver = input.getValueOfSubNode(node.getReceiver());
    FileKey file = receiver == null ? null : receiver.file();
    FileStore failed =
        file == null
            ? null
            : plain.getRegularStore().afterFailedForce(file, ASTHelpers.getStartPosition(select));
    return failed == null
        ? plain
        : new RegularTransferResult<>(
            plain.getResultValue(),
            plain.getRegularStore(),
            new FailureStores(method.getThrownTypes(), failed));
  }

  @Override
  public TransferResult<FileValue, FileStore> visitMethodInvocation(
      MethodInvocationNode node, TransferInput<FileValue, FileStore> input) {
    MethodInvocationTree tree = node.getTree();
    if (tree == null) {
      return visitNode(node, input);
    }
    return apply(
        new CallSite(tree, node.getTarget().getReceiver(), node.getArguments(), input), node);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitObjectCreation(
      ObjectCreationNode node, TransferInput<FileValue, FileStore> input) {
    NewClassTree tree = node.getTree();
    if (tree == null) {
      return visitNode(node, input);
    }
    return apply(new CallSite(tree, null, node.getArguments(), input), node);
  }

  /** The table first, then what the callee's annotations or body say, then the fallback. */
  private TransferResult<FileValue, FileStore> apply(CallSite call, Node node) {
    FileStore store = call.input().getRegularStore();
    if (store.isUnreachable()) {
      return new RegularTransferResult<>(null, store); // no execution makes this call
    }
    if (call.tree instanceof MethodInvocationTree invocation
        && FileApis.runsArgumentsBeforeReturning(invocation, call.symbol, state)) {
      for (ExpressionTree argument : invocation.getArguments()) {
        store = inlineBodies.afterRunning(argument, store, this);
      }
    }
    for (Rule rule : table.rulesFor(call.symbol)) {
      if (rule.matches(call.tree, state)) {
        Outcome outcome = effects.apply(rule.action(), call, store);
        if (outcome != null) {
          return outcome.notRenamed() != null
              ? new ConditionalTransferResult<>(
                  outcome.value(), outcome.store(), outcome.notRenamed())
              : result(outcome.value(), outcome.store(), outcome.forceFailed(), call);
        }
      }
    }
    ImmutableList<Action> actions =
        summaries.actionsOf(call.symbol instanceof MethodSymbol method ? method : null);
    FileValue value = null;
    FileStore forceFailed = null;
    FileStore before = store;
    if (actions == null) {
      Outcome outcome = unmodelled.apply(call, store);
      store = outcome.store();
      value = outcome.value();
    } else {
      for (Action action : actions) {
        Outcome outcome = effects.apply(action, call, store);
        if (outcome != null) {
          store = outcome.store();
          value = action.effect() == Effect.RENAME ? outcome.value() : value;
          forceFailed = outcome.forceFailed() != null ? outcome.forceFailed() : forceFailed;
        }
      }
      value = value != null ? value : unmodelled.derivedName(call);
      if (call.returnsBoolean()
          && actions.stream().anyMatch(a -> a.effect() == Effect.FORCE_FAILURE_LET_GO)) {
        // The callee says by its result whether its force held: where it returns true it did.
        return new ConditionalTransferResult<>(value, effects.held(actions, call, before), store);
      }
    }
    FileValue fresh = value != null ? null : freshName(node);
    return result(value != null ? value : fresh, forgetFresh(store, fresh), forceFailed, call);
  }

  /**
   * The result of {@code call}: for a force, the exceptions the callee declares reach their
   * handlers with the file's force failed, in {@code forceFailed} (the others, unchecked, leave the
   * method or reach a generic handler as before the call).
   */
  private TransferResult<FileValue, FileStore> result(
      FileValue value, FileStore store, FileStore forceFailed, CallSite call) {
    if (forceFailed == null || !(call.symbol instanceof MethodSymbol method)) {
      return new RegularTransferResult<>(value, store);
    }
    return new RegularTransferResult<>(
        value, store, new FailureStores(method.getThrownTypes(), forceFailed));
  }

  /**
   * Each evaluation of such an expression names a new file (a loop's {@code new File(dir, name)} is
   * another file every time round): what the previous one was written with does not carry over.
   */
  private static FileStore forgetFresh(FileStore store, FileValue fresh) {
    return fresh == null ? store : store.update(fresh.file(), s -> FileState.UNTOUCHED);
  }

  /** Every expression of a name type that nothing else explains names a file of its own. */
  private FileValue freshName(Node node) {
    Tree tree = node.getTree();
    return tree != null && isNameType(node.getType()) ? FileValue.name(new FileKey(tree)) : null;
  }

  private boolean isNameType(TypeMirror type) {
    return types.isName(type);
  }

  private boolean isBoolean(TypeMirror type) {
    return FileTypes.isBoolean(type);
  }
}
