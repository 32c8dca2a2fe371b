package dev.fsyncguard.checker.api;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.fsyncguard.checker.api.FileApis.constructed;
import static dev.fsyncguard.checker.api.FileApis.rule;
import static dev.fsyncguard.checker.api.Operand.RECEIVER;

import com.google.common.collect.ImmutableList;

/**
 * The libraries in {@link FileApis}' table: serialisers and file utilities that write files for the
 * caller (Jackson, Gson, SnakeYAML, Commons IO, Guava), and the rename and fsync helpers real
 * projects call instead of the JDK's (Kafka, Lucene, Guava, Commons IO, sofa-jraft, Ratis, JGit,
 * Hadoop). Part of the one table: the rules are tried in {@link FileApis#rules}' order.
 */
final class LibraryApis {
  private static final String GSON = "com.google.gson.Gson";
  private static final String GSON_JSON_WRITER = "com.google.gson.stream.JsonWriter";
  private static final String COMMONS_FILE_UTILS = "org.apache.commons.io.FileUtils";
  private static final String COMMONS_IO_UTILS = "org.apache.commons.io.IOUtils";
  private static final String GUAVA_FILES = "com.google.common.io.Files";
  private static final ImmutableList<String> GUAVA_SINKS =
      ImmutableList.of("com.google.common.io.ByteSink", "com.google.common.io.CharSink");
  private static final ImmutableList<String> JACKSON_WRITERS =
      ImmutableList.of(
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.databind.ObjectWriter",
          "tools.jackson.databind.ObjectMapper",
          "tools.jackson.databind.ObjectWriter");
  private static final ImmutableList<String> JACKSON_GENERATOR_FACTORIES =
      ImmutableList.of(
          "com.fasterxml.jackson.core.JsonFactory",
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.databind.ObjectWriter",
          "tools.jackson.core.TokenStreamFactory",
          "tools.jackson.databind.ObjectMapper",
          "tools.jackson.databind.ObjectWriter");

  /**
   * Serialisers and file utilities that write files for the caller. None of these libraries has a
   * helper that forces a file (Commons IO, Guava, Jackson, Gson, SnakeYAML).
   */
  static final ImmutableList<FileApis.Rule> LIBRARY_WRITERS =
      ImmutableList.of(
          // Jackson 2 and 3: by name, opened, written and closed; a stream or writer is closed
          // (AUTO_CLOSE_TARGET) or at least flushed (FLUSH_AFTER_WRITE_VALUE) before the call
          // returns.
          rule(
              instanceMethod().onDescendantOfAny(JACKSON_WRITERS),
              Action.writeAndClose(0, Opening.TRUNCATES),
              "writeValue"),
          // Into a generator: flushed (FLUSH_AFTER_WRITE_VALUE), never closed.
          rule(
              instanceMethod().onDescendantOfAny(JACKSON_WRITERS),
              Action.writeAndFlush(0, Opening.NONE),
              "writeTree"),
          // A generator buffers until flushed or closed; its write…() calls are the handle
          // conventions.
          rule(
              instanceMethod().onDescendantOfAny(JACKSON_GENERATOR_FACTORIES),
              Action.open(0, true, Opening.TRUNCATES),
              "createGenerator"),
          rule(
              instanceMethod().onDescendantOf("tools.jackson.core.TokenStreamFactory"),
              Action.open(1, true, Opening.TRUNCATES),
              "createGenerator"),
          // Gson writes through the Appendable or JsonWriter, its last argument, and flushes
          // nothing.
          rule(instanceMethod().onDescendantOf(GSON), Effect.WRITE, 2, "toJson"),
          rule(instanceMethod().onDescendantOf(GSON), Effect.WRITE, 1, "toJson"),
          rule(
              instanceMethod().onDescendantOf(GSON),
              Action.open(false, Opening.NONE),
              "newJsonWriter"),
          constructed(constructor().forClass(GSON_JSON_WRITER), Action.open(false, Opening.NONE)),
          rule(
              instanceMethod().onDescendantOf(GSON_JSON_WRITER),
              Effect.WRITE,
              RECEIVER,
              "beginArray",
              "endArray",
              "beginObject",
              "endObject",
              "name",
              "value",
              "nullValue",
              "jsonValue"),
          // SnakeYAML's emitter flushes the writer at the end of the stream.
          rule(
              instanceMethod().onDescendantOf("org.yaml.snakeyaml.Yaml"),
              Action.writeAndFlush(1, Opening.NONE),
              "dump",
              "dumpAll"),
          // Commons IO: each by-name helper opens, writes and closes; none forces.
          rule(
              staticMethod().onClass(COMMONS_FILE_UTILS),
              Action.write(0, Opening.APPEND_FLAG),
              "write",
              "writeStringToFile",
              "writeByteArrayToFile",
              "writeLines"),
          rule(
              staticMethod().onClass(COMMONS_FILE_UTILS),
              Action.write(1, Opening.TRUNCATES),
              "copyFile",
              "copyInputStreamToFile",
              "copyToFile",
              "copyURLToFile"),
          rule(
              staticMethod().onClass(COMMONS_FILE_UTILS),
              Action.open(false, Opening.APPEND_FLAG),
              "openOutputStream"),
          rule(staticMethod().onClass(COMMONS_IO_UTILS), Effect.WRITE, 2, "writeLines"),
          rule(
              staticMethod().onClass(COMMONS_IO_UTILS),
              Effect.WRITE,
              1,
              "write",
              "writeChunked",
              "copy",
              "copyLarge"),
          // Guava: Files.write and copy by name; a sink opens the file anew for each write through
          // it.
          rule(
              staticMethod().onClass(GUAVA_FILES),
              Action.write(1, Opening.TRUNCATES),
              "write",
              "copy"),
          rule(staticMethod().onClass(GUAVA_FILES), Action.write(1, Opening.NONE), "append"),
          rule(
              staticMethod().onClass(GUAVA_FILES),
              Action.open(true, Opening.TRUNCATES),
              "newWriter"),
          rule(
              staticMethod().onClassAny(GUAVA_FILES, "com.google.common.io.MoreFiles"),
              Action.open(false, Opening.OPTIONS_ON_WRITE),
              "asByteSink",
              "asCharSink"),
          rule(
              instanceMethod().onDescendantOfAny(GUAVA_SINKS),
              Action.open(RECEIVER, false, Opening.NONE),
              "openStream"),
          rule(
              instanceMethod().onDescendantOfAny(GUAVA_SINKS),
              Action.open(RECEIVER, true, Opening.NONE),
              "openBufferedStream"));

