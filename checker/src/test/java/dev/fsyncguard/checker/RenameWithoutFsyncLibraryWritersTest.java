package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link RenameWithoutFsync} on temp files written by the libraries the API table models, compiled
 * against the real Jackson 2 and 3, Gson, SnakeYAML, Commons IO and Guava. Each model has cases
 * that must be reported ({@code flags…}) and correctly forced variants that must not ({@code
 * quiet…}): flush then {@code getFD().sync()}, reopen and {@code force}, {@code DurableFiles}, or a
 * write to another file than the one renamed.
 */
class RenameWithoutFsyncLibraryWritersTest {
  private static final String HEADER =
      """
      import static java.nio.charset.StandardCharsets.UTF_8;
      import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
      import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
      import static java.nio.file.StandardOpenOption.*;

      import com.fasterxml.jackson.core.JsonEncoding;
      import com.fasterxml.jackson.core.JsonGenerator;
      import com.fasterxml.jackson.databind.ObjectMapper;
      import com.google.common.io.ByteSink;
      import com.google.common.io.FileWriteMode;
      import com.google.common.io.MoreFiles;
      import com.google.gson.Gson;
      import com.google.gson.stream.JsonWriter;
      import dev.fsyncguard.durable.DurableFiles;
      import java.awt.image.RenderedImage;
      import java.io.*;
      import java.nio.channels.FileChannel;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.List;
      import java.util.Map;
      import java.util.zip.GZIPOutputStream;
      import java.util.zip.ZipEntry;
      import java.util.zip.ZipOutputStream;
      import javax.xml.stream.XMLOutputFactory;
      import javax.xml.stream.XMLStreamWriter;
      import javax.xml.transform.Transformer;
      import javax.xml.transform.dom.DOMSource;
      import javax.xml.transform.stream.StreamResult;
      import org.apache.commons.io.FileUtils;
      import org.apache.commons.io.IOUtils;
      import org.yaml.snakeyaml.Yaml;

      abstract class A {
        final ObjectMapper mapper = new ObjectMapper();
        final tools.jackson.databind.ObjectMapper mapper3 = new tools.jackson.databind.ObjectMapper();
        final Gson gson = new Gson();
        final Yaml yaml = new Yaml();
      """;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /**
   * Checks one method of class {@code A}; a reported rename is marked {@code // BUG: Diagnostic
   * contains: …}.
   */
  private void check(String method) {
    helper.addSourceLines("A.java", HEADER + method.indent(2) + "}\n").doTest();
  }

  // Jackson 2

