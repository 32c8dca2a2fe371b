package dev.fsyncguard.checker.dataflow;

import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.Opening;
import dev.fsyncguard.checker.api.Operand;
import java.util.List;

/**
 * What a summarised method's callers must apply, read from the store it returns with: for each file
 * parameter and own field, whether the method wrote, forced, drained or kept it, or let a force's
 * failure go.
 */
final class ExitActions {
  private final FileTypes types;
  private final boolean strict;

  ExitActions(FileTypes types, boolean strict) {
    this.types = types;
    this.strict = strict;
  }

  /**
   * What the caller must apply for a file the method ends with in {@code state}; {@code
   * returnsNothing} when the method tells its caller nothing of a failed force (it returns {@code
   * void}, or a {@code boolean} the caller must act on).
   */
  void forFile(List<Action> actions, FileState state, Operand operand, boolean returnsNothing) {
    if (state.isWritten() && !state.isDirty()) {
      // Written, then forced (or its force failed): the caller sees both.
      actions.add(on(Effect.WRITE, operand));
    }
    if (isForced(state)) {
      actions.add(on(Effect.FORCE, operand));
      return;
    }
    if (state.isDirty() && state.position() >= 0) {
      actions.add(on(Effect.WRITE, operand));
    }
    if (state.level() == FileState.Level.FORCE_FAILED && returnsNothing) {
      // The method lets its force's failure go and returns nothing to say so: to its callers the
      // call is a force whose failure is swallowed.
      actions.add(on(Effect.FORCE_FAILURE_LET_GO, operand));
      return;
    }
    if (state.level() == FileState.Level.FORCE_FAILED
        || (state.isDirty() && state.isForcedOnSomePath())) {
      // Callers must not read the file as never forced: the method forces it on some paths.
      actions.add(on(Effect.FORCE_ON_SOME_PATHS, operand));
    }
  }

  /**
   * A field's story: a name field as a parameter's; a stream field, which the method starts with as
   * a buffered handle on a file it does not know, also drained or newly opened on a file the caller
   * can name (a parameter or a name field).
   */
  void forField(
      List<Action> drains,
      List<Action> actions,
      FileStore exit,
      Symbol.VarSymbol field,
      List<FileKey> parameters,
      List<Symbol.VarSymbol> fields,
      boolean returnsNothing) {
    FileValue bound = exit.binding(field);
    if (!types.isHandle(field.asType())) {
      FileKey file = bound != null && bound.file() != null ? bound.file() : new FileKey(field);
      forFile(actions, exit.state(file), Operand.ownField(field), returnsNothing);
      return;
    }
    FileKey own = new FileKey(field);
    if (bound == null || bound.file() == null) {
      return;
    }
    if (!bound.file().equals(own)) {
      int parameter = parameters.indexOf(bound.file());
      int named = fields.indexOf(bound.file().id());
      if (parameter >= 0 || named >= 0) {
        actions.add(
            Action.holds(
                parameter >= 0 ? Operand.argument(parameter) : Operand.ownField(fields.get(named)),
                field,
                bound.isBuffered()));
      }
      return;
    }
    FileState state = exit.state(own);
    if (state.isWritten()) {
      actions.add(Action.onField(Effect.WRITE, field));
    }
    if (!types.isUnbuffered(field.asType()) && state.level() != FileState.Level.BUFFERED) {
      // It started buffered: whatever is lower was drained (a force would not have covered it).
      drains.add(Action.onField(Effect.CLOSE, field));
    }
    if (isForced(state)) {
      actions.add(Action.onField(Effect.FORCE, field));
    } else if (state.isDirty() && state.isForcedOnSomePath()) {
      actions.add(Action.onField(Effect.FORCE_ON_SOME_PATHS, field));
    }
  }

  static Action on(Effect effect, Operand operand) {
    return effect == Effect.WRITE
        ? Action.write(operand, Opening.NONE)
        : Action.on(effect, operand);
  }

  /** Forced on every normal path; a force the author left to a switch counts unless strict. */
  boolean isForced(FileState state) {
    return state.level() == FileState.Level.FORCED
        || (state.isDirty() && state.excused() && !strict);
  }
}
