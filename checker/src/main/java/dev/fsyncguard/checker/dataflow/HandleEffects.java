package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Opening;
import dev.fsyncguard.checker.dataflow.FileState.Level;

/**
 * Calls that give a handle on a file: opening it, wrapping a handle, taking its descriptor, mapping
 * it, or keeping a handle in the callee's field.
 */
final class HandleEffects implements EffectMeaning {
  private final VisitorState state;

  HandleEffects(VisitorState state) {
    this.state = state;
  }

  @Override
  public Outcome apply(Action action, CallSite call, FileValue operand, FileStore store) {
    FileKey file = operand.file();
    int position = call.position();
    switch (action.effect()) {
      case OPEN:
        return operand.isHandle()
            ? Outcome.of(store, wrap(action, operand))
            : open(action, call, file, store, position);
      case DESCRIPTOR:
        if (!operand.isHandle()) {
          return null;
        }
        // Getting the descriptor to force it is the first step of the force: its failure reaches
        // the same handler as the force's (out.getFD().sync() starts where getFD() does).
        return Outcome.forcing(
            store,
            FileValue.handle(file, false, operand.isSynchronous()),
            store.afterFailedForce(file, position));
      case MAP:
        return operand.isHandle()
            ? Outcome.of(
                store.written(file, Level.DIRTY, position), FileValue.handle(file, false, false))
            : null;
      case HOLD:
        if (!call.onOwnObject()) {
          return null;
        }
        FileValue held =
            FileValue.handle(
                file, action.buffered() || operand.isBuffered(), operand.isSynchronous());
        return Outcome.of(store.bind(action.targetField(), held), null);
      default:
        return null;
    }
  }

  private Outcome open(Action action, CallSite call, FileKey file, FileStore store, int position) {
    Opening.Mode opened = action.opening().of(call.tree, state);
    if (!opened.known()) {
      // Options the analysis cannot see: writes through it count as durable, so they never
      // produce a finding, and a force through it still forces the file.
      return Outcome.of(store, FileValue.handle(file, false, true));
    }
    FileStore after =
        opened.truncates() && !opened.synchronous()
            ? store.written(file, Level.DIRTY, position)
            : store;
    return Outcome.of(after, FileValue.handle(file, action.buffered(), opened.synchronous()));
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
}
