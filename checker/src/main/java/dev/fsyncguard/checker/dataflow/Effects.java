package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.Operand;
import java.util.List;

/** Applies an {@link Action} at a call: finds its operand's value and asks the effect's meaning. */
final class Effects {
  private final FileTypes types;
  private final NameEffects names = new NameEffects();
  private final HandleEffects handles;
  private final WriteEffects writes;
  private final ForceEffects forces = new ForceEffects();
  private final RenameEffects renames;

  Effects(VisitorState state, FileTypes types) {
    this.types = types;
    this.handles = new HandleEffects(state);
    this.writes = new WriteEffects(state);
    this.renames = new RenameEffects(types, writes);
  }

  /**
   * The outcome of {@code action} at {@code call} from {@code store}; null when its operand is not
   * a file it can act on. An action on every argument acts on each that is a file in turn.
   */
  Outcome apply(Action action, CallSite call, FileStore store) {
    if (action.operand() == Operand.EVERY_ARGUMENT) {
      FileStore after = store;
      FileStore failed = null;
      boolean any = false;
      for (int i = 0; i < call.argumentCount(); i++) {
        Outcome one = apply(Action.on(action.effect(), i), call, after);
        if (one != null) {
          any = true;
          after = one.store();
          failed = one.forceFailed() != null ? one.forceFailed() : failed;
        }
      }
      return any ? Outcome.forcing(after, null, failed) : null;
    }
    FileValue operand = call.value(action.operand(), store, types);
    if ((operand == null || operand.file() == null) && forcesUnseen(action)) {
      operand = FileValue.name(FileKey.UNSEEN);
    }
    if (operand == null || operand.file() == null) {
      return null;
    }
    return meaningOf(action.effect()).apply(action, call, operand, store);
  }

  /**
   * The store after {@code actions}, a callee's, where its forces held: a force whose failure the
   * callee lets go counts as made. For a callee that says by its result whether they did.
   */
  FileStore held(List<Action> actions, CallSite call, FileStore before) {
    FileStore held = before;
    for (Action action : actions) {
      Outcome outcome =
          apply(
              action.effect() == Effect.FORCE_FAILURE_LET_GO
                  ? Action.on(Effect.FORCE, action.operand())
                  : action,
              call,
              held);
      held = outcome != null ? outcome.store() : held;
    }
    return held;
  }

  /**
   * A force of a file the caller cannot see: a field of another object ({@code directory.force()}
   * on a handle class), or what a callee's summary says it forced beyond its parameters.
   */
  private static boolean forcesUnseen(Action action) {
    return (action.effect() == Effect.FORCE || action.effect() == Effect.FORCE_DIRECTORY)
        && (action.operand() instanceof Operand.OwnField
            || action.operand() instanceof Operand.Unseen);
  }

  private EffectMeaning meaningOf(Effect effect) {
    switch (effect) {
      case NAME_OF:
      case PARENT_OF:
      case CHILD_OF:
      case SIBLING_OF:
        return names;
      case OPEN:
      case DESCRIPTOR:
      case MAP:
      case HOLD:
        return handles;
      case WRITE:
      case WRITE_AND_FLUSH:
      case WRITE_AND_CLOSE:
      case FLUSH:
      case CLOSE:
        return writes;
      case FORCE:
      case FORCE_DIRECTORY:
      case FORCE_FAILURE_LET_GO:
      case FORCE_ON_SOME_PATHS:
        return forces;
      case RENAME:
      case COPY:
      case DELETE:
        return renames;
    }
    throw new AssertionError(effect);
  }
}
