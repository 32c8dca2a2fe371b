/**
 * The analysis: the table of known file APIs ({@code FileApis}, {@code LibraryApis}, {@code
 * KnownNames}), the dataflow over each method, the verdict on each step of a crash-safe replace at
 * a rename site ({@code ReplaceProtocol}), and the options. Uses only Error Prone and javac; the
 * checks, the baseline and the audit use it.
 */
package dev.fsyncguard.checker.flow;
