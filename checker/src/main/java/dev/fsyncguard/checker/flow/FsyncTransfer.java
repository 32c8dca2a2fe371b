package dev.fsyncguard.checker.flow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.flow.FileApis.Rule;
import dev.fsyncguard.checker.flow.FileState.Level;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.checkerframework.errorprone.dataflow.cfg.node.ClassNameNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ExplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ImplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.NullLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.StringLiteralNode;

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

  private final FsyncAnalysis analysis;
  private final VisitorState state;
  private final Mode mode;

  /** Where a graph of part of a method starts: the store the part before it ends with. */
  private final FileStore entry;

  FsyncTransfer(FsyncAnalysis analysis, Mode mode) {
    this(analysis, mode, null);
  }

  private FsyncTransfer(FsyncAnalysis analysis, Mode mode, FileStore entry) {
    this.analysis = analysis;
    this.state = analysis.state;
    this.mode = mode;
    this.entry = entry;
  }

  /** This transfer function for a graph of statements reached with {@code store}. */
  FsyncTransfer startingFrom(FileStore store) {
    return new FsyncTransfer(analysis, mode, store);
  }

  @Override
  public FileStore initialStore(UnderlyingAST underlyingAST, List<LocalVariableNode> parameters) {
    if (entry != null) {
      return entry;
    }
    FileStore store = FileStore.EMPTY;
    if (mode == Mode.SUMMARY) {
      for (LocalVariableNode parameter : parameters) {
        Element element = parameter.getElement();
        FileKey file = new FileKey(element);
        if (isHandleType(element.asType())) {
          store = store.bind(element, FileValue.handle(file, false, false));
        } else if (!isNameType(element.asType())) {
          continue;
        }
        store = store.update(file, s -> FileState.given());
      }
      if (underlyingAST instanceof UnderlyingAST.CFGMethod method
          && ASTHelpers.getSymbol(method.getMethod()) != null) {
        store = withOwnFields(store, ASTHelpers.getSymbol(method.getMethod()));
      }
    }
    return store;
  }

  /**
   * A summarised method's own fields on entry: names as its parameters are; streams as handles on
   * files it does not know, buffered unless their type never is ({@code FileOutputStream}, {@code
   * FileChannel}), so that what it drains, writes and forces through them can be told apart for the
   * caller, who knows what they are open on.
   */
  private FileStore withOwnFields(FileStore store, MethodSymbol method) {
    for (Symbol.VarSymbol field : analysis.summaries.ownFileFields(method)) {
      FileKey file = new FileKey(field);
      if (isHandleType(field.asType())) {
        boolean buffered = !analysis.types.isUnbuffered(field.asType());
        store = store.bind(field, FileValue.handle(file, buffered, false));
        store = store.update(file, s -> buffered ? FileState.givenBuffered() : FileState.given());
      } else {
        store = store.update(file, s -> FileState.given());
      }
    }
    return store;
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
   * Reads a variable. A boolean parameter or field read as a condition is a durability switch: on
   * its false branch, files already dirty are excused (the knob belongs to the author).
   */
  private TransferResult<FileValue, FileStore> read(
      Element variable, TransferInput<FileValue, FileStore> input, boolean canBeSwitch) {
    FileStore store = input.getRegularStore();
    FileValue value = store.binding(variable);
    if (value == null && isNameType(variable.asType())) {
      value = FileValue.name(new FileKey(variable));
    }
    if (canBeSwitch && isBoolean(variable.asType())) {
      return new ConditionalTransferResult<>(value, store, store.switchOff());
    }
    return new RegularTransferResult<>(value, store);
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
    return nullTest(node.getLeftOperand(), node.getRightOperand(), false, input);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitEqualTo(
      EqualToNode node, TransferInput<FileValue, FileStore> input) {
    return nullTest(node.getLeftOperand(), node.getRightOperand(), true, input);
  }

  /**
   * {@code dir != null} of a directory with a pending rename: where it is null (a relative name
   * with no parent), there is no directory to force, and the author's test says so.
   */
  private TransferResult<FileValue, FileStore> nullTest(
      Node left, Node right, boolean nullWhenTrue, TransferInput<FileValue, FileStore> input) {
    Node tested =
        right instanceof NullLiteralNode ? left : left instanceof NullLiteralNode ? right : null;
    FileValue value = tested == null ? null : input.getValueOfSubNode(tested);
    FileStore store = input.getRegularStore();
    FileKey directory = value == null || !value.isName() ? null : value.file();
    if (directory == null || store.rawState(directory).level() != Level.DIRECTORY_PENDING) {
      return new RegularTransferResult<>(null, store);
    }
    FileStore absent = store.update(directory, s -> FileState.UNTOUCHED);
    return nullWhenTrue
        ? new ConditionalTransferResult<>(null, absent, store)
        : new ConditionalTransferResult<>(null, store, absent);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitAssignment(
      AssignmentNode node, TransferInput<FileValue, FileStore> input) {
    FileValue value = input.getValueOfSubNode(node.getExpression());
    FileStore store = input.getRegularStore();
    Node target = node.getTarget();
    if (target instanceof LocalVariableNode local) {
      // The variable names another file now (a loop variable, each time round).
      store = store.update(new FileKey(local.getElement()), s -> FileState.UNTOUCHED);
      store = store.bind(local.getElement(), value);
    } else if (target instanceof FieldAccessNode field && isOwnField(field)) {
      store = store.bind(field.getElement(), value);
    }
    return new RegularTransferResult<>(value, store);
  }

  private static boolean isOwnField(FieldAccessNode field) {
    Node receiver = field.getReceiver();
    return field.isStatic()
        || receiver instanceof ImplicitThisNode
        || receiver instanceof ExplicitThisNode
        || receiver instanceof ClassNameNode;
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
    if (analysis.forceNames.of((Symbol) node.getMethod()) != ForceNames.Intent.FORCE) {
      // Every force of a receiver is named so (force, sync): the name spares the others a look-up.
      return plain;
    }
    Tree select = node.getTree();
    Action action =
        select instanceof ExpressionTree expression ? analysis.forceOf(expression) : null;
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
            : failedForce(plain.getRegularStore(), file, ASTHelpers.getStartPosition(select));
    return failed == null
        ? plain
        : new RegularTransferResult<>(
            plain.getResultValue(),
            plain.getRegularStore(),
            new FailureStores(method.getThrownTypes(), failed, state));
  }

  @Override
  public TransferResult<FileValue, FileStore> visitMethodInvocation(
      MethodInvocationNode node, TransferInput<FileValue, FileStore> input) {
    MethodInvocationTree tree = node.getTree();
    if (tree == null) {
      return visitNode(node, input);
    }
    return apply(new Call(tree, node.getTarget().getReceiver(), node.getArguments(), input), node);
  }

  @Override
  public TransferResult<FileValue, FileStore> visitObjectCreation(
      ObjectCreationNode node, TransferInput<FileValue, FileStore> input) {
    NewClassTree tree = node.getTree();
    if (tree == null) {
      return visitNode(node, input);
    }
    return apply(new Call(tree, null, node.getArguments(), input), node);
  }

  /** The table first, then what the callee's annotations or body say, then the fallback. */
  private TransferResult<FileValue, FileStore> apply(Call call, Node node) {
    if (call.tree instanceof MethodInvocationTree invocation
        && FileApis.runsArgumentsBeforeReturning(invocation, call.symbol, state)) {
      for (ExpressionTree argument : invocation.getArguments()) {
        call.store = analysis.inlineBodies.afterRunning(argument, call.store, this);
      }
    }
    for (Rule rule : analysis.rulesFor(call.symbol)) {
      if (rule.matches(call.tree, state)) {
        FileValue value = apply(rule.action(), call);
        if (call.applied) {
          return call.failed != null
              ? new ConditionalTransferResult<>(value, call.store, call.failed)
              : result(value, call);
        }
      }
    }
    ImmutableList<Action> actions =
        analysis.calleeActions(call.symbol instanceof MethodSymbol method ? method : null);
    if (actions != null) {
      FileValue value = null;
      FileStore forceFailed = null;
      for (Action action : actions) {
        FileValue result = apply(action, call);
        value = action.effect() == Effect.RENAME && call.applied ? result : value;
        forceFailed = call.forceFailed != null ? call.forceFailed : forceFailed;
      }
      call.forceFailed = forceFailed;
      if (value == null) {
        value = derivedName(call);
      }
      FileValue fresh = value != null ? null : freshName(node);
      call.store = forgetFresh(call.store, fresh);
      return result(value != null ? value : fresh, call);
    }
    return unknownCall(call, node);
  }

  /**
   * Applies one action, updating {@code call.store}; {@code call.applied} tells whether its operand
   * was a file it could act on. Returns the call's value.
   */
  private FileValue apply(Action action, Call call) {
    call.applied = false;
    call.failed = null;
    call.forceFailed = null;
    if (action.operand() == Operand.EVERY_ARGUMENT) {
      boolean any = false;
      for (int i = 0; i < call.argumentCount(); i++) {
        apply(Action.on(action.effect(), i), call);
        any |= call.applied;
      }
      call.applied = any;
      return null;
    }
    FileValue operand = operandOf(call, action.operand());
    FileKey file = operand == null ? null : operand.file();
    if (file == null) {
      return null;
    }
    int position = call.position();
    FileStore store = call.store;
    FileValue value = null;
    switch (action.effect()) {
      case NAME_OF:
        if (!operand.isName()
            || (action.operand() != Operand.RECEIVER && call.sourceArgumentCount() != 1)) {
          return null;
        }
        value = FileValue.name(file);
        break;
      case PARENT_OF:
        if (!operand.isName()) {
          return null;
        }
        value = FileValue.name(file.directory());
        break;
      case CHILD_OF:
      case SIBLING_OF:
        if (!operand.isName()
            || (action.operand() != Operand.RECEIVER && call.sourceArgumentCount() != 2)) {
          return null;
        }
        FileKey child =
            FileKey.child(
                action.effect() == Effect.SIBLING_OF ? file.directory() : file, call.tree);
        // Each evaluation names a file of its own, as any fresh name does.
        store = store.update(child, s -> FileState.UNTOUCHED);
        value = FileValue.name(child);
        break;
      case OPEN:
        if (operand.isHandle()) {
          value = wrap(action, operand);
          break;
        }
        Opening.Mode opened = action.opening().of(call.tree, state);
        if (!opened.known()) {
          // Options the analysis cannot see: writes through it count as durable, so they never
          // produce a finding, and a force through it still forces the file.
          value = FileValue.handle(file, false, true);
          break;
        }
        if (opened.truncates() && !opened.synchronous()) {
          store = write(store, file, Level.DIRTY, position);
        }
        value = FileValue.handle(file, action.buffered(), opened.synchronous());
        break;
      case DESCRIPTOR:
        if (!operand.isHandle()) {
          return null;
        }
        // Getting the descriptor to force it is the first step of the force: its failure reaches
        // the same handler as the force's (out.getFD().sync() starts where getFD() does).
        call.forceFailed = failedForce(store, file, position);
        value = FileValue.handle(file, false, operand.isSynchronous());
        break;
      case WRITE:
        if (operand.isHandle()) {
          store = writeThrough(store, operand, position);
          value = operand;
        } else {
          store = writeByName(store, action, call.tree, file, position);
          value = FileValue.name(file);
        }
        break;
      case WRITE_AND_FLUSH:
      case WRITE_AND_CLOSE:
        if (!operand.isHandle()) {
          // By name, the callee opens, writes and closes the file itself.
          store = writeByName(store, action, call.tree, file, position);
          break;
        }
        store = writeThrough(store, operand, position);
        if (action.effect() == Effect.WRITE_AND_CLOSE || !operand.holdsOnFlush()) {
          store = drain(store, operand, position);
        }
        break;
      case FLUSH:
      case CLOSE:
        if (!operand.isHandle()) {
          return null;
        }
        if (action.effect() == Effect.CLOSE || !operand.holdsOnFlush()) {
          store = drain(store, operand, position);
        }
        value = operand;
        break;
      case FORCE:
        call.forceFailed = failedForce(store, file, position);
        store = force(store, file, position);
        break;
      case FORCE_DIRECTORY:
        // A directory force commits the renames into it, never a file's data.
        call.forceFailed =
            store.rawState(file).level() == Level.DIRECTORY_PENDING
                ? failedForce(store, file, position)
                : null;
        store = store.rawState(file).isWritten() ? store : force(store, file, position);
        break;
      case FORCE_FAILURE_LET_GO:
        // The callee forced, and on some of its paths the force failed and it said nothing.
        FileStore failed = failedForce(store, file, position);
        store = failed != null ? failed : force(store, file, position);
        break;
      case FORCE_ON_SOME_PATHS:
        store =
            store.update(file, s -> s.level() == Level.DIRTY ? s.forcedOnSomePathAt(position) : s);
        break;
      case MAP:
        if (!operand.isHandle()) {
          return null;
        }
        store = write(store, file, Level.DIRTY, position);
        value = FileValue.handle(file, false, false);
        break;
      case RENAME:
      case COPY:
        boolean copy = action.effect() == Effect.COPY;
        FileValue target = operandOf(call, action.target());
        FileKey targetFile = target == null ? null : target.file();
        if (copy && (!operand.isName() || target == null || !target.isName())) {
          return null; // a stream in or out: the table's next rule says what it writes
        }
        value =
            FileValue.renamed(
                targetFile,
                new RenameVerdict(
                    file,
                    store.state(file),
                    store.rawState(file).level() == Level.BUFFERED
                        ? store.bufferedHandleOn(file)
                        : null,
                    targetFile,
                    targetFile == null ? FileState.UNTOUCHED : store.state(targetFile),
                    copy));
        if (copy) {
          store = writeByName(store, action, call.tree, targetFile, position);
          break;
        }
        if (call.returnsBoolean()) {
          // File.renameTo reports failure by returning false: then nothing moved.
          call.failed = store;
        }
        store = store.update(file, s -> FileState.UNTOUCHED);
        if (targetFile != null && isJdk(call.symbol)) {
          // A helper forces what it renames, or not, in its own body; the JDK never does.
          int epoch = store.epoch();
          store = store.update(targetFile, s -> FileState.renamedInto(position));
          store =
              store.update(
                  targetFile.directory(), s -> FileState.directoryPending(position, epoch));
        } else if (targetFile != null) {
          store =
              store.update(targetFile, s -> s.level() == Level.DELETED ? FileState.UNTOUCHED : s);
        }
        break;
      case DELETE:
        store = store.update(file, s -> FileState.deleted(position));
        break;
      case HOLD:
        if (!call.onOwnObject()) {
          return null;
        }
        store =
            store.bind(
                action.targetField(),
                FileValue.handle(
                    file, action.buffered() || operand.isBuffered(), operand.isSynchronous()));
        break;
    }
    call.store = store;
    call.applied = true;
    return value;
  }

  /**
   * The value of an action's operand in {@code call}: an argument or the receiver, or a field of
   * the callee's object, which is the caller's own only when the call is on {@code this}.
   */
  private FileValue operandOf(Call call, Operand operand) {
    if (!(operand instanceof Operand.OwnField own)) {
      return call.operand(operand);
    }
    Symbol field = own.field();
    if (field == null || !call.onOwnObject()) {
      return null;
    }
    FileValue bound = call.store.binding(field);
    if (bound != null) {
      return bound;
    }
    return isNameType(field.asType()) ? FileValue.name(new FileKey(field)) : null;
  }

  /**
   * A call nothing describes. Handles passed to it are written (it was given an open stream for a
   * reason), closed or forced, as its name suggests; names passed to a force-like method are
   * forced.
   */
  private TransferResult<FileValue, FileStore> unknownCall(Call call, Node node) {
    ForceNames.Intent intent = analysis.forceNames.of(call.symbol);
    boolean forceLike = intent == ForceNames.Intent.FORCE;
    boolean closeLike = intent == ForceNames.Intent.CLOSE;
    boolean returnsHandle =
        call.tree instanceof NewClassTree || isHandleType(ASTHelpers.getType(call.tree));
    FileStore store = call.store;
    int position = call.position();
    FileValue wrapped = null;
    FileValue receiver = call.operand(Operand.RECEIVER);
    if (receiver != null && receiver.file() != null && forceLike) {
      store = force(store, receiver.file(), position);
    }
    for (int i = 0; i < call.argumentCount(); i++) {
      FileValue argument = call.operand(Operand.argument(i));
      if (argument == null || argument.file() == null) {
        continue;
      }
      if (forceLike) {
        store = force(store, argument.file(), position);
      } else if (!argument.isHandle()) {
        continue;
      } else if (closeLike) {
        store = drain(store, argument, position);
      } else if (returnsHandle) {
        wrapped = wrapped == null ? argument : wrapped;
      } else {
        store = writeThrough(store, argument, position);
      }
    }
    if (wrapped == null) {
      wrapped = derivedName(call);
    }
    FileValue fresh = wrapped != null ? null : freshName(node);
    return result(wrapped != null ? wrapped : fresh, forgetFresh(store, fresh));
  }

  /**
   * The file a getter or name helper returns, when the same call names the same file each time
   * ({@link DerivedNames}); null otherwise.
   */
  private FileValue derivedName(Call call) {
    if (!(call.symbol instanceof MethodSymbol method)
        || !(call.tree instanceof MethodInvocationTree)
        || !isNameType(method.getReturnType())
        || !analysis.derivedNames.derivesName(method)) {
      return null;
    }
    Object receiver = method.isStatic() ? null : call.receiverIdentity();
    if (!method.isStatic() && receiver == null) {
      return null;
    }
    List<Object> arguments = new ArrayList<>();
    for (int i = 0; i < call.argumentCount(); i++) {
      arguments.add(call.argumentIdentity(i));
    }
    FileKey key = analysis.derivedNames.keyOf(method, receiver, arguments);
    return key == null ? null : FileValue.name(key);
  }

  /**
   * The store after a method reference on {@code handle} ran, {@code effect} being what the table
   * says the method does to its receiver: only writes, flushes and closes are followed.
   */
  FileStore throughReference(Effect effect, FileValue handle, FileStore store, Tree reference) {
    int position = ASTHelpers.getStartPosition(reference);
    switch (effect) {
      case WRITE:
        return writeThrough(store, handle, position);
      case WRITE_AND_FLUSH:
      case WRITE_AND_CLOSE:
        FileStore written = writeThrough(store, handle, position);
        return effect == Effect.WRITE_AND_CLOSE || !handle.holdsOnFlush()
            ? drain(written, handle, position)
            : written;
      case FLUSH:
        return handle.holdsOnFlush() ? store : drain(store, handle, position);
      case CLOSE:
        return drain(store, handle, position);
      default:
        return store;
    }
  }

  /**
   * A handle wrapping {@code operand}: buffered if either buffers; a deflater's hold on flushed
   * bytes carries through every wrapper around it.
   */
  private static FileValue wrap(Action action, FileValue operand) {
    return operand.holdsOnFlush() || action.opening() == Opening.DEFLATES
        ? FileValue.deflating(operand.file(), operand.isSynchronous())
        : FileValue.handle(
            operand.file(), action.buffered() || operand.isBuffered(), operand.isSynchronous());
  }

  private FileStore writeByName(
      FileStore store, Action action, Tree call, FileKey file, int position) {
    Opening.Mode written = action.opening().of(call, state);
    if (!written.known()) {
      return store;
    }
    return written.synchronous()
        ? synchronousWrite(store, file, position)
        : write(store, file, Level.DIRTY, position);
  }

  private static FileStore write(FileStore store, FileKey file, Level level, int position) {
    int epoch = store.epoch();
    return store.update(
        file,
        s -> FileState.dirty(s.level().compareTo(level) > 0 ? s.level() : level, position, epoch));
  }

  private static FileStore writeThrough(FileStore store, FileValue handle, int position) {
    if (handle.isBuffered()) {
      return write(store, handle.file(), Level.BUFFERED, position);
    }
    return handle.isSynchronous()
        ? synchronousWrite(store, handle.file(), position)
        : write(store, handle.file(), Level.DIRTY, position);
  }

  /** A write through a SYNC/DSYNC descriptor is durable when it returns, but covers only itself. */
  private static FileStore synchronousWrite(FileStore store, FileKey file, int position) {
    return store.update(file, s -> s.isDirty() ? s : FileState.forced(position, true));
  }

  /** Empties the handle's Java buffers into the OS; a synchronous descriptor makes that durable. */
  private static FileStore drain(FileStore store, FileValue handle, int position) {
    if (!handle.isBuffered()) {
      return store;
    }
    return store.update(
        handle.file(),
        s ->
            s.level() != Level.BUFFERED
                ? s
                : handle.isSynchronous() ? FileState.forced(position, true) : s.flushed());
  }

  /**
   * A force covers what reached the OS; bytes still in a Java buffer are not covered. A directory
   * into which a file was renamed is forced, and so are the renames into it. A file forced but not
   * written here is not written by the force; forcing the name a file was renamed onto does not
   * commit the rename. A force of a file the method has not touched may be a force of a directory
   * the analysis cannot relate to a rename: every pending directory then counts as forced.
   */
  private static FileStore force(FileStore store, FileKey file, int position) {
    FileState before = store.rawState(file);
    switch (before.level()) {
      case DIRECTORY_PENDING:
        return store.update(file, s -> FileState.forced(position, false));
      case RENAMED_INTO:
      case BUFFERED:
      case FORCE_FAILED:
        // After a failed force, a later one that succeeds says nothing about the data lost.
        return store;
      default:
        if (!before.isWritten()) {
          FileStore forced = store.forceEveryPendingDirectory(position);
          return before.level() == Level.DELETED
              ? forced
              : forced.update(file, s -> FileState.forced(position, false));
        }
        return store.update(file, s -> FileState.forced(position, true));
    }
  }

  /**
   * The store where the force at {@code position} fails with an exception that the method catches:
   * data the force would have covered may be lost, and a directory's renames may be undone.
   */
  private static FileStore failedForce(FileStore store, FileKey file, int position) {
    FileState before = store.rawState(file);
    return before.level() == Level.DIRTY || before.level() == Level.DIRECTORY_PENDING
        ? store.update(file, s -> FileState.forceFailed(position, s.written()))
        : null;
  }

  /** Whether a rename is the JDK's own ({@code Files.move}, {@code File.renameTo}). */
  private static boolean isJdk(Symbol callee) {
    if (callee == null) {
      return false;
    }
    String owner = callee.owner.getQualifiedName().toString();
    return owner.equals(FileApis.FILES) || owner.equals(FileApis.FILE);
  }

  private static TransferResult<FileValue, FileStore> result(FileValue value, FileStore store) {
    return new RegularTransferResult<>(value, store);
  }

  /**
   * The result of {@code call}: for a force, the exceptions the callee declares reach their
   * handlers with the file's force failed (the others, unchecked, leave the method or reach a
   * generic handler as before the call).
   */
  private TransferResult<FileValue, FileStore> result(FileValue value, Call call) {
    if (call.forceFailed == null || !(call.symbol instanceof MethodSymbol method)) {
      return new RegularTransferResult<>(value, call.store);
    }
    return new RegularTransferResult<>(
        value, call.store, new FailureStores(method.getThrownTypes(), call.forceFailed, state));
  }

  /**
   * The store on every exceptional edge of a force, whatever the exception: the graph keys edges by
   * the declared types, their subtypes that handlers catch, and the unchecked ones.
   */
  private static final class FailureStores extends AbstractMap<TypeMirror, FileStore> {
    private final List<? extends TypeMirror> thrown;
    private final FileStore failed;
    private final VisitorState state;

    FailureStores(List<? extends TypeMirror> thrown, FileStore failed, VisitorState state) {
      this.thrown = thrown;
      this.failed = failed;
      this.state = state;
    }

    @Override
    public FileStore get(Object key) {
      // Whatever a force throws, declared or not, it did not complete: its data may be lost.
      return key instanceof Type ? failed : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Map.Entry<TypeMirror, FileStore>> entrySet() {
      Set<Map.Entry<TypeMirror, FileStore>> entries = new LinkedHashSet<>();
      for (TypeMirror declared : thrown) {
        entries.add(new SimpleImmutableEntry<>(declared, failed));
      }
      return entries;
    }
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
    return analysis.types.isName(type);
  }

  private boolean isHandleType(TypeMirror type) {
    return analysis.types.isHandle(type);
  }

  private boolean isBoolean(TypeMirror type) {
    return FileTypes.isBoolean(type);
  }

  /** A call or constructor, the values of its operands, and the store as its actions update it. */
  private static final class Call {
    final ExpressionTree tree;

    /** The method or constructor called; null when javac could not resolve it. */
    final Symbol symbol;

    private final Node receiver;
    private final List<Node> arguments;
    private final TransferInput<FileValue, FileStore> input;
    FileStore store;
    boolean applied;

    /** For a call that returns false when it fails to rename: the store on that branch. */
    FileStore failed;

    /** For a force: the store where it throws a declared exception. */
    FileStore forceFailed;

    Call(
        ExpressionTree tree,
        Node receiver,
        List<Node> arguments,
        TransferInput<FileValue, FileStore> input) {
      this.tree = tree;
      this.symbol = ASTHelpers.getSymbol(tree);
      this.receiver = receiver;
      this.arguments = arguments;
      this.input = input;
      this.store = input.getRegularStore();
    }

    /** The value of the receiver or of an argument; null for anything else. */
    FileValue operand(Operand operand) {
      Node node =
          operand == Operand.RECEIVER
              ? receiver
              : operand instanceof Operand.Argument argument && argument.index() < arguments.size()
                  ? arguments.get(argument.index())
                  : null;
      if (node == null) {
        return null;
      }
      if (node.isLValue()) {
        // The synthetic close() of a try-with-resources names its resource variable as an lvalue.
        return node instanceof LocalVariableNode local ? store.binding(local.getElement()) : null;
      }
      return input.getValueOfSubNode(node);
    }

    int argumentCount() {
      return arguments.size();
    }

    /**
     * Whether the callee runs on the caller's own object (or class), so its fields are the
     * caller's.
     */
    boolean onOwnObject() {
      return receiver == null
          || receiver instanceof ImplicitThisNode
          || receiver instanceof ExplicitThisNode
          || receiver instanceof ClassNameNode;
    }

    /**
     * What names the receiver's object for good: its own object, or a final variable; else null.
     */
    Object receiverIdentity() {
      if (receiver == null
          || receiver instanceof ImplicitThisNode
          || receiver instanceof ExplicitThisNode) {
        return DerivedNames.THIS;
      }
      if (receiver instanceof LocalVariableNode local && isFinal(local.getElement())) {
        return local.getElement();
      }
      if (receiver instanceof FieldAccessNode field
          && isOwnField(field)
          && isFinal(field.getElement())) {
        return field.getElement();
      }
      return null;
    }

    /**
     * What identifies argument {@code index} for good: its file, a constant or a final variable.
     */
    Object argumentIdentity(int index) {
      Node node = arguments.get(index);
      FileValue value = input.getValueOfSubNode(node);
      if (value != null && value.isName() && value.file() != null) {
        return value.file();
      }
      Object constant = node.getTree() == null ? null : ASTHelpers.constValue(node.getTree());
      if (constant != null) {
        return constant;
      }
      return node instanceof LocalVariableNode local && isFinal(local.getElement())
          ? local.getElement()
          : null;
    }

    private static boolean isFinal(Element variable) {
      return variable instanceof Symbol symbol
          && (symbol.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
    }

    /** Arguments as written: a varargs call's CFG wraps its trailing arguments in one array. */
    int sourceArgumentCount() {
      return tree instanceof MethodInvocationTree invocation
          ? invocation.getArguments().size()
          : ((NewClassTree) tree).getArguments().size();
    }

    int position() {
      return ASTHelpers.getStartPosition(tree);
    }

    boolean returnsBoolean() {
      return symbol instanceof MethodSymbol method && FileTypes.isBoolean(method.getReturnType());
    }
  }
}
