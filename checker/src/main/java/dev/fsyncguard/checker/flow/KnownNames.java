package dev.fsyncguard.checker.flow;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;

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

  /**
   * Streams, writers and channels whose {@code close()} writes nothing beyond what {@code flush()}
   * writes. A compressing or encrypting stream writes its trailer on close, after a force inside
   * the block.
   */
  public static final ImmutableSet<String> CLOSE_ONLY_FLUSHES =
      ImmutableSet.of(
          "java.io.FileOutputStream",
          "java.io.BufferedOutputStream",
          "java.io.DataOutputStream",
          "java.io.PrintStream",
          "java.io.FileWriter",
          "java.io.OutputStreamWriter",
          "java.io.BufferedWriter",
          "java.io.PrintWriter",
          "java.io.RandomAccessFile",
          "java.nio.channels.FileChannel");

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

  /** Words in a method's name that say it forces what it is given ({@code fsyncFile}). */
  public static final ImmutableSet<String> FORCE_WORDS =
      ImmutableSet.of(
          "fsync", "fdatasync", "sync", "synced", "force", "forced", "durable", "durably");

  /**
   * Words that say a method does something else, whatever force word it also has ({@code
   * asyncWrite}).
   */
  public static final ImmutableSet<String> NOT_A_FORCE_WORDS =
      ImmutableSet.of(
          "async", "delete", "mkdir", "mkdirs", "move", "rename", "copy", "read", "is", "has");

  private KnownNames() {}
}
