package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.Operand;
import java.util.List;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.cfg.node.ClassNameNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ExplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ImplicitThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * A call or constructor in the graph, and the values of its operands. The store the call's effects
 * act on is passed alongside, since each effect hands the next a new one.
 */
final class CallSite {
  final ExpressionTree tree;

  /** The method or constructor called; null when javac could not resolve it. */
  final Symbol symbol;

  private final Node receiver;
  private final List<Node> arguments;
  private final TransferInput<FileValue, FileStore> input;

  CallSite(
      ExpressionTree tree,
      Node receiver,
      List<Node> arguments,
      TransferInput<FileValue, FileStore> input) {
    this.tree = tree;
    this.symbol = ASTHelpers.getSymbol(tree);
    this.receiver = receiver;
    this.arguments = arguments;
    this.input = input;
  }

  /**
   * The value of {@code operand} in {@code store}: the receiver or an argument, or a field of the
   * callee's object, which is the caller's own only when the call is on itself; null for anything
   * else.
   */
  FileValue value(Operand operand, FileStore store, FileTypes types) {
    if (operand instanceof Operand.OwnField own) {
      return ownField(own.field(), store, types);
    }
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

  private FileValue ownField(Symbol field, FileStore store, FileTypes types) {
    if (field == null || !onOwnObject()) {
      return null;
    }
    FileValue bound = store.binding(field);
    if (bound != null) {
      return bound;
    }
    return types.isName(field.asType()) ? FileValue.name(new FileKey(field)) : null;
  }

  TransferInput<FileValue, FileStore> input() {
    return input;
  }

  int argumentCount() {
    return arguments.size();
  }

  /**
   * Whether the callee runs on the caller's own object (or class), so its fields are the caller's.
   */
  boolean onOwnObject() {
    return receiver == null || isOwn(receiver);
  }

  /** Whether {@code node} is the caller's own object or class. */
  static boolean isOwn(Node node) {
    return node instanceof ImplicitThisNode
        || node instanceof ExplicitThisNode
        || node instanceof ClassNameNode;
  }

  /** What names the receiver's object for good: its own object, or a final variable; else null. */
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
        && (field.isStatic() || isOwn(field.getReceiver()))
        && isFinal(field.getElement())) {
      return field.getElement();
    }
    return null;
  }

  /** What identifies argument {@code index} for good: its file, a constant or a final variable. */
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
