/**
 * Crash-state testing for code that saves files: {@link dev.fsyncguard.crashtest.CrashTest} runs a
 * workload on an in-memory file system that records every operation, and checks every state a crash
 * at any moment could leave. Code must do its I/O through {@link java.nio.file.Path} (with {@code
 * Files} or {@code FileChannel}); I/O through {@code java.io.File} cannot be intercepted, and
 * {@code toFile()} on the kit's paths fails to say so.
 */
package dev.fsyncguard.crashtest;
