package dev.fsyncguard.checker.api;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * What an {@link Action} acts on, or takes a new name from: one of the call's operands, a field of
 * the callee's own object, or something the caller cannot see.
 */
public sealed interface Operand {
  /** The call's receiver. */
  Operand RECEIVER = new Receiver();

  /** Every argument that names or is open on a file. */
  Operand EVERY_ARGUMENT = new EveryArgument();

  /** A name the callee computed itself: the caller cannot see which file it is. */
  Operand UNSEEN = new Unseen();

  /** The argument at {@code index}, counted from zero as written in the source. */
  static Operand argument(int index) {
    return new Argument(index);
  }

  /** The callee's own field {@code field}: the caller's own only when the call is on itself. */
  static Operand ownField(Symbol field) {
    return new OwnField(field);
  }

  /** The expression in {@code call} this operand stands for; null for a field or unseen name. */
  default ExpressionTree in(MethodInvocationTree call) {
    return null;
  }

  /** The callee's field this operand stands for; null unless it is an {@link OwnField}. */
  default Symbol field() {
    return null;
  }

  /** The call's receiver. */
  record Receiver() implements Operand {
    @Override
    public ExpressionTree in(MethodInvocationTree call) {
      return ASTHelpers.getReceiver(call);
    }
  }

  /** The argument at {@code index}. */
  record Argument(int index) implements Operand {
    public Argument {
      if (index < 0) {
        throw new IllegalArgumentException("argument index " + index);
      }
    }

    @Override
    public ExpressionTree in(MethodInvocationTree call) {
      return index < call.getArguments().size() ? call.getArguments().get(index) : null;
    }
  }

  /** Every argument that names or is open on a file. */
  record EveryArgument() implements Operand {}

  /** A field of the callee's own object. */
  record OwnField(Symbol field) implements Operand {}

  /** A name the callee computed itself. */
  record Unseen() implements Operand {}
}
