package dev.fsyncguard.checker.dataflow;

import dev.fsyncguard.checker.dataflow.FileState.Level;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NullLiteralNode;

/** What a test against {@code null} tells the analysis: where it is null, there is no file. */
final class NullTests {
  private NullTests() {}

  /**
   * {@code dir != null} of a directory with a pending rename: where it is null (a relative name
   * with no parent), there is no directory to force, and the author's test says so. The same for a
   * handle the method was given and has not written through.
   */
  static TransferResult<FileValue, FileStore> of(
      Node left, Node right, boolean nullWhenTrue, TransferInput<FileValue, FileStore> input) {
    Node tested =
        right instanceof NullLiteralNode ? left : left instanceof NullLiteralNode ? right : null;
    FileValue value = tested == null ? null : input.getValueOfSubNode(tested);
    FileStore store = input.getRegularStore();
    FileKey file = value == null ? null : value.file();
    FileState before = file == null ? null : store.rawState(file);
    boolean pendingDirectory =
        value != null && value.isName() && before.level() == Level.DIRECTORY_PENDING;
    // A handle the method was given, not written through here ({@code if (channel != null)
    // channel.force(true)}): where it is null, there is no file to force.
    boolean givenHandle =
        value != null && value.isHandle() && before.isDirty() && !before.isWritten();
    if (!pendingDirectory && !givenHandle) {
      return new RegularTransferResult<>(null, store);
    }
    FileStore absent = store.update(file, s -> FileState.UNTOUCHED);
    return nullWhenTrue
        ? new ConditionalTransferResult<>(null, absent, store)
        : new ConditionalTransferResult<>(null, store, absent);
  }
}
