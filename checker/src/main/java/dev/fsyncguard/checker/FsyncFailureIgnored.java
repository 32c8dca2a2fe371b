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
import dev.fsyncguard.checker.fix.SiteRepair;
import dev.fsyncguard.checker.protocol.ForceFailure;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Reports a force ({@code FileChannel.force}, {@code FileDescriptor.sync}, a modelled, annotated or
 * summarised force) whose failure is caught and let go before the file is published, or before the
 * method returns from a rename as if it were durable; and a force retried after it failed.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A failed force is swallowed or retried, and the data is published anyway",
    explanation =
        "After a failed fsync, Linux may mark the unwritten pages clean: a retry can succeed while"
            + " the data is gone, and a rename after a swallowed failure publishes a file that may"
            + " be empty or partial. Let the failure fail the save, and abandon the temp file.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/FsyncFailureIgnored.md")
public final class FsyncFailureIgnored extends FsyncGuardCheck
    implements MethodInvocationTreeMatcher {
  /** With default options. */
  public FsyncFailureIgnored() {
    super(null);
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public FsyncFailureIgnored(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    ForceFailure.Finding finding = ForceFailure.atForce(state, options);
    if (finding == null || isBaselined(state)) {
      return Description.NO_MATCH;
    }
    String message = ReplaceMessages.forceFailureIgnored(tree, finding, state);
    // The repair of the site that publishes the file: the same fix the site's other checks attach.
    Optional<SiteRepair.Repair> fix =
        finding.kind() == ForceFailure.Kind.RETRIED || finding.related() == null
            ? Optional.empty()
            : SiteRepair.ofRelated(finding.related(), state, options);
    return Findings.describe(buildDescription(tree), message, fix);
  }
}