  @Test
  void flagsJackson2WriteValueToFile() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper.writeValue(tmp.toFile(), state);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietJackson2WriteValueToFileThenReopenedAndForced() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper.writeValue(tmp.toFile(), state);
          try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
            ch.force(true);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson2WriteValueToStreamClosedByTry() {
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            mapper.writeValue(out, state);
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2WriteValueToStreamThenFlushedAndSynced() {
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          ObjectMapper keepOpen = mapper.copy().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            keepOpen.writeValue(out, state);
            out.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2WriteValueToStreamThenFlushedAndSyncedWithDefaultMapper() {
    // The default mapper has closed `out` (AUTO_CLOSE_TARGET): the sync then throws instead of
    // returning, so nothing is renamed unforced. Quiet either way.
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            mapper.writeValue(out, state);
            out.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2WriteValueClosedTheStreamThenReopenedAndForced() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper.writeValue(Files.newOutputStream(tmp), state);
          try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
            ch.force(true);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietJackson2WriteValueToBufferedStreamWithoutExplicitFlushThenSynced() {
    // writeValue closes or flushes the stream it is given: nothing is left in the buffer.
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          FileOutputStream out = new FileOutputStream(tmp);
          mapper.writeValue(new BufferedOutputStream(out), state);
          out.getFD().sync();
          out.close();
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2PrettyWriterThenDurableFilesForce() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
          DurableFiles.force(tmp);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson2ObjectWriterIntoBufferedWriter() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          try (Writer w = Files.newBufferedWriter(tmp)) {
            mapper.writerFor(Object.class).writeValue(w, state);
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietJackson2WritesAnotherFileThanRenamed() {
    check(
        """
        void rotate(Path tmp, Path backup, Path target, Object state) throws IOException {
          mapper.writeValue(backup.toFile(), state);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson2GeneratorOnFile() {
    check(
        """
        void save(File tmp, File target, String name) throws IOException {
          try (JsonGenerator g = mapper.getFactory().createGenerator(tmp, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeEndObject();
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson2GeneratorSyncedBeforeItsBufferWasFlushed() {
    check(
        """
        void save(File tmp, File target, String name) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeEndObject();
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2GeneratorFlushedThenSynced() {
    check(
        """
        void save(File tmp, File target, String name) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeEndObject();
            g.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietJackson2WriteTreeIntoGeneratorThenSynced() {
    // writeTree flushes the generator and the stream under it (FLUSH_AFTER_WRITE_VALUE).
    check(
        """
        void save(File tmp, File target, com.fasterxml.jackson.databind.JsonNode tree) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              JsonGenerator g = mapper.createGenerator(out)) {
            mapper.writeTree(g, tree);
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  // Jackson 3

  @Test
  void flagsJackson3WriteValueToPath() {
    check(
        """
        void save(Path tmp, Path target, Object state) {
          mapper3.writeValue(tmp, state);
          // BUG: Diagnostic contains: renamed before the write
          try { Files.move(tmp, target, ATOMIC_MOVE); } catch (IOException e) { throw new UncheckedIOException(e); }
        }
        """);
  }

  @Test
  void quietJackson3WriteValueToPathThenDurableFilesForce() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper3.writeValue(tmp, state);
          DurableFiles.force(tmp);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson3GeneratorOnPath() {
    check(
        """
        void save(Path tmp, Path target, String name) throws IOException {
          try (tools.jackson.core.JsonGenerator g =
              mapper3.createGenerator(tmp, tools.jackson.core.JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringProperty("name", name);
            g.writeEndObject();
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  // Gson

  @Test
  void flagsGsonToJsonIntoBufferedWriter() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          try (Writer w = Files.newBufferedWriter(tmp, UTF_8)) {
            gson.toJson(state, w);
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsGsonToJsonSyncedWithoutFlushingTheWriter() {
    // toJson flushes nothing: the writer still holds the JSON when the descriptor is synced.
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              Writer w = new OutputStreamWriter(out, UTF_8)) {
            gson.toJson(state, Object.class, w);
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietGsonToJsonFlushedThenSynced() {
    check(
        """
        void save(File tmp, File target, Object state) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              Writer w = new OutputStreamWriter(out, UTF_8)) {
            gson.toJson(state, w);
            w.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsGsonJsonWriterAppendingToTemp() {
    check(
        """
        void save(File tmp, File target, Map<String, Integer> counts) throws IOException {
          try (JsonWriter jw = new JsonWriter(new FileWriter(tmp, true))) {
            jw.beginObject();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
              jw.name(e.getKey()).value(e.getValue());
            }
            jw.endObject();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietGsonJsonWriterFlushedThenSynced() {
    check(
        """
        void save(File tmp, File target, int count) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              JsonWriter jw = gson.newJsonWriter(new OutputStreamWriter(out, UTF_8))) {
            jw.beginObject().name("count").value(count).endObject();
            jw.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  // SnakeYAML

  @Test
  void flagsYamlDumpIntoFileWriter() {
    check(
        """
        void save(File tmp, File target, Map<String, Object> config) throws IOException {
          try (Writer w = new FileWriter(tmp, UTF_8)) {
            yaml.dump(config, w);
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsYamlDumpThroughGzipSyncedBeforeTheTrailer() {
    // dump() flushes the writer, which leaves the deflater's bytes and the GZIP trailer unwritten.
    check(
        """
        void save(File tmp, File target, Map<String, Object> config) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              Writer w = new OutputStreamWriter(new GZIPOutputStream(out), UTF_8)) {
            yaml.dump(config, w);
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietYamlDumpThenSyncedWithoutExplicitFlush() {
    // dump() flushes the writer when it ends the stream.
    check(
        """
        void save(File tmp, File target, Map<String, Object> config) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              Writer w = new OutputStreamWriter(out, UTF_8)) {
            yaml.dump(config, w);
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  // Commons IO

  @Test
  void flagsCommonsWriteStringToFile() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          FileUtils.writeStringToFile(tmp, s, UTF_8);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp.toPath(), target.toPath(), REPLACE_EXISTING, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietCommonsWriteStringToFileThenReopenedAndSynced() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          FileUtils.writeStringToFile(tmp, s, UTF_8);
          try (FileOutputStream out = new FileOutputStream(tmp, true)) {
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsCommonsWriteByteArrayToFileThenMoveFile() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          FileUtils.writeByteArrayToFile(tmp, data);
          // BUG: Diagnostic contains: renamed before the write
          FileUtils.moveFile(tmp, target);
        }
        """);
  }

  @Test
  void flagsCommonsWriteLinesAppended() {
    check(
        """
        void save(File tmp, File target, List<String> lines) throws IOException {
          FileUtils.writeLines(tmp, "UTF-8", lines, true);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietCommonsWriteThenDurableFilesForce() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          FileUtils.write(tmp, s, UTF_8);
          DurableFiles.force(tmp.toPath());
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsCommonsCopyFileIntoTemp() {
    check(
        """
        void install(File source, File target) throws IOException {
          File tmp = new File(target.getParentFile(), target.getName() + ".part");
          FileUtils.copyFile(source, tmp);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsCommonsCopyInputStreamToFile() {
    check(
        """
        void download(InputStream in, File tmp, File target) throws IOException {
          FileUtils.copyInputStreamToFile(in, tmp);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietCommonsCopyFileFromTheRenamedFile() {
    // Copying out of a file does not write it: renaming it afterwards commits nothing new.
    check(
        """
        void archive(File log, File copy, File rotated) throws IOException {
          FileUtils.copyFile(log, copy);
          log.renameTo(rotated);
        }
        """);
  }

  @Test
  void flagsCommonsOpenOutputStreamWithIoUtilsWrite() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          try (OutputStream out = FileUtils.openOutputStream(tmp)) {
            IOUtils.write(s, out, UTF_8);
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietCommonsOpenOutputStreamWithIoUtilsWriteThenSynced() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = FileUtils.openOutputStream(tmp)) {
            IOUtils.write(data, out);
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsCommonsIoUtilsCopyIntoAppendedStream() {
    check(
        """
        void save(InputStream in, File tmp, File target) throws IOException {
          try (OutputStream out = FileUtils.openOutputStream(tmp, true)) {
            IOUtils.copy(in, out);
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  // Guava

  @Test
  void flagsGuavaFilesWriteThenGuavaMove() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          com.google.common.io.Files.write(data, tmp);
          // BUG: Diagnostic contains: renamed before the write
          com.google.common.io.Files.move(tmp, target);
        }
        """);
  }

  @Test
  void quietGuavaFilesWriteThenDurableFilesForce() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          com.google.common.io.Files.write(data, tmp);
          DurableFiles.force(tmp.toPath());
          com.google.common.io.Files.move(tmp, target);
        }
        """);
  }

  @Test
  void flagsGuavaCharSinkWrite() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          com.google.common.io.Files.asCharSink(tmp, UTF_8).write(s);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsGuavaByteSinkAppend() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          ByteSink sink = com.google.common.io.Files.asByteSink(tmp, FileWriteMode.APPEND);
          sink.write(data);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsGuavaMoreFilesCharSinkWriteLines() {
    check(
        """
        void save(Path tmp, Path target, List<String> lines) throws IOException {
          MoreFiles.asCharSink(tmp, UTF_8).writeLines(lines);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietGuavaMoreFilesByteSinkWithSync() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          MoreFiles.asByteSink(tmp, CREATE, TRUNCATE_EXISTING, WRITE, SYNC).write(data);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietGuavaByteSinkWriteThenReopenedAndForced() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          MoreFiles.asByteSink(tmp).write(data);
          try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
            ch.force(false);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietGuavaSinkOnlyCreatedAndAnotherFileWritten() {
    check(
        """
        void rotate(Path tmp, Path log, Path target, String line) throws IOException {
          ByteSink unused = MoreFiles.asByteSink(tmp);
          MoreFiles.asCharSink(log, UTF_8, APPEND).write(line);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsGuavaSinkOpenBufferedStream() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (OutputStream out = MoreFiles.asByteSink(tmp).openBufferedStream()) {
            out.write(data);
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  // JDK: XML, images, deflaters

  @Test
  void flagsTransformerIntoStreamResultOnFile() {
    check(
        """
        void save(Transformer t, org.w3c.dom.Document doc, Path tmp, Path target) throws Exception {
          t.transform(new DOMSource(doc), new StreamResult(tmp.toFile()));
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietTransformerIntoStreamResultThenDurableFilesForce() {
    check(
        """
        void save(Transformer t, org.w3c.dom.Document doc, Path tmp, Path target) throws Exception {
          StreamResult result = new StreamResult(tmp.toFile());
          t.transform(new DOMSource(doc), result);
          DurableFiles.force(tmp);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsImageIoWriteToFile() {
    check(
        """
        void save(RenderedImage image, File tmp, File target) throws IOException {
          javax.imageio.ImageIO.write(image, "png", tmp);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietImageIoWriteToBufferedStreamThenSynced() {
    // ImageIO.write flushes the stream it is given.
    check(
        """
        void save(RenderedImage image, File tmp, File target) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            javax.imageio.ImageIO.write(image, "png", new BufferedOutputStream(out));
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsXmlStreamWriterSyncedBeforeItWasFlushed() {
    check(
        """
        void save(File tmp, File target, String value) throws Exception {
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument();
            xml.writeStartElement("state");
            xml.writeCharacters(value);
            xml.writeEndElement();
            xml.writeEndDocument();
            out.getFD().sync();
            xml.close();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietXmlStreamWriterFlushedThenSynced() {
    check(
        """
        void save(File tmp, File target, String value) throws Exception {
          try (FileOutputStream out = new FileOutputStream(tmp)) {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument();
            xml.writeStartElement("state");
            xml.writeCharacters(value);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsGzipFlushedButNotFinishedBeforeSync() {
    // flush() leaves the deflater's data and the trailer; close() writes them after the sync.
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
            gz.flush();
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsSyncFlushGzipStillMissingItsTrailerAtSync() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              GZIPOutputStream gz = new GZIPOutputStream(out, true)) {
            gz.write(data);
            gz.flush();
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietGzipFinishedThenSynced() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
            gz.finish();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsZipEntryClosedButArchiveNotFinishedBeforeSync() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out))) {
            zip.putNextEntry(new ZipEntry("state"));
            zip.write(data);
            zip.closeEntry();
            zip.flush();
            out.getFD().sync();
          }
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietZipFinishedThenSynced() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("state"));
            zip.write(data);
            zip.closeEntry();
            zip.finish();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  // More shapes: unclosed writers, appends, channels, lambdas

  @Test
  void flagsJackson2PrettyWriterIntoUnclosedBufferedWriter() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          mapper.writerWithDefaultPrettyPrinter().writeValue(Files.newBufferedWriter(tmp), state);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietJackson2IntoChannelStreamThenChannelForced() {
    check(
        """
        void save(Path tmp, Path target, Object state) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            mapper.writeValue(java.nio.channels.Channels.newOutputStream(ch), state);
            ch.force(true);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsJackson3PrettyWriterToFile() {
    check(
        """
        void save(File tmp, File target, Object state) {
          mapper3.writerWithDefaultPrettyPrinter().writeValue(tmp, state);
          // BUG: Diagnostic contains: renamed before the write
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsGsonJsonWriterOnAppendingWriterFilledInLambda() {
    check(
        """
        void save(Path tmp, Path target, Map<String, Integer> counts) throws IOException {
          try (JsonWriter jw = gson.newJsonWriter(Files.newBufferedWriter(tmp, APPEND))) {
            jw.beginObject();
            counts.forEach((k, v) -> { try { jw.name(k).value(v); } catch (IOException e) { throw new UncheckedIOException(e); } });
            jw.endObject();
          }
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsGuavaCharSinkAppend() {
    check(
        """
        void append(File tmp, File target, String line) throws IOException {
          com.google.common.io.Files.asCharSink(tmp, UTF_8, FileWriteMode.APPEND).write(line);
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietGuavaFilesWriteThenRandomAccessFileSynced() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          com.google.common.io.Files.write(data, tmp);
          try (RandomAccessFile raf = new RandomAccessFile(tmp, "rw")) {
            raf.getFD().sync();
          }
          com.google.common.io.Files.move(tmp, target);
        }
        """);
  }

  @Test
  void quietGuavaMoreFilesCharSinkWithDsync() {
    check(
        """
        void save(Path tmp, Path target, List<String> lines) throws IOException {
          MoreFiles.asCharSink(tmp, UTF_8, CREATE, TRUNCATE_EXISTING, WRITE, DSYNC).writeLines(lines);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietCommonsWriteThenReopenedChannelForcedThenMoveFile() {
    check(
        """
        void save(File tmp, File target, String s) throws IOException {
          FileUtils.writeStringToFile(tmp, s, UTF_8);
          try (FileChannel ch = FileChannel.open(tmp.toPath(), WRITE)) {
            ch.force(true);
          }
          FileUtils.moveFile(tmp, target);
        }
        """);
  }

  @Test
  void flagsYamlDumpIntoUnclosedBufferedWriter() {
    check(
        """
        void save(Path tmp, Path target, Map<String, Object> config) throws IOException {
          yaml.dump(config, Files.newBufferedWriter(tmp));
          // BUG: Diagnostic contains: renamed before the write
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietImageIoWriteToFileThenDurableFilesForce() {
    check(
        """
        void save(RenderedImage img, File tmp, File target) throws IOException {
          javax.imageio.ImageIO.write(img, "png", tmp);
          DurableFiles.force(tmp.toPath());
          Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietGzipFinishedThroughBufferThenFlushedAndSynced() {
    check(
        """
        void save(File tmp, File target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(out))) {
            IOUtils.write(data, gz);
            gz.finish();
            gz.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }
}
