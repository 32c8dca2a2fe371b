package dev.fsyncguard.checker.dataflow;

import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * The dataflow over one segment's graph, which never computes the store at the graph's exceptional
 * exit.
 *
 * <p>Why: a segment is a run of the method body's top-level statements, which no try encloses, so
 * what reaches that exit leaves the method; the check never asks about it. Computing it joined the
 * store after every call that can throw into that one store, read by no one. Exceptions that a
 * {@code catch} or {@code finally} inside the segment handles reach those blocks as before.
 */
final class SegmentAnalysis extends ForwardAnalysisImpl<FileValue, FileStore, FsyncTransfer> {
  SegmentAnalysis(FsyncTransfer transfer) {
    super(transfer);
  }

  @Override
  protected void addStoreBefore(
      Block block, Node node, FileStore store, Store.Kind kind, boolean addBlockToWorklist) {
    if (block instanceof SpecialBlock special
        && special.getSpecialType() == SpecialBlock.SpecialBlockType.EXCEPTIONAL_EXIT) {
      return;
    }
    super.addStoreBefore(block, node, store, kind, addBlockToWorklist);
  }
}
