package dev.fsyncguard.checker.dataflow;

import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.dataflow.FileState.Level;

/**
 * Calls that publish a file under another name (a rename, or a copy of one name onto another) or
 * remove it. A rename's value carries the verdict: what was known of the source just before.
 */
final class RenameEffects implements EffectMeaning {
  private final FileTypes types;
  private final WriteEffects writes;

  RenameEffects(FileTypes types, WriteEffects writes) {
    this.types = types;
    this.writes = writes;
  }

  @Override
  public Outcome apply(Action action, CallSite call, FileValue operand, FileStore store) {
    FileKey file = operand.file();
    int position = call.position();
    if (action.effect() == Effect.DELETE) {
      return Outcome.of(store.update(file, s -> FileState.deleted(position)), null);
    }
    if (action.effect() != Effect.RENAME && action.effect() != Effect.COPY) {
      return null;
    }
    boolean copy = action.effect() == Effect.COPY;
    FileValue target = call.value(action.target(), store, types);
    FileKey targetFile = target == null ? null : target.file();
    if (copy && (!operand.isName() || target == null || !target.isName())) {
      return null; // a stream in or out: the table's next rule says what it writes
    }
    FileValue value =
        FileValue.renamed(
            targetFile,
            new RenameVerdict(
                file,
                store.state(file),
                store.rawState(file).level() == Level.BUFFERED
                    ? store.bufferedHandleOn(file)
                    : null,
                targetFile,
                targetFile == null ? FileState.UNTOUCHED : store.state(targetFile),
                copy));
    if (copy) {
      return Outcome.of(writes.byName(store, action, call.tree, targetFile, position), value);
    }
    // File.renameTo reports failure by returning false: then nothing moved.
    FileStore notRenamed = call.returnsBoolean() ? store : null;
    FileStore after = store.update(file, s -> FileState.UNTOUCHED);
    if (targetFile != null && isJdk(call.symbol)) {
      // A helper forces what it renames, or not, in its own body; the JDK never does.
      int epoch = after.epoch();
      after = after.update(targetFile, s -> FileState.renamedInto(position));
      after =
          after.update(targetFile.directory(), s -> FileState.directoryPending(position, epoch));
    } else if (targetFile != null) {
      after = after.update(targetFile, s -> s.level() == Level.DELETED ? FileState.UNTOUCHED : s);
    }
    return new Outcome(after, value, notRenamed, null);
  }

  /** Whether a rename is the JDK's own ({@code Files.move}, {@code File.renameTo}). */
  private static boolean isJdk(Symbol callee) {
    if (callee == null) {
      return false;
    }
    String owner = callee.owner.getQualifiedName().toString();
    return owner.equals(FileApis.FILES) || owner.equals(FileApis.FILE);
  }
}
