package dev.fsyncguard.checker.flow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;

/**
 * One effect of a call on one of its operands.
 *
 * @param operand the receiver ({@link #RECEIVER}), an argument index, or {@link #EVERY_ARGUMENT}
 * @param target for {@link Effect#RENAME} and {@link Effect#COPY}, the operand giving the new name; otherwise unused
 * @param buffered for {@link Effect#OPEN}: the result holds written bytes in a Java buffer
 * @param opening for {@link Effect#OPEN} and {@link Effect#WRITE} on a name: truncation and sync
 */
public record Action(Effect effect, int operand, int target, boolean buffered, Opening opening) {
  /** The operand that stands for the call's receiver. */
  static final int RECEIVER = -1;
  /** Every argument that names or is open on a file. */
  static final int EVERY_ARGUMENT = -2;

  /** The expression in {@code call} that this action's operand stands for, or null. */
  public ExpressionTree operandIn(MethodInvocationTree call) {
    return expressionAt(call, operand);
  }

  /** The expression in {@code call} that this action's target stands for, or null. */
  public ExpressionTree targetIn(MethodInvocationTree call) {
    return expressionAt(call, target);
  }

  private static ExpressionTree expressionAt(MethodInvocationTree call, int index) {
    if (index == RECEIVER) {
      return ASTHelpers.getReceiver(call);
    }
    return index >= 0 && index < call.getArguments().size() ? call.getArguments().get(index) : null;
  }

  /** Whether this action forces the given argument. */
  public boolean forces(int argument) {
    return effect == Effect.FORCE && operand == argument;
  }

  static Action on(Effect effect, int operand) {
    return new Action(effect, operand, RECEIVER, false, Opening.NONE);
  }

  static Action rename(int source, int target) {
    return new Action(Effect.RENAME, source, target, false, Opening.NONE);
  }

  static Action copy(int source, int target) {
    return new Action(Effect.COPY, source, target, false, Opening.TRUNCATES);
  }

  static Action write(int operand, Opening opening) {
    return new Action(Effect.WRITE, operand, RECEIVER, false, opening);
  }

  static Action open(boolean buffered, Opening opening) {
    return open(0, buffered, opening);
  }

  static Action open(int operand, boolean buffered, Opening opening) {
    return new Action(Effect.OPEN, operand, RECEIVER, buffered, opening);
  }

  static Action writeAndFlush(int operand, Opening opening) {
    return new Action(Effect.WRITE_AND_FLUSH, operand, RECEIVER, false, opening);
  }

  static Action writeAndClose(int operand, Opening opening) {
    return new Action(Effect.WRITE_AND_CLOSE, operand, RECEIVER, false, opening);
  }
}
