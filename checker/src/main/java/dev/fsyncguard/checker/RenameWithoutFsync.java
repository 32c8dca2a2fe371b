package dev.fsyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.util.NeverThrow;
import javax.inject.Inject;

/**
 * Reports {@code Files.move} and {@code File.renameTo} calls whose source file was written in the
 * same method and, on some path from that write, not forced to disk before the rename.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "File renamed into place before its data was forced to disk",
    explanation =
        "The rename can reach the disk before the data it names: after a power loss or kernel"
            + " crash the target can be empty or partial, and its old content is already gone."
            + " Force the file (FileChannel.force) before the rename, or use DurableFiles.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/RenameWithoutFsync.md")
public final class RenameWithoutFsync extends SiteCheck {
  /** With default options. */
  public RenameWithoutFsync() {
    super(ReplaceStep.FORCE, null);
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   *
   * @throws IllegalArgumentException when a method list has a malformed entry
   */
  @Inject
  public RenameWithoutFsync(ErrorProneFlags flags) {
    super(ReplaceStep.FORCE, flags);
  }

  @Override
  Description matchUnit(CompilationUnitTree tree, VisitorState state) {
    ImmutableList<String> unknown =
        NeverThrow.orNull(() -> FsyncAnalysis.instance(state, options).takeUnknownFlagMethods());
    if (unknown == null || unknown.isEmpty()) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "-XepOpt:RenameWithoutFsync:FsyncMethods/RenameMethods name methods that do not exist: "
                + String.join(", ", unknown)
                + ". Fix the names, or the entries are ignored.")
        .build();
  }
}
