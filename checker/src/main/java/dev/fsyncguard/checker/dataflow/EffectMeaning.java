package dev.fsyncguard.checker.dataflow;

import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;

/**
 * What a family of {@link Effect}s means for the files: given the operand's value and the store
 * before the call, the outcome after it. Each family is one class, so that what a force or a rename
 * does can be read in one place, apart from how the graph is walked.
 */
sealed interface EffectMeaning
    permits NameEffects, HandleEffects, WriteEffects, ForceEffects, RenameEffects {
  /**
   * The outcome of {@code action} in {@code call} on {@code operand}, a value with a file, from
   * {@code store}; null when the operand is not a file this effect acts on (the table's next rule
   * may say what the call does).
   */
  Outcome apply(Action action, CallSite call, FileValue operand, FileStore store);
}
