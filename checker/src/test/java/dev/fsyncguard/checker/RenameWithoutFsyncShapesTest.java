package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link RenameWithoutFsync} on the shapes in which real save code spreads one temp file over more
 * than one expression: writes in a lambda or anonymous class that a known callee runs before it
 * returns, a temp held in a field by one method and renamed by another, and the same file reached
 * twice through a getter or a helper that derives a name from its arguments. Each shape has cases
 * that must be reported and correctly forced or unrelated variants that must not.
 */
class RenameWithoutFsyncShapesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /** Checks one method of an abstract class {@code A}. */
  private void check(String method) {
    helper
        .addSourceLines(
            "A.java",
            TestSources.marked(
                TestSources.PRELUDE
                    + "abstract class A {\n"
                    + "  abstract ByteBuffer encode(String key, String value);\n"
                    + method.indent(2)
                    + "}\n"))
        .doTest();
  }

  /** Checks whole classes. */
  private void checkClasses(String classes) {
    helper.addSourceLines("A.java", TestSources.marked(TestSources.PRELUDE + classes)).doTest();
  }

  // Lambdas and anonymous classes run before the callee returns

  @Test
  void flagsWriteByNameInOptionalIfPresent() {
    check(
        """
        void save(Optional<byte[]> snapshot, Path tmp, Path target) throws IOException {
          snapshot.ifPresent(
              bytes -> {
                try {
                  Files.write(tmp, bytes);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsWriteByNameInIterableForEach() {
    check(
        """
        void save(List<String> lines, Path tmp, Path target) throws IOException {
          Files.deleteIfExists(tmp);
          lines.forEach(
              line -> {
                try {
                  Files.writeString(tmp, line + "\\n", UTF_8, CREATE, APPEND);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsWritesThroughCapturedChannelInMapForEachAfterHeaderWasForced() {
    check(
        """
        void save(Map<String, String> entries, ByteBuffer header, Path tmp, Path target)
            throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(header);
            ch.force(true);
            entries.forEach(
                (k, v) -> {
                  try {
                    ch.write(encode(k, v));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
          }
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsWritesInAnonymousConsumerPassedToStreamForEach() {
    check(
        """
        void save(Stream<String> keys, ByteBuffer header, Path tmp, Path target) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(header);
            ch.force(true);
            keys.forEach(
                new Consumer<String>() {
                  @Override
                  public void accept(String key) {
                    try {
                      ch.write(encode(key, ""));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }
                });
          }
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void flagsWritesInForEachRemainingAndForEachOrdered() {
    check(
        """
        void save(Iterator<String> keys, Stream<String> more, Path tmp, Path target)
            throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.force(true);
            keys.forEachRemaining(k -> write(ch, k));
            more.forEachOrdered(k -> write(ch, k));
          }
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }

        void write(FileChannel ch, String key) {
          try {
            ch.write(encode(key, ""));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        """);
  }

  @Test
  void flagsFooterPrintedThroughMethodReferenceAfterTheSync() {
    check(
        """
        void save(List<String> lines, File tmp, File target) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              PrintStream print = new PrintStream(out, false, UTF_8)) {
            print.println("# state");
            print.flush();
            out.getFD().sync();
            lines.forEach(print::println);
          }
          // BUG: Diagnostic contains: RenameWithoutFsync
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void flagsWriteInIfPresentOrElse() {
    check(
        """
        void save(Optional<String> text, Path tmp, Path target) throws IOException {
          text.ifPresentOrElse(
              t -> {
                try {
                  Files.writeString(tmp, t);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              () -> {});
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietWritesInForEachThenFlushedAndSynced() {
    check(
        """
        void save(List<String> lines, File tmp, File target) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp);
              PrintStream print = new PrintStream(out, false, UTF_8)) {
            lines.forEach(print::println);
            lines.forEach(line -> print.println(line));
            print.flush();
            out.getFD().sync();
          }
          tmp.renameTo(target);
        }
        """);
  }

  @Test
  void quietWriteAndForceInsideTheLambda() {
    check(
        """
        void save(Optional<byte[]> snapshot, Path tmp, Path target) throws IOException {
          snapshot.ifPresent(
              bytes -> {
                try {
                  Files.write(tmp, bytes);
                  DurableFiles.force(tmp);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietLambdaKeptForLater() {
    check(
        """
        void save(List<Consumer<byte[]>> pending, Path tmp, Path target) throws IOException {
          Consumer<byte[]> writer =
              bytes -> {
                try {
                  Files.write(tmp, bytes);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
          pending.add(writer);
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietLambdaRunLaterByAnExecutor() {
    check(
        """
        void save(ExecutorService executor, byte[] bytes, Path tmp, Path target) throws IOException {
          executor.submit(
              () -> {
                Files.write(tmp, bytes);
                return null;
              });
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietForEachWritesOtherFiles() {
    check(
        """
        void save(Map<String, byte[]> parts, Path dir, Path tmp, Path target) throws IOException {
          Files.write(tmp, new byte[0]);
          DurableFiles.force(tmp);
          parts.forEach(
              (name, bytes) -> {
                try {
                  Files.write(dir.resolve(name), bytes);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  @Test
  void quietAnonymousConsumerWritesThenForcedAfterTheLoop() {
    check(
        """
        void save(List<String> keys, Path tmp, Path target) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            keys.forEach(
                new Consumer<String>() {
                  @Override
                  public void accept(String key) {
                    try {
                      ch.write(encode(key, ""));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }
                });
            ch.force(true);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """);
  }

  // A temp held in a field: written by one method, renamed by another

  @Test
  void flagsTempFieldWrittenByOneMethodRenamedByTheNext() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void save(byte[] state) throws IOException {
            begin(state); // @write
            // BUG: Diagnostic contains: `tmp` is renamed before the write on line @write
            commit();
          }

          private void begin(byte[] state) throws IOException {
            Files.write(tmp, state);
          }

          private void commit() throws IOException {
            Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
          }
        }
        """);
  }

  @Test
  void flagsStreamFieldOpenedWrittenAndClosedByThreeMethods() {
    checkClasses(
        """
        class Journal {
          private final File tmp;
          private final File target;
          private OutputStream out;

          Journal(File dir) {
            tmp = new File(dir, "journal.tmp");
            target = new File(dir, "journal");
          }

          void rewrite(List<byte[]> records) throws IOException {
            open();
            for (byte[] record : records) {
              append(record);
            }
            // BUG: Diagnostic contains: RenameWithoutFsync
            close();
          }

          private void open() throws IOException {
            out = new BufferedOutputStream(new FileOutputStream(tmp));
          }

          private void append(byte[] record) throws IOException {
            out.write(record);
          }

          private void close() throws IOException {
            out.close();
            if (!tmp.renameTo(target)) {
              throw new IOException("could not replace " + target);
            }
          }
        }
        """);
  }

  @Test
  void flagsTempFieldCreatedInTheTargetDirectoryByBegin() {
    checkClasses(
        """
        class Snapshot {
          private final Path dir;
          private Path tmp;

          Snapshot(Path dir) {
            this.dir = dir;
          }

          void write(String state) throws IOException {
            begin(state);
            // BUG: Diagnostic contains: RenameWithoutFsync
            commit(dir.resolve("snapshot.json"));
          }

          private void begin(String state) throws IOException {
            tmp = Files.createTempFile(dir, "snapshot", ".tmp");
            Files.writeString(tmp, state);
          }

          private void commit(Path target) throws IOException {
            Files.move(tmp, target, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietTempFieldForcedByBegin() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void save(byte[] state) throws IOException {
            begin(state);
            commit();
          }

          private void begin(byte[] state) throws IOException {
            try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
              ch.write(ByteBuffer.wrap(state));
              ch.force(true);
            }
          }

          private void commit() throws IOException {
            Files.move(tmp, target, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietStreamFieldSyncedByTheMethodThatRenames() {
    checkClasses(
        """
        class Journal {
          private final File tmp;
          private final File target;
          private FileOutputStream out;

          Journal(File dir) {
            tmp = new File(dir, "journal.tmp");
            target = new File(dir, "journal");
          }

          void rewrite(List<byte[]> records) throws IOException {
            open();
            for (byte[] record : records) {
              append(record);
            }
            close();
          }

          private void open() throws IOException {
            out = new FileOutputStream(tmp);
          }

          private void append(byte[] record) throws IOException {
            out.write(record);
          }

          private void close() throws IOException {
            out.getFD().sync();
            out.close();
            tmp.renameTo(target);
          }
        }
        """);
  }

  @Test
  void quietWriterFieldFlushedAndItsStreamSyncedBeforeTheRename() {
    checkClasses(
        """
        class Settings {
          private final File tmp;
          private final File target;
          private FileOutputStream stream;
          private BufferedWriter writer;

          Settings(File dir) {
            tmp = new File(dir, "settings.tmp");
            target = new File(dir, "settings");
          }

          void save(Map<String, String> values) throws IOException {
            open();
            for (Map.Entry<String, String> e : values.entrySet()) {
              put(e.getKey(), e.getValue());
            }
            commit();
          }

          private void open() throws IOException {
            stream = new FileOutputStream(tmp);
            writer = new BufferedWriter(new OutputStreamWriter(stream, UTF_8));
          }

          private void put(String key, String value) throws IOException {
            writer.write(key + "=" + value + "\\n");
          }

          private void commit() throws IOException {
            writer.flush();
            stream.getFD().sync();
            writer.close();
            Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void flagsWriterFieldClosedButNeverSynced() {
    checkClasses(
        """
        class Settings {
          private final File tmp;
          private final File target;
          private BufferedWriter writer;

          Settings(File dir) {
            tmp = new File(dir, "settings.tmp");
            target = new File(dir, "settings");
          }

          void save(Map<String, String> values) throws IOException {
            open();
            for (Map.Entry<String, String> e : values.entrySet()) {
              put(e.getKey(), e.getValue());
            }
            // BUG: Diagnostic contains: RenameWithoutFsync
            commit();
          }

          private void open() throws IOException {
            writer = Files.newBufferedWriter(tmp.toPath());
          }

          private void put(String key, String value) throws IOException {
            writer.write(key + "=" + value + "\\n");
          }

          private void commit() throws IOException {
            writer.close();
            Files.move(tmp.toPath(), target.toPath(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietTempFieldReopenedAndForcedByTheMethodThatRenames() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void save(byte[] state) throws IOException {
            begin(state);
            commit();
          }

          private void begin(byte[] state) throws IOException {
            Files.write(tmp, state);
          }

          private void commit() throws IOException {
            try (FileChannel ch = FileChannel.open(tmp, WRITE)) {
              ch.force(true);
            }
            Files.move(tmp, target, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietTempFieldCommittedByDurableFilesRename() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void save(byte[] state) throws IOException {
            begin(state);
            commit();
          }

          private void begin(byte[] state) throws IOException {
            Files.write(tmp, state);
          }

          private void commit() throws IOException {
            DurableFiles.rename(tmp, target);
          }
        }
        """);
  }

  @Test
  void quietCommitAloneOfATempWrittenElsewhere() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void publish() throws IOException {
            commit();
          }

          private void commit() throws IOException {
            Files.move(tmp, target, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietFieldsOfAnotherObject() {
    checkClasses(
        """
        class Checkpoint {
          private final Path tmp;
          private final Path target;

          Checkpoint(Path dir) {
            tmp = dir.resolve("checkpoint.tmp");
            target = dir.resolve("checkpoint");
          }

          void copyFrom(Checkpoint other, byte[] state) throws IOException {
            other.begin(state);
            commit();
          }

          void begin(byte[] state) throws IOException {
            Files.write(tmp, state);
          }

          void commit() throws IOException {
            Files.move(tmp, target, ATOMIC_MOVE);
          }
        }
        """);
  }

  // The same file through a getter called twice, or a helper that derives a name

  @Test
  void flagsGetterCalledTwice() {
    checkClasses(
        """
        class PartitionMetadata {
          private final File file;

          PartitionMetadata(File file) {
            this.file = file;
          }

          Path path() {
            return file.toPath();
          }

          Path tempPath() {
            return Path.of(file.getAbsolutePath() + ".tmp");
          }

          void write(String metadata) throws IOException {
            Files.writeString(tempPath(), metadata);
            // BUG: Diagnostic contains: RenameWithoutFsync
            Files.move(tempPath(), path(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void flagsHelperDerivingTheTempFromItsArgument() {
    check(
        """
        void save(Path target, byte[] bytes) throws IOException {
          Files.write(tempFor(target), bytes);
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(tempFor(target), target, ATOMIC_MOVE);
        }

        private static Path tempFor(Path target) {
          return target.resolveSibling(target.getFileName() + ".tmp");
        }
        """);
  }

  @Test
  void flagsRecordAccessorCalledTwice() {
    checkClasses(
        """
        record StatePaths(Path temp, Path target) {}

        class Store {
          void save(StatePaths paths, String state) throws IOException {
            Files.writeString(paths.temp(), state);
            // BUG: Diagnostic contains: RenameWithoutFsync
            Files.move(paths.temp(), paths.target(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void flagsGetterOfAnotherObjectCalledTwice() {
    checkClasses(
        """
        class Layout {
          private final File dir;

          Layout(File dir) {
            this.dir = dir;
          }

          File tempFile(String name) {
            return new File(dir, name + ".tmp");
          }

          File file(String name) {
            return new File(dir, name);
          }
        }

        class Store {
          void save(Layout layout, byte[] bytes) throws IOException {
            try (FileOutputStream out = new FileOutputStream(layout.tempFile("state"))) {
              out.write(bytes);
            }
            // BUG: Diagnostic contains: RenameWithoutFsync
            layout.tempFile("state").renameTo(layout.file("state"));
          }
        }
        """);
  }

  @Test
  void flagsStaticHelperOfTheSameClassNamingTheTemp() {
    check(
        """
        void save(Path dir, String name, String text) throws IOException {
          try (Writer w = Files.newBufferedWriter(temp(dir, name))) {
            w.write(text);
          }
          // BUG: Diagnostic contains: RenameWithoutFsync
          Files.move(temp(dir, name), dir.resolve(name), ATOMIC_MOVE);
        }

        static Path temp(Path dir, String name) {
          return dir.resolve(name + ".tmp");
        }
        """);
  }

  @Test
  void quietGetterForcedInBetween() {
    checkClasses(
        """
        class PartitionMetadata {
          private final File file;

          PartitionMetadata(File file) {
            this.file = file;
          }

          Path tempPath() {
            return Path.of(file.getAbsolutePath() + ".tmp");
          }

          void write(String metadata) throws IOException {
            Files.writeString(tempPath(), metadata);
            DurableFiles.force(tempPath());
            Files.move(tempPath(), file.toPath(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietGetterReopenedAndForcedThroughAnotherCall() {
    checkClasses(
        """
        class PartitionMetadata {
          private final File file;

          PartitionMetadata(File file) {
            this.file = file;
          }

          Path tempPath() {
            return Path.of(file.getAbsolutePath() + ".tmp");
          }

          void write(String metadata) throws IOException {
            Files.writeString(tempPath(), metadata);
            try (FileChannel ch = FileChannel.open(tempPath(), WRITE)) {
              ch.force(true);
            }
            Files.move(tempPath(), file.toPath(), ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietGetterWithASideEffectNamesANewFileEachTime() {
    checkClasses(
        """
        class Segments {
          private final Path dir;
          private int next;

          Segments(Path dir) {
            this.dir = dir;
          }

          Path nextSegment() {
            return dir.resolve("segment-" + next++);
          }

          void roll(byte[] bytes, Path target) throws IOException {
            Files.write(nextSegment(), bytes);
            Files.move(nextSegment(), target, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietGetterOfAFieldThatChanges() {
    checkClasses(
        """
        class Rotating {
          private Path current;

          Path current() {
            return current;
          }

          void roll(byte[] bytes, Path next, Path archive) throws IOException {
            Files.write(current(), bytes);
            current = next;
            Files.move(current(), archive, ATOMIC_MOVE);
          }
        }
        """);
  }

  @Test
  void quietHelperGivenAnotherArgument() {
    check(
        """
        void save(Path target, Path other, byte[] bytes) throws IOException {
          Files.write(tempFor(other), bytes);
          Files.move(tempFor(target), target, ATOMIC_MOVE);
        }

        private static Path tempFor(Path target) {
          return target.resolveSibling(target.getFileName() + ".tmp");
        }
        """);
  }

  @Test
  void quietGetterWrittenAndSyncedThroughOneStream() {
    checkClasses(
        """
        class Store {
          private final File dir;

          Store(File dir) {
            this.dir = dir;
          }

          File tempFile() {
            return new File(dir, "state.tmp");
          }

          File file() {
            return new File(dir, "state");
          }

          void save(byte[] bytes) throws IOException {
            try (FileOutputStream out = new FileOutputStream(tempFile())) {
              out.write(bytes);
              out.getFD().sync();
            }
            tempFile().renameTo(file());
          }
        }
        """);
  }
}
