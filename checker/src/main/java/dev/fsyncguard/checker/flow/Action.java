package dev.fsyncguard.checker.flow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * One effect of a call on one of its operands.
 *
 * @param operand the receiver ({@link #RECEIVER}), an argument index, or {@link #EVERY_ARGUMENT}
 * @param target for {@link Effect#RENAME} and {@link Effect#COPY}, the operand giving the new name;
 *     otherwise unused
 * @param buffered for {@link Effect#OPEN}: the result holds written bytes in a Java buffer
 * @param opening for {@link Effect#OPEN} and {@link Effect#WRITE} on a name: truncation and sync
 * @param field for an operand {@link #OWN_FIELD}: the callee's field it stands for; else null
 * @param targetField for a target {@link #OWN_FIELD}: the callee's field it stands for; else null
 */
public record Action(
    Effect effect,
    int operand,
    int target,
    boolean buffered,
    Opening opening,
    Symbol field,
    Symbol targetField) {
  /** The operand that stands for the call's receiver. */
  static final int RECEIVER = -1;

  /** Every argument that names or is open on a file. */
  static final int EVERY_ARGUMENT = -2;

  /** A field of the callee's own object, {@link #field} or {@link #targetField}. */
  static final int OWN_FIELD = -3;

  /** A target the caller cannot see: a name the callee computed itself. */
  static final int UNSEEN = -4;

  Action(Effect effect, int operand, int target, boolean buffered, Opening opening) {
    this(effect, operand, target, buffered, opening, null, null);
  }

  /** {@code effect} on the callee's own field {@code field}, as its summary says. */
  static Action onField(Effect effect, Symbol field) {
    return new Action(effect, OWN_FIELD, RECEIVER, false, Opening.NONE, field, null);
  }

  /**
   * The callee leaves its own field {@code holder} holding a handle on the file of {@code operand}
   * (an argument index, or {@link #OWN_FIELD} with {@code field}).
   */
  static Action holds(int operand, Symbol field, Symbol holder, boolean buffered) {
    return new Action(Effect.HOLD, operand, OWN_FIELD, buffered, Opening.NONE, field, holder);
  }

  /** A rename whose source or target (or both) may be the callee's own fields. */
  static Action rename(int source, Symbol sourceField, int target, Symbol targetField) {
    return new Action(Effect.RENAME, source, target, false, Opening.NONE, sourceField, targetField);
  }

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
