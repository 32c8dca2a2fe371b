package dev.fsyncguard.checker.flow;

import java.util.Objects;
import javax.lang.model.element.Element;

/**
 * What was known at a rename: the renamed file, its state just before the rename, and a variable
 * still holding a buffered stream on it (its bytes must be flushed before any force can help).
 */
public record RenameVerdict(FileKey source, FileState state, Element bufferedHandle) {
  RenameVerdict join(RenameVerdict other) {
    return new RenameVerdict(
        Objects.equals(source, other.source) ? source : null,
        state.join(other.state, 0, 0, 0), // verdict states carry their excuse explicitly
        Objects.equals(bufferedHandle, other.bufferedHandle) ? bufferedHandle : null);
  }
}