  /** Libraries whose rename and fsync helpers real projects call instead of the JDK. */
  static final ImmutableList<FileApis.Rule> LIBRARIES =
      ImmutableList.of(
          rule(
              staticMethod().onClass("org.apache.kafka.common.utils.Utils"),
              Action.rename(0, 1),
              "atomicMoveWithFallback"),
          rule(
              staticMethod().onClass("org.apache.kafka.common.utils.Utils"),
              Effect.FORCE_DIRECTORY,
              0,
              "flushDir",
              "flushDirIfExists"),
          // FileChannel.force(true), a missing file let go (nothing to lose).
          rule(
              staticMethod().onClass("org.apache.kafka.common.utils.Utils"),
              Effect.FORCE,
              0,
              "flushFileIfExists"),
          rule(staticMethod().onClass("org.apache.lucene.util.IOUtils"), Effect.FORCE, 0, "fsync"),
          rule(staticMethod().onClass(GUAVA_FILES), Action.rename(0, 1), "move"),
          rule(
              staticMethod().onClass(COMMONS_FILE_UTILS),
              Action.rename(0, 1),
              "moveFile",
              "moveFileToDirectory"),
          rule(
              staticMethod().onClass("com.alipay.sofa.jraft.util.Utils"),
              Action.rename(0, 1),
              "atomicMoveFile"),
          rule(
              staticMethod().onClass("com.alipay.sofa.jraft.util.Utils"), Effect.FORCE, 0, "fsync"),
          rule(
              staticMethod().onClass("org.apache.ratis.util.FileUtils"),
              Action.rename(0, 1),
              "move"),
          rule(
              staticMethod().onClass("org.eclipse.jgit.util.FileUtils"),
              Action.rename(0, 1),
              "rename"),
          // Hadoop's rename(2) through JNI (HDFS's AtomicFileOutputStream commits with it).
          rule(
              staticMethod().onClass("org.apache.hadoop.io.nativeio.NativeIO"),
              Action.rename(0, 1),
              "renameTo"));

  private LibraryApis() {}
}
