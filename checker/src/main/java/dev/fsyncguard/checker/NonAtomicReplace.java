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
            + " the file (or copies it across file systems); deleting the target yourself, or"
            + " copying over it, does the same. A crash, even kill -9, in between leaves the target"
            + " missing or partial. Rename with Files.move(…, ATOMIC_MOVE), or use DurableFiles.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/NonAtomicReplace.md")
public final class NonAtomicReplace extends SiteCheck {
  /** With default options. */
  public NonAtomicReplace() {
    super(ReplaceStep.ATOMIC, null);
  }

  /**
   * With the build's {@code -XepOpt:RenameWithoutFsync:…} options, which describe the analysis all
   * checks share.
   */
  @Inject
  public NonAtomicReplace(ErrorProneFlags flags) {
    super(ReplaceStep.ATOMIC, flags);
  }
}
