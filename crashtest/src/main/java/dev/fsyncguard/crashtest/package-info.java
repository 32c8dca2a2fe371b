/**
 * Crash-state testing for code that saves files: {@link dev.fsyncguard.crashtest.CrashTest} runs a
 * workload on an in-memory file system that records every operation, and checks every state a crash
 * at any moment could leave. Code that does its I/O through the {@link java.nio.file.Path} it is
 * given needs nothing more; code on {@code java.io} or on paths built from strings runs under the
 * kit's agent ({@link dev.fsyncguard.crashtest.CrashTestAgent}), which sends the JDK's file classes
 * to the same recording file system and refuses writes outside the workload's directory.
 *
 * <p>Uses Jimfs (the backing store) and Byte Buddy (the agent's hooks); nothing of the rest of
 * fsync-guard.
 */
package dev.fsyncguard.crashtest;
