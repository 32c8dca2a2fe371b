package dev.fsyncguard.checker.dataflow;

import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.Operand;

/** Calls that name a file from another's name: the file itself, its directory, or a child. */
final class NameEffects implements EffectMeaning {
  @Override
  public Outcome apply(Action action, CallSite call, FileValue operand, FileStore store) {
    if (!operand.isName()) {
      return null;
    }
    FileKey file = operand.file();
    boolean onReceiver = action.operand() == Operand.RECEIVER;
    switch (action.effect()) {
      case NAME_OF:
        // Path.of(first, more...) names another file than its first argument.
        return onReceiver || call.sourceArgumentCount() == 1
            ? Outcome.of(store, FileValue.name(file))
            : null;
      case PARENT_OF:
        return Outcome.of(store, FileValue.name(file.directory()));
      case CHILD_OF:
      case SIBLING_OF:
        if (!onReceiver && call.sourceArgumentCount() != 2) {
          return null;
        }
        FileKey child =
            FileKey.child(
                action.effect() == Effect.SIBLING_OF ? file.directory() : file, call.tree);
        // Each evaluation names a file of its own, as any fresh name does.
        return Outcome.of(store.update(child, s -> FileState.UNTOUCHED), FileValue.name(child));
      default:
        return null;
    }
  }
}
