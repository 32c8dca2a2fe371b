package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.Opening;
import dev.fsyncguard.checker.dataflow.FileState.Level;

/**
 * Calls that write a file, through a handle or by name, and calls that move a handle's buffered
 * bytes on to the OS (flush, close).
 */
final class WriteEffects implements EffectMeaning {
  private final VisitorState state;

  WriteEffects(VisitorState state) {
    this.state = state;
  }

  @Override
  public Outcome apply(Action action, CallSite call, FileValue operand, FileStore store) {
    FileKey file = operand.file();
    int position = call.position();
    Effect effect = action.effect();
    switch (effect) {
      case WRITE:
        return operand.isHandle()
            ? Outcome.of(store.writtenThrough(operand, position), operand)
            : Outcome.of(byName(store, action, call.tree, file, position), FileValue.name(file));
      case WRITE_AND_FLUSH:
      case WRITE_AND_CLOSE:
        if (!operand.isHandle()) {
          // By name, the callee opens, writes and closes the file itself.
          return Outcome.of(byName(store, action, call.tree, file, position), null);
        }
        return Outcome.of(throughReference(effect, operand, store, position), null);
      case FLUSH:
      case CLOSE:
        return operand.isHandle()
            ? Outcome.of(throughReference(effect, operand, store, position), operand)
            : null;
      default:
        return null;
    }
  }

  /**
   * The store after a method reference on {@code handle} ran, {@code effect} being what the table
   * says the method does to its receiver: only writes, flushes and closes are followed.
   */
  static FileStore throughReference(
      Effect effect, FileValue handle, FileStore store, Tree reference) {
    return throughReference(effect, handle, store, ASTHelpers.getStartPosition(reference));
  }

  private static FileStore throughReference(
      Effect effect, FileValue handle, FileStore store, int position) {
    switch (effect) {
      case WRITE:
        return store.writtenThrough(handle, position);
      case WRITE_AND_FLUSH:
      case WRITE_AND_CLOSE:
        FileStore written = store.writtenThrough(handle, position);
        return effect == Effect.WRITE_AND_CLOSE || !handle.holdsOnFlush()
            ? written.drained(handle, position)
            : written;
      case FLUSH:
        return handle.holdsOnFlush() ? store : store.drained(handle, position);
      case CLOSE:
        return store.drained(handle, position);
      default:
        return store;
    }
  }

  /** {@code file} written by a callee that opens it itself, with the action's options. */
  FileStore byName(FileStore store, Action action, Tree call, FileKey file, int position) {
    Opening.Mode written = action.opening().of(call, state);
    if (!written.known()) {
      return store;
    }
    return written.synchronous()
        ? store.writtenSynchronously(file, position)
        : store.written(file, Level.DIRTY, position);
  }
}
