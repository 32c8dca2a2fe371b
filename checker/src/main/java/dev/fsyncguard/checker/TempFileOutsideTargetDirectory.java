package dev.fsyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import javax.inject.Inject;

/**
 * Reports a rename whose source was created in the system temp directory ({@code
 * Files.createTempFile(prefix, suffix)}, {@code File.createTempFile(prefix, suffix)}, a path under
 * {@code java.io.tmpdir}) and whose target is elsewhere: often another file system, where the
 * rename cannot be atomic.
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
public final class TempFileOutsideTargetDirectory extends SiteCheck {
  /** With default options. */
  public TempFileOutsideTargetDirectory() {
    super(ReplaceStep.TEMP_LOCATION, null);
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public TempFileOutsideTargetDirectory(ErrorProneFlags flags) {
    super(ReplaceStep.TEMP_LOCATION, flags);
  }
}
