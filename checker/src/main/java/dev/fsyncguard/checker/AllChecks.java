package dev.fsyncguard.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.bugpatterns.BugChecker;

/**
 * Every check of fsync-guard, in the order {@code -XepPatchChecks:} lists them in the README: for
 * tools that run them all (the audit writing a baseline, patch mode in tests).
 */
public final class AllChecks {
  /** The check classes. */
  public static final ImmutableList<Class<? extends BugChecker>> CLASSES =
      ImmutableList.of(
          TempFileOutsideTargetDirectory.class,
          RenameWithoutFsync.class,
          NonAtomicReplace.class,
          RenameWithoutDirectoryFsync.class,
          FsyncFailureIgnored.class,
          FsyncsWithoutForce.class);

  private AllChecks() {}
}
