package dev.fsyncguard.checker;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.CompilationTestHelper;
import java.util.Map;

/** Small stand-ins for the library classes the checker models, so tests need none of them. */
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
              "com/google/common/io/Files.java",
              String.join(
                  "\n",
                  "package com.google.common.io;",
                  "public final class Files {",
                  "  public static void move(java.io.File from, java.io.File to) {}",
                  "}"))
          .put(
              "org/apache/commons/io/FileUtils.java",
              String.join(
                  "\n",
                  "package org.apache.commons.io;",
                  "import java.io.File;",
                  "public final class FileUtils {",
                  "  public static void moveFile(File src, File dest) {}",
                  "  public static void moveFileToDirectory(File src, File dir, boolean create) {}",
                  "}"))
          .put(
              "com/alipay/sofa/jraft/util/Utils.java",
              String.join(
                  "\n",
                  "package com.alipay.sofa.jraft.util;",
                  "import java.io.File;",
                  "public final class Utils {",
                  "  public static boolean atomicMoveFile(File source, File target, boolean sync) {",
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
