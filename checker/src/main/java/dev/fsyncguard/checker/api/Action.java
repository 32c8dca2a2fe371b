package dev.fsyncguard.checker.api;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * One effect of a call on one of its operands.
 *
 * @param operand what the effect acts on
 * @param target for {@link Effect#RENAME} and {@link Effect#COPY}, the operand giving the new name;
 *     for {@link Effect#HOLD}, the callee's field left holding the handle; otherwise unused
 * @param buffered for {@link Effect#OPEN}: the result holds written bytes in a Java buffer
 * @param opening for {@link Effect#OPEN} and {@link Effect#WRITE} on a name: truncation and sync
 */
public record Action(
    Effect effect, Operand operand, Operand target, boolean buffered, Opening opening) {

  /** The callee's field the operand stands for, or null. */
  public Symbol field() {
    return operand.field();
  }

  /** The callee's field the target stands for, or null. */
  public Symbol targetField() {
    return target.field();
  }

  /** {@code effect} on the callee's own field {@code field}, as its summary says. */
  public static Action onField(Effect effect, Symbol field) {
    return on(effect, Operand.ownField(field));
  }

  /**
   * The callee leaves its own field {@code holder} holding a handle on the file of {@code operand}.
   */
  public static Action holds(Operand operand, Symbol holder, boolean buffered) {
    return new Action(Effect.HOLD, operand, Operand.ownField(holder), buffered, Opening.NONE);
  }

  /** The expression in {@code call} that this action's operand stands for, or null. */
  public ExpressionTree operandIn(MethodInvocationTree call) {
    return operand.in(call);
  }

  /** The expression in {@code call} that this action's target stands for, or null. */
  public ExpressionTree targetIn(MethodInvocationTree call) {
    return target.in(call);
  }

  /** Whether this action forces the argument at {@code index}. */
  public boolean forces(int index) {
    return effect == Effect.FORCE
        && operand instanceof Operand.Argument argument
        && argument.index() == index;
  }

  public static Action on(Effect effect, Operand operand) {
    return new Action(effect, operand, Operand.RECEIVER, false, Opening.NONE);
  }

  public static Action on(Effect effect, int argument) {
    return on(effect, Operand.argument(argument));
  }

  public static Action rename(Operand source, Operand target) {
    return new Action(Effect.RENAME, source, target, false, Opening.NONE);
  }

  public static Action rename(int source, int target) {
    return rename(Operand.argument(source), Operand.argument(target));
  }

  public static Action rename(Operand source, int target) {
    return rename(source, Operand.argument(target));
  }

  static Action copy(int source, int target) {
    return new Action(
        Effect.COPY, Operand.argument(source), Operand.argument(target), false, Opening.TRUNCATES);
  }

  public static Action write(Operand operand, Opening opening) {
    return new Action(Effect.WRITE, operand, Operand.RECEIVER, false, opening);
  }

  public static Action write(int argument, Opening opening) {
    return write(Operand.argument(argument), opening);
  }

  static Action open(boolean buffered, Opening opening) {
    return open(0, buffered, opening);
  }

  static Action open(int argument, boolean buffered, Opening opening) {
    return open(Operand.argument(argument), buffered, opening);
  }

  static Action open(Operand operand, boolean buffered, Opening opening) {
    return new Action(Effect.OPEN, operand, Operand.RECEIVER, buffered, opening);
  }

  static Action writeAndFlush(int argument, Opening opening) {
    return new Action(
        Effect.WRITE_AND_FLUSH, Operand.argument(argument), Operand.RECEIVER, false, opening);
  }

  static Action writeAndClose(int argument, Opening opening) {
    return new Action(
        Effect.WRITE_AND_CLOSE, Operand.argument(argument), Operand.RECEIVER, false, opening);
  }
}
