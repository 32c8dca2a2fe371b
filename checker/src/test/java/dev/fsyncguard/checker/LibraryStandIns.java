package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;

/** Small stand-ins for the library classes the checker models, so tests need none of them. */
final class LibraryStandIns {
  private LibraryStandIns() {}

  static CompilationTestHelper addTo(CompilationTestHelper helper) {
    return helper
        .addSourceLines(
            "org/apache/kafka/common/utils/Utils.java",
            "package org.apache.kafka.common.utils;",
            "import java.nio.file.Path;",
            "public final class Utils {",
            "  public static void atomicMoveWithFallback(Path source, Path target) {}",
            "  public static void flushDir(Path dir) {}",
            "}")
        .addSourceLines(
            "org/apache/lucene/util/IOUtils.java",
            "package org.apache.lucene.util;",
            "public final class IOUtils {",
            "  public static void fsync(java.nio.file.Path fileToSync, boolean isDir) {}",
            "}")
        .addSourceLines(
            "com/google/common/io/Files.java",
            "package com.google.common.io;",
            "public final class Files {",
            "  public static void move(java.io.File from, java.io.File to) {}",
            "}")
        .addSourceLines(
            "org/apache/commons/io/FileUtils.java",
            "package org.apache.commons.io;",
            "import java.io.File;",
            "public final class FileUtils {",
            "  public static void moveFile(File src, File dest) {}",
            "  public static void moveFileToDirectory(File src, File dir, boolean create) {}",
            "}")
        .addSourceLines(
            "com/alipay/sofa/jraft/util/Utils.java",
            "package com.alipay.sofa.jraft.util;",
            "import java.io.File;",
            "public final class Utils {",
            "  public static boolean atomicMoveFile(File source, File target, boolean sync) {",
            "    return true;",
            "  }",
            "  public static void fsync(File file) {}",
            "}")
        .addSourceLines(
            "org/apache/ratis/util/FileUtils.java",
            "package org.apache.ratis.util;",
            "public final class FileUtils {",
            "  public static void move(java.io.File src, java.io.File dst) {}",
            "}")
        .addSourceLines(
            "org/eclipse/jgit/util/FileUtils.java",
            "package org.eclipse.jgit.util;",
            "public final class FileUtils {",
            "  public static void rename(java.io.File src, java.io.File dst) {}",
            "}");
  }
}
