package dev.fsyncguard.checker;

import org.junit.jupiter.api.Test;

/**
 * {@link RenameWithoutFsync} on temp files written by file libraries, compiled against the real
 * Commons IO and Guava, and by the JDK's XML, image and deflater writers; then the shapes around
 * them (unclosed writers, appends, channels, lambdas). Each model has cases that must be reported
 * ({@code flags…}) and correctly forced variants that must not ({@code quiet…}).
 */
class RenameWithoutFsyncFileLibrariesTest extends LibraryWriterCases {
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
