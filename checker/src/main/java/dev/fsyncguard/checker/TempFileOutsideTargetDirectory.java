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
import dev.fsyncguard.checker.flow.FsyncOptions;
import dev.fsyncguard.checker.flow.RenameSites;
import dev.fsyncguard.checker.flow.TempLocation;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Reports a rename whose source was created in the system temp directory ({@code
 * Files.createTempFile(prefix, suffix)}, {@code File.createTempFile(prefix, suffix)}, a path under
 * {@code java.io.tmpdir}) and whose target is elsewhere: often another file system, where the rename
 * cannot be atomic.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Temp file created in java.io.tmpdir, then renamed onto a target elsewhere",
    explanation =
        "java.io.tmpdir is often another file system than the target (tmpfs, a container's"
            + " volume). There, Files.move with ATOMIC_MOVE throws AtomicMoveNotSupportedException,"
            + " Files.move without it copies and deletes (neither atomic nor forced), and"
            + " File.renameTo fails. Create the temp file in the target's directory.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/TempFileOutsideTargetDirectory.md")
public final class TempFileOutsideTargetDirectory extends BugChecker
    implements MethodInvocationTreeMatcher {
  private final FsyncOptions options;

  /** With default options. */
  public TempFileOutsideTargetDirectory() {
    this.options = FsyncOptions.DEFAULT;
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public TempFileOutsideTargetDirectory(ErrorProneFlags flags) {
    this.options = FsyncOptions.from(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    RenameSites.Site site = RenameSites.renameAt(tree, state, options);
    if (site == null) {
      return Description.NO_MATCH;
    }
    TempLocation.Finding finding = TempLocation.of(site, state);
    if (!finding.verdict().failed()) {
      return Description.NO_MATCH;
    }
    String message = ReplaceMessages.tempOutside(tree, site, finding, state);
    Optional<RenameFixes.Proposal> fix =
        RenameSites.orNull(() -> TempLocationFixes.fix(tree, site, finding, state));
    return Findings.describe(buildDescription(tree), message, fix);
  }
}
