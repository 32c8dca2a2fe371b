package dev.fsyncguard.checker.dataflow;

import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.dataflow.FileState.Level;

/**
 * Calls that force a file or a directory, fully or on some of their paths, and calls whose force
 * may fail unseen.
 */
final class ForceEffects implements EffectMeaning {
  @Override
  public Outcome apply(Action action, CallSite call, FileValue operand, FileStore store) {
    FileKey file = operand.file();
    int position = call.position();
    switch (action.effect()) {
      case FORCE:
        return Outcome.forcing(
            store.forced(file, position), null, store.afterFailedForce(file, position));
      case FORCE_DIRECTORY:
        // A directory force commits the renames into it, never a file's data.
        FileState before = store.rawState(file);
        return Outcome.forcing(
            before.isWritten() ? store : store.forced(file, position),
            null,
            before.level() == Level.DIRECTORY_PENDING
                ? store.afterFailedForce(file, position)
                : null);
      case FORCE_FAILURE_LET_GO:
        // The callee forced, and on some of its paths the force failed and it said nothing.
        FileStore failed = store.afterFailedForce(file, position);
        return Outcome.of(failed != null ? failed : store.forced(file, position), null);
      case FORCE_ON_SOME_PATHS:
        return Outcome.of(
            store.update(file, s -> s.level() == Level.DIRTY ? s.forcedOnSomePathAt(position) : s),
            null);
      default:
        return null;
    }
  }
}
