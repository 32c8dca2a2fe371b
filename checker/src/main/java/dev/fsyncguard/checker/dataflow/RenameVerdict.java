package dev.fsyncguard.checker.dataflow;

import java.util.Objects;
import javax.lang.model.element.Element;

/**
 * What was known at a call that publishes a file under another name (a rename, or a copy onto it):
 * the source file and its state just before the call, a variable still holding a buffered stream on
 * it (its bytes must be flushed before any force can help), and the target and its state then.
 *
 * @param copy the call copies the source onto the target; the source stays where it was
 */
public record RenameVerdict(
    FileKey source,
    FileState state,
    Element bufferedHandle,
    FileKey target,
    FileState targetState,
    boolean copy) {
  RenameVerdict join(RenameVerdict other) {
    return new RenameVerdict(
        Objects.equals(source, other.source) ? source : null,
        state.join(other.state, 0, 0, 0), // verdict states carry their excuse explicitly
        Objects.equals(bufferedHandle, other.bufferedHandle) ? bufferedHandle : null,
        Objects.equals(target, other.target) ? target : null,
        targetState.join(other.targetState, 0, 0, 0),
        copy && other.copy);
  }

  /** True if the target was deleted on some path to the call, and not written since. */
  public boolean targetDeleted() {
    return targetState.level() == FileState.Level.DELETED;
  }
}
