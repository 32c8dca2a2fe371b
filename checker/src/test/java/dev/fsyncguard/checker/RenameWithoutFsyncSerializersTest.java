package dev.fsyncguard.checker;

import org.junit.jupiter.api.Test;

/**
 * {@link RenameWithoutFsync} on temp files written by serializers, compiled against the real
 * Jackson 2 and 3, Gson and SnakeYAML. Each model has cases that must be reported ({@code flags…})
 * and correctly forced variants that must not ({@code quiet…}): flush then {@code getFD().sync()},
 * reopen and {@code force}, {@code DurableFiles}, or a write to another file than the one renamed.
 */
class RenameWithoutFsyncSerializersTest extends LibraryWriterCases {
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
}
