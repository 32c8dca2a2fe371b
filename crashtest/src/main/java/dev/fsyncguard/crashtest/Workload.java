package dev.fsyncguard.crashtest;

import java.nio.file.Path;

/**
 * Code that does file I/O in {@code directory}, a directory of the crash-test file system. Every
 * path it uses must be derived from {@code directory} (through {@code resolve} or its file system);
 * {@code Path.of}, {@code Paths.get} and {@code java.io.File} reach the real disk and cannot be
 * recorded.
 */
@FunctionalInterface
public interface Workload {
  void run(Path directory) throws Exception;
}
