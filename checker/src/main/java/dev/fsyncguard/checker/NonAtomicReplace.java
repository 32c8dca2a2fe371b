package dev.fsyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.fsyncguard.checker.flow.AtomicReplace;
import dev.fsyncguard.checker.flow.FsyncOptions;
import dev.fsyncguard.checker.flow.RenameSites;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Reports a call that publishes a file written in the method onto its target in a way that leaves a
 * moment with no target, or a partial one: a move with {@code REPLACE_EXISTING} but no {@code
 * ATOMIC_MOVE}, a delete of the target before the rename, a copy over the target, and a fallback to
 * one of these when the atomic move fails.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "File replaced in two steps: a crash in between leaves no file, or a partial one",
    explanation =
        "Without ATOMIC_MOVE, Files.move with REPLACE_EXISTING deletes the target before it renames"
            + " the file (or copies it across file systems); deleting the target yourself, or copying"
            + " over it, does the same. A crash, even kill -9, in between leaves the target missing or"
            + " partial. Rename with Files.move(…, ATOMIC_MOVE), or use DurableFiles.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/NonAtomicReplace.md")
public final class NonAtomicReplace extends BugChecker implements MethodInvocationTreeMatcher {
  private final FsyncOptions options;

  /** With default options. */
  public NonAtomicReplace() {
    this.options = FsyncOptions.DEFAULT;
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public NonAtomicReplace(ErrorProneFlags flags) {
    this.options = FsyncOptions.from(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    RenameSites.Site site = RenameSites.at(tree, state, options);
    if (site == null) {
      return Description.NO_MATCH;
    }
    AtomicReplace.Finding finding = AtomicReplace.of(site, state, options);
    if (!finding.verdict().failed()) {
      return Description.NO_MATCH;
    }
    String message = ReplaceMessages.nonAtomic(tree, site, finding, state);
    Optional<RenameFixes.Proposal> fix =
        RenameSites.orNull(() -> AtomicReplaceFixes.fix(tree, site, finding, state));
    return Findings.describe(buildDescription(tree), message, fix);
  }
}
