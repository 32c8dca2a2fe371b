package dev.fsyncguard.checker.api;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.Locale;

/**
 * The name lists of the API table, next to {@link FileApis}'s call rules and matchers: the method
 * and type names the analysis and the repairs know, each listed once. A list that extends another
 * is built from it.
 */
public final class KnownNames {
  /**
   * Zero-argument conversions whose result names the same file as their receiver: {@code
   * tmp.toPath()} can be evaluated twice, and is the file {@code tmp} names.
   */
  public static final ImmutableSet<String> SAME_FILE_CONVERSIONS =
      ImmutableSet.of("toPath", "toFile", "getAbsoluteFile", "toAbsolutePath");

  /**
   * Calls whose result lies in, or is, the directory their receiver names: the same-file
   * conversions, a child ({@code resolve}), and other spellings of the same path.
   */
  public static final ImmutableSet<String> SAME_PLACE =
      Sets.union(
              SAME_FILE_CONVERSIONS,
              ImmutableSet.of(
                  "resolve",
                  "normalize",
                  "getCanonicalFile",
                  "toRealPath",
                  "getAbsolutePath",
                  "getCanonicalPath",
                  "getPath",
                  "toString"))
          .immutableCopy();

  /** Words in a method's name that say it forces what it is given ({@code fsyncFile}). */
  public static final ImmutableSet<String> FORCE_WORDS =
      ImmutableSet.of(
          "fsync", "fdatasync", "sync", "synced", "force", "forced", "durable", "durably");

  /**
   * Words that make a boolean field or parameter a durability switch ({@code fsync}, {@code
   * needFlushParentDir}, {@code forceSync}, {@code durableWrites}): the force words, and flushing.
   * A force it guards is the author's choice; a guard named otherwise ({@code
   * cleanupOldGenerations}) is a path without the force.
   */
  public static final ImmutableSet<String> SWITCH_WORDS =
      Sets.union(FORCE_WORDS, ImmutableSet.of("flush", "flushes", "flushed", "durability"))
          .immutableCopy();

  /** Whether {@code name}, a boolean variable's, says it switches durability. */
  public static boolean saysDurability(CharSequence name) {
    for (String word : words(name.toString())) {
      if (SWITCH_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Splits camelCase and snake_case into lower-case words. */
  public static String[] words(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("_+");
  }

  /**
   * Calls whose result is in the directory holding their receiver, or is that directory: a file
   * named so from a temp file in {@code java.io.tmpdir} is in {@code java.io.tmpdir} too.
   */
  public static final ImmutableSet<String> SAME_DIRECTORY =
      ImmutableSet.of("resolveSibling", "getParent", "getParentFile");

  /** Handles that never hold bytes in a Java buffer, whatever they were opened by. */
  public static final ImmutableSet<String> UNBUFFERED =
      ImmutableSet.of(
          "java.io.FileOutputStream",
          "java.nio.channels.FileChannel",
          "java.io.RandomAccessFile",
          "java.io.FileDescriptor");

  /** The types of everything written like a stream: a subtype of one is a handle on a file. */
  public static final ImmutableSet<String> HANDLE_SUPERTYPES =
      ImmutableSet.of(
          "java.io.Closeable",
          "java.io.Flushable",
          "java.lang.Appendable",
          "java.io.DataOutput",
          "java.io.FileDescriptor");

  /**
   * Streams, writers and channels whose {@code close()} writes nothing beyond what {@code flush()}
   * writes: the unbuffered ones, and the JDK's plain buffers and encoders over them. A compressing
   * or encrypting stream writes its trailer on close, after a force inside the block.
   */
  public static final ImmutableSet<String> CLOSE_ONLY_FLUSHES =
      ImmutableSet.<String>builder()
          .addAll(Sets.difference(UNBUFFERED, ImmutableSet.of("java.io.FileDescriptor")))
          .add(
              "java.io.BufferedOutputStream",
              "java.io.DataOutputStream",
              "java.io.PrintStream",
              "java.io.FileWriter",
              "java.io.OutputStreamWriter",
              "java.io.BufferedWriter",
              "java.io.PrintWriter")
          .build();

  /** Calls that only report: a handler made of these lets a failure go. */
  public static final ImmutableSet<String> REPORTING =
      ImmutableSet.of(
          "trace",
          "debug",
          "info",
          "warn",
          "warning",
          "error",
          "fatal",
          "severe",
          "fine",
          "finer",
          "finest",
          "log",
          "printStackTrace",
          "println",
          "print",
          "printf");

  /**
   * Metrics counters a handler bumps to count failures (Dropwizard's {@code inc} and {@code mark},
   * Micrometer's and {@code LongAdder}'s {@code increment}, the atomics): a handler made of these
   * and reporting calls lets a failure go.
   */
  public static final ImmutableSet<String> COUNTING =
      ImmutableSet.of(
          "inc",
          "increment",
          "incrementAndGet",
          "getAndIncrement",
          "addAndGet",
          "getAndAdd",
          "mark");

  /**
   * Words that say a method does something else, whatever force word it also has ({@code
   * asyncWrite}).
   */
  public static final ImmutableSet<String> NOT_A_FORCE_WORDS =
      ImmutableSet.of(
          "async", "delete", "mkdir", "mkdirs", "move", "rename", "copy", "read", "is", "has");

  private KnownNames() {}

  /** Owners whose every method only computes a value from the receiver and the arguments. */
  public static final ImmutableSet<String> PURE_NAME_OWNERS =
      ImmutableSet.of(
          FileApis.PATH, "java.nio.file.Paths", "java.lang.String", "java.util.Objects");

  /** {@code java.io.File}'s methods that compute a name without touching the file system. */
  public static final ImmutableSet<String> PURE_FILE_METHODS =
      ImmutableSet.of(
          "getPath",
          "getAbsolutePath",
          "getAbsoluteFile",
          "getName",
          "getParent",
          "getParentFile",
          "toPath",
          "toString");

  /** {@code Path} methods that read the file system or register a watch. */
  public static final ImmutableSet<String> IMPURE_PATH_METHODS =
      ImmutableSet.of("register", "toRealPath");
}
