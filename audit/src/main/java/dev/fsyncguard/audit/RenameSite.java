package dev.fsyncguard.audit;

/**
 * One rename site and its verdict.
 *
 * @param file the source file, relative to the audited directory where possible
 * @param line 1-based line of the rename call, where the build reports it
 * @param column 1-based column of the rename call, where the build reports it (Error Prone's
 *     preferred position of the call: its opening parenthesis)
 * @param call the rename call as written, on one line, whole
 * @param detail where the unforced write or the force is, in words
 * @param relatedLine the line of that write or force, or 0
 */
public record RenameSite(
    String file, long line, long column, String call, Verdict verdict, String detail, long relatedLine) {}
