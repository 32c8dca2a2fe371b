package dev.fsyncguard.checker.api;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneFlags;

/**
 * The analysis options a build sets with {@code -XepOpt:RenameWithoutFsync:…}.
 *
 * @param strict report renames whose force is left to a boolean durability switch
 * @param fsyncMethods methods that force every file given to them
 * @param renameMethods methods that rename their first file argument to their second
 */
public record FsyncOptions(
    boolean strict,
    ImmutableList<MethodName> fsyncMethods,
    ImmutableList<MethodName> renameMethods) {
  /** The prefix of every option of the checks, as {@code -XepOpt:} spells it. */
  public static final String PREFIX = "RenameWithoutFsync:";

  public static final FsyncOptions DEFAULT =
      new FsyncOptions(false, ImmutableList.of(), ImmutableList.of());

  /**
   * Reads the options.
   *
   * @throws IllegalArgumentException when a method list has a malformed entry
   */
  public static FsyncOptions from(ErrorProneFlags flags) {
    return new FsyncOptions(
        flags.getBoolean(PREFIX + "Strict").orElse(false),
        methods(flags, "FsyncMethods"),
        methods(flags, "RenameMethods"));
  }

  private static ImmutableList<MethodName> methods(ErrorProneFlags flags, String name) {
    String flag = PREFIX + name;
    return flags.getListOrEmpty(flag).stream()
        .filter(entry -> !entry.isBlank())
        .map(entry -> MethodName.parse(flag, entry))
        .collect(ImmutableList.toImmutableList());
  }
}
