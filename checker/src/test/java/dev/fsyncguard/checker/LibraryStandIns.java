package dev.fsyncguard.checker;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.CompilationTestHelper;
import java.util.Map;

/**
 * Small stand-ins for library classes the checker models, so tests need none of them. Guava and
 * Commons IO are on the test class path: their real classes are used instead.
 */
public final class LibraryStandIns {
  /** Each stand-in's source, by its path. */
  public static final ImmutableMap<String, String> SOURCES =
      ImmutableMap.<String, String>builder()
          .put(
              "org/apache/kafka/common/utils/Utils.java",
              String.join(
                  "\n",
                  "package org.apache.kafka.common.utils;",
                  "import java.nio.file.Path;",
                  "public final class Utils {",
                  "  public static void atomicMoveWithFallback(Path source, Path target) {}",
                  "  public static void flushDir(Path dir) {}",
                  "  public static void flushDirIfExists(Path dir) {}",
                  "  public static void flushFileIfExists(Path file) {}",
                  "}"))
          .put(
              "org/apache/hadoop/io/nativeio/NativeIO.java",
              String.join(
                  "\n",
                  "package org.apache.hadoop.io.nativeio;",
                  "import java.io.File;",
                  "import java.io.IOException;",
                  "public final class NativeIO {",
                  "  public static void renameTo(File src, File dst) throws IOException {}",
                  "}"))
          .put(
              "org/apache/lucene/util/IOUtils.java",
              String.join(
                  "\n",
                  "package org.apache.lucene.util;",
                  "public final class IOUtils {",
                  "  public static void fsync(java.nio.file.Path fileToSync, boolean isDir) {}",
                  "}"))
          .put(
              "com/alipay/sofa/jraft/util/Utils.java",
              String.join(
                  "\n",
                  "package com.alipay.sofa.jraft.util;",
                  "import java.io.File;",
                  "public final class Utils {",
                  "  public static boolean atomicMoveFile(File source, File target, boolean sync)"
                      + " {",
                  "    return true;",
                  "  }",
                  "  public static void fsync(File file) {}",
                  "}"))
          .put(
              "org/apache/ratis/util/FileUtils.java",
              String.join(
                  "\n",
                  "package org.apache.ratis.util;",
                  "public final class FileUtils {",
                  "  public static void move(java.io.File src, java.io.File dst) {}",
                  "}"))
          .put(
              "org/eclipse/jgit/util/FileUtils.java",
              String.join(
                  "\n",
                  "package org.eclipse.jgit.util;",
                  "public final class FileUtils {",
                  "  public static void rename(java.io.File src, java.io.File dst) {}",
                  "}"))
          .buildOrThrow();

  private LibraryStandIns() {}

  static CompilationTestHelper addTo(CompilationTestHelper helper) {
    for (Map.Entry<String, String> standIn : SOURCES.entrySet()) {
      helper = helper.addSourceLines(standIn.getKey(), standIn.getValue());
    }
    return helper;
  }
}
