package dev.fsyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import javax.inject.Inject;

/**
 * Reports a rename of a file whose data was forced when, on some path from the rename to the
 * method's normal return, the directory holding the target is not forced: the rename itself may not
 * survive a crash. Quiet where {@link RenameWithoutFsync} reports the rename.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "File renamed into place, but its directory is not forced after the rename",
    explanation =
        "A rename is an update of the directory that holds the target. Until that directory is"
            + " forced, a crash can undo the rename: the target is back to its old content although"
            + " the save returned. Force the directory after the rename"
            + " (DurableFiles.forceDirectory), or use DurableFiles.rename.",
    severity = WARNING,
    linkType = CUSTOM,
    link = "docs/RenameWithoutDirectoryFsync.md")
public final class RenameWithoutDirectoryFsync extends SiteCheck {
  /** With default options. */
  public RenameWithoutDirectoryFsync() {
    super(ReplaceStep.DIRECTORY_FORCE, null);
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public RenameWithoutDirectoryFsync(ErrorProneFlags flags) {
    super(ReplaceStep.DIRECTORY_FORCE, flags);
  }
}
