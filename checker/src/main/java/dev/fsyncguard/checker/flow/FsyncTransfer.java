package dev.fsyncguard.checker.flow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.flow.FileApis.Rule;
import dev.fsyncguard.checker.flow.FileState.Level;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
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
import org.checkerframework.errorprone.dataflow.cfg.node.ExplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ClassNameNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ImplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.StringLiteralNode;

/**
 * The transfer function of the durability analysis: how each node of a method's control-flow graph
 * changes which files are dirty, forced or buffered. One instance per compilation, so Error Prone's
 * dataflow cache is shared by every rename site of a method.
 */
public final class FsyncTransfer
    extends AbstractNodeVisitor<
        TransferResult<FileValue, FileStore>, TransferInput<FileValue, FileStore>>
    implements ForwardTransferFunction<FileValue, FileStore> {

  private static final Context.Key<FsyncTransfer> KEY = new Context.Key<>();

  private final VisitorState state;
  private final ImmutableList<Rule> rules;

  private FsyncTransfer(VisitorState state, ImmutableList<Rule> rules) {
    this.state = state;
    this.rules = rules;
  }

  /** The transfer function of this compilation. */
  public static FsyncTransfer instance(Context context) {
    FsyncTransfer transfer = context.get(KEY);
    if (transfer == null) {
      transfer = new FsyncTransfer(VisitorState.createForUtilityPurposes(context), FileApis.rules());
      context.put(KEY, transfer);
    }
    return transfer;
  }

  @Override
  public FileStore initialStore(UnderlyingAST underlyingAST, List<LocalVariableNode> parameters) {
    return FileStore.EMPTY;
  }

  @Override
  public TransferResult<FileValue, FileStore> visitNode(
      Node node, TransferInput<FileValue, FileStore> input) {
    return new RegularTransferResult<>(freshName(node), input.getRegularStore());
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
    if (canBeSwitch && isBoolean(variable.asType()) && store.hasDirtyFile()) {
      return new ConditionalTransferResult<>(value, store, store.excuseDirtyFiles());
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
  public TransferResult<FileValue, FileStore> visitAssignment(
      AssignmentNode node, TransferInput<FileValue, FileStore> input) {
    FileValue value = input.getValueOfSubNode(node.getExpression());
    FileStore store = input.getRegularStore();
    Node target = node.getTarget();
    if (target instanceof LocalVariableNode local) {
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

  @Override
  public TransferResult<FileValue, FileStore> visitMethodInvocation(
      MethodInvocationNode node, TransferInput<FileValue, FileStore> input) {
    MethodInvocationTree tree = node.getTree();
    if (tree == null) {
      return visitNode(node, input);
    }
    Call call = new Call(tree, node.getTarget().getReceiver(), node.getArguments(), input);
    return apply(call, node);
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

  private TransferResult<FileValue, FileStore> apply(Call call, Node node) {
    for (Rule rule : rules) {
      if (rule.matches(call.tree, state)) {
        TransferResult<FileValue, FileStore> result = apply(rule, call);
        if (result != null) {
          return result;
        }
      }
    }
    return unknownCall(call, node);
  }

  /** Applies one rule; null when its operand is not a file it can act on. */
  private TransferResult<FileValue, FileStore> apply(Rule rule, Call call) {
    FileValue operand = call.operand(rule.operand());
    FileKey file = operand == null ? null : operand.file();
    if (file == null) {
      return null;
    }
    FileStore store = call.store();
    int position = call.position();
    switch (rule.effect()) {
      case NAME_OF:
        if (!operand.isName() || (rule.operand() >= 0 && call.sourceArgumentCount() != 1)) {
          return null;
        }
        return result(FileValue.name(file), store);
      case OPEN:
        if (operand.isHandle()) {
          return result(
              FileValue.handle(file, rule.buffered() || operand.isBuffered(), operand.isSynchronous()),
              store);
        }
        Opening.Mode mode = rule.opening().of(call.tree, state);
        if (mode.truncates() && !mode.synchronous()) {
          store = write(store, file, Level.DIRTY, position);
        }
        return result(FileValue.handle(file, rule.buffered(), mode.synchronous()), store);
      case DESCRIPTOR:
        return operand.isHandle()
            ? result(FileValue.handle(file, false, operand.isSynchronous()), store)
            : null;
      case WRITE:
        if (operand.isHandle()) {
          return result(operand, writeThrough(store, operand, position));
        }
        if (!rule.opening().of(call.tree, state).synchronous()) {
          store = write(store, file, Level.DIRTY, position);
        }
        return result(FileValue.name(file), store);
      case WRITE_AND_FLUSH:
        if (!operand.isHandle()) {
          return null;
        }
        return result(null, flush(writeThrough(store, operand, position), operand, position));
      case FLUSH:
      case CLOSE:
        return operand.isHandle() ? result(operand, flush(store, operand, position)) : null;
      case FORCE:
        return result(null, force(store, file, position));
      case MAP:
        return operand.isHandle()
            ? result(FileValue.handle(file, false, false), write(store, file, Level.DIRTY, position))
            : null;
      case RENAME:
        FileValue target = call.operand(rule.target());
        FileState verdict = store.state(file);
        return result(
            FileValue.renamed(target == null ? null : target.file(), verdict),
            store.update(file, s -> FileState.UNTOUCHED));
      case DELETE:
        return result(null, store.update(file, s -> FileState.UNTOUCHED));
    }
    return null;
  }

  /**
   * A call no rule describes. Handles passed to it are written (it was given an open stream for a
   * reason), closed or forced, as its name suggests; names passed to a force-like method are forced.
   */
  private TransferResult<FileValue, FileStore> unknownCall(Call call, Node node) {
    String name = call.methodName();
    boolean forceLike = name != null && ForceNames.looksLikeForce(name);
    boolean closeLike = name != null && ForceNames.looksLikeClose(name);
    boolean constructor = call.tree instanceof NewClassTree;
    boolean returnsHandle = constructor || isHandleType(ASTHelpers.getType(call.tree));
    FileStore store = call.store();
    int position = call.position();
    FileValue wrapped = null;
    FileValue receiver = call.operand(FileApis.RECEIVER);
    if (receiver != null && receiver.file() != null && forceLike) {
      store = force(store, receiver.file(), position);
    }
    for (int i = 0; i < call.argumentCount(); i++) {
      FileValue argument = call.operand(i);
      if (argument == null || argument.file() == null) {
        continue;
      }
      if (forceLike) {
        store = force(store, argument.file(), position);
      } else if (!argument.isHandle()) {
        continue;
      } else if (closeLike) {
        store = flush(store, argument, position);
      } else if (returnsHandle) {
        wrapped = wrapped == null ? argument : wrapped;
      } else {
        store = writeThrough(store, argument, position);
      }
    }
    return result(wrapped != null ? wrapped : freshName(node), store);
  }

  private static FileStore write(FileStore store, FileKey file, Level level, int position) {
    return store.update(
        file, s -> FileState.dirty(s.level().compareTo(level) > 0 ? s.level() : level, position));
  }

  private static FileStore writeThrough(FileStore store, FileValue handle, int position) {
    if (handle.isBuffered()) {
      return write(store, handle.file(), Level.BUFFERED, position);
    }
    return handle.isSynchronous() ? store : write(store, handle.file(), Level.DIRTY, position);
  }

  /** Empties the handle's Java buffer into the OS; a synchronous descriptor makes that durable. */
  private static FileStore flush(FileStore store, FileValue handle, int position) {
    if (!handle.isBuffered()) {
      return store;
    }
    return store.update(
        handle.file(),
        s -> s.level() != Level.BUFFERED
            ? s
            : handle.isSynchronous()
                ? FileState.forced(position)
                : new FileState(Level.DIRTY, s.position(), s.excused()));
  }

  /** A force covers what reached the OS; bytes still in a Java buffer are not covered. */
  private static FileStore force(FileStore store, FileKey file, int position) {
    return store.update(file, s -> s.level() == Level.BUFFERED ? s : FileState.forced(position));
  }

  private static TransferResult<FileValue, FileStore> result(FileValue value, FileStore store) {
    return new RegularTransferResult<>(value, store);
  }

  /** Every expression of a name type that nothing else explains names a file of its own. */
  private FileValue freshName(Node node) {
    Tree tree = node.getTree();
    return tree != null && isNameType(node.getType()) ? FileValue.name(new FileKey(tree)) : null;
  }

  private boolean isNameType(TypeMirror type) {
    if (!(type instanceof Type t) || t.tsym == null || t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String name = t.tsym.getQualifiedName().toString();
    return name.equals("java.lang.String")
        || name.equals(FileApis.PATH)
        || name.equals(FileApis.FILE)
        || isSubtype(t, FileApis.PATH)
        || isSubtype(t, FileApis.FILE);
  }

  private boolean isHandleType(Type type) {
    return type != null
        && (isSubtype(type, "java.io.Closeable")
            || isSubtype(type, "java.io.Flushable")
            || isSubtype(type, "java.io.FileDescriptor"));
  }

  private boolean isSubtype(Type type, String supertype) {
    Type superType = state.getTypeFromString(supertype);
    return superType != null && ASTHelpers.isSubtype(type, superType, state);
  }

  private boolean isBoolean(TypeMirror type) {
    return type instanceof Type t
        && state.getTypes().unboxedTypeOrType(t).getKind() == TypeKind.BOOLEAN;
  }

  /** A call or constructor and the values of its operands. */
  private static final class Call {
    final ExpressionTree tree;
    private final Node receiver;
    private final List<Node> arguments;
    private final TransferInput<FileValue, FileStore> input;

    Call(ExpressionTree tree, Node receiver, List<Node> arguments,
        TransferInput<FileValue, FileStore> input) {
      this.tree = tree;
      this.receiver = receiver;
      this.arguments = arguments;
      this.input = input;
    }

    FileValue operand(int index) {
      Node node = index == FileApis.RECEIVER ? receiver
          : index < arguments.size() ? arguments.get(index) : null;
      if (node == null) {
        return null;
      }
      if (node.isLValue()) {
        // The synthetic close() of a try-with-resources names its resource variable as an lvalue.
        return node instanceof LocalVariableNode local
            ? input.getRegularStore().binding(local.getElement())
            : null;
      }
      return input.getValueOfSubNode(node);
    }

    int argumentCount() {
      return arguments.size();
    }

    /** Arguments as written: a varargs call's CFG wraps its trailing arguments in one array. */
    int sourceArgumentCount() {
      return tree instanceof MethodInvocationTree invocation
          ? invocation.getArguments().size()
          : ((NewClassTree) tree).getArguments().size();
    }

    FileStore store() {
      return input.getRegularStore();
    }

    int position() {
      return ASTHelpers.getStartPosition(tree);
    }

    String methodName() {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol == null ? null : symbol.getSimpleName().toString();
    }
  }
}
