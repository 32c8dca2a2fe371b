package dev.fsyncguard.durable;

import static dev.fsyncguard.crashtest.CrashChecks.holdsOldOrNewContent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashRecording;
import dev.fsyncguard.crashtest.CrashTest;
import dev.fsyncguard.crashtest.Fault;
import dev.fsyncguard.crashtest.OperationKind;
import dev.fsyncguard.crashtest.RecordedOperation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the order of the I/O (temp forced before the move, directory forced after it) and the
 * outcome of every injected fault, on the crash-test kit: its recorded operations, its faults, and
 * the crash states each failure leaves (after a failed force, the target holds its old content in
 * every one).
 */
class RecordedIoTest {
  private static final String OLD = "old content";
  private static final String NEW = "new content";

  /** The utility's temporary files in the directory {@code data}: {@code .name.<random>.tmp}. */
  private static final String TEMPS = "data/.*.tmp";

  /**
   * What a call did: the operations the kit recorded, what it threw, and the directories after it.
   */
  private static final class Run {
    final CrashRecording recording;
    final Exception thrown;

    /** Each file of the workload's directory after the call, by its path relative to it. */
    final Map<String, String> files;

    Run(CrashRecording recording, Exception thrown, Map<String, String> files) {
      this.recording = recording;
      this.thrown = thrown;
      this.files = files;
    }

    /** The operations, each on one line, files by name and every temporary file as TEMP. */
    List<String> script() {
      return recording.operations().stream().map(Run::line).collect(Collectors.toList());
    }

    long count(OperationKind kind) {
      return recording.operations().stream().filter(operation -> operation.kind() == kind).count();
    }

    /** The names in {@code directory}, sorted. */
    List<String> entries(String directory) {
      return files.keySet().stream()
          .filter(path -> path.startsWith(directory + "/"))
          .map(path -> path.substring(directory.length() + 1))
          .collect(Collectors.toList());
    }

    <T extends Exception> T thrown(Class<T> type) {
      assertTrue(type.isInstance(thrown), "expected " + type.getSimpleName() + ", got " + thrown);
      return type.cast(thrown);
    }

    private static String line(RecordedOperation operation) {
      // A rename's detail starts with its target's whole path, named here by its file name.
      String detail = operation.detail().replaceFirst("^-> \\S+ ?", "");
      String target = operation.target().map(t -> " -> " + name(t)).orElse("");
      return operation.kind()
          + " "
          + name(operation.path())
          + target
          + (detail.isEmpty() ? "" : " " + detail);
    }

    private static String name(String path) {
      String name = Paths.get(path).getFileName().toString();
      return TestFiles.isTemp(Paths.get(name)) ? "TEMP" : name;
    }
  }

  /** A call on the utility, given the directories {@code data} and {@code other}. */
  @FunctionalInterface
  private interface Call {
    void on(Path data, Path other) throws Exception;
  }

  /**
   * Runs {@code call} in a workload whose {@code data} holds {@code target} (old content) and the
   * files {@code existing} names, with {@code faults}.
   */
  private static Run run(List<String> existing, List<Fault> faults, Call call) {
    Exception[] thrown = {null};
    Map<String, String> files = new TreeMap<>();
    CrashRecording recording =
        CrashTest.startingWith(
                dir -> {
                  Files.createDirectory(dir.resolve("data"));
                  Files.createDirectory(dir.resolve("other"));
                  for (String name : existing) {
                    Files.writeString(dir.resolve(name), name.endsWith("source") ? NEW : OLD);
                  }
                })
            .withFaults(faults.toArray(new Fault[0]))
            .run(
                dir -> {
                  try {
                    call.on(dir.resolve("data"), dir.resolve("other"));
                  } catch (Exception e) {
                    thrown[0] = e;
                  }
                  try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                      files.put(dir.relativize(file).toString(), readThroughFaults(file));
                    }
                  }
                });
    return new Run(recording, thrown[0], files);
  }

  /** The file's content, or what kept it from being read: a fault on every open fires here too. */
  private static String readThroughFaults(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static Run run(List<Fault> faults, Call call) {
    return run(List.of("data/target"), faults, call);
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void forcesTheTempBeforeTheMoveAndTheDirectoryAfterIt(WriteForm form) {
    Run run = run(List.of(), (data, other) -> form.write(data.resolve("target"), NEW));

    assertEquals(null, run.thrown);
    assertEquals(
        List.of(
            "CREATE_FILE TEMP",
            "WRITE TEMP 11 bytes at 0",
            "FORCE_FILE TEMP",
            "RENAME TEMP -> target [ATOMIC_MOVE]",
            "FORCE_DIRECTORY data"),
        run.script());
    assertEquals(NEW, run.files.get("data/target"));
    assertEquals(List.of("target"), run.entries("data"));
    run.recording.assertEveryCrashState(
        holdsOldOrNewContent("data/target", bytes(OLD), bytes(NEW)));
  }

  @Test
  void aNewTargetTakesTheSameSteps() {
    Run run =
        run(
            List.of(),
            List.of(),
            (data, other) -> DurableFiles.write(data.resolve("fresh"), bytes(NEW)));

    assertEquals(
        List.of(
            "CREATE_FILE TEMP",
            "WRITE TEMP 11 bytes at 0",
            "FORCE_FILE TEMP",
            "RENAME TEMP -> fresh [ATOMIC_MOVE]",
            "FORCE_DIRECTORY data"),
        run.script());
  }

  @Test
  void streamingBuffersSmallWritesIntoOneWrite() {
    Run run =
        run(
            List.of(),
            (data, other) -> {
              try (DurableOutput output = DurableFiles.newOutput(data.resolve("target"))) {
                OutputStream stream = output.stream();
                for (int i = 0; i < 100; i++) {
                  stream.write("0123456789".getBytes(UTF_8));
                }
                output.commit();
              }
            });

    assertEquals(1, run.count(OperationKind.WRITE), run.script().toString());
    assertTrue(run.script().contains("WRITE TEMP 1000 bytes at 0"), run.script().toString());
    assertEquals("0123456789".repeat(100), run.files.get("data/target"));
  }

  /** A fault injected at one operation, with the outcome the caller must be told about. */
  enum InjectedFault {
    FORCE_OF_TEMP_FAILS(
        () -> Fault.failingForce().on(TEMPS),
        IOException.class,
        TargetUnchangedException.class,
        OLD),
    WRITE_FINDS_NO_SPACE(
        () -> Fault.failingWrite().on(TEMPS),
        IOException.class,
        TargetUnchangedException.class,
        OLD),
    MOVE_IS_NOT_ATOMIC(
        () ->
            Fault.failingRename()
                .on(TEMPS)
                .withError(
                    () ->
                        new AtomicMoveNotSupportedException(
                            "source", "target", "Invalid cross-device link")),
        AtomicMoveNotSupportedException.class,
        AtomicRenameUnsupportedException.class,
        OLD),
    DIRECTORY_OPEN_DENIED(
        () -> Fault.failingOpen().on("data"),
        AccessDeniedException.class,
        TargetUnchangedException.class,
        OLD),
    /** What a read-only directory does to the temp file's creation. */
    TEMP_CREATE_DENIED_IN_READ_ONLY_DIRECTORY(
        () -> Fault.failingOpen().on(TEMPS),
        AccessDeniedException.class,
        TargetUnchangedException.class,
        OLD),
    DIRECTORY_FORCE_FAILS(
        () -> Fault.failingDirectoryForce().on("data"),
        IOException.class,
        ReplacedButNotDurableException.class,
        NEW);

    final Supplier<Fault> fault;
    final Class<? extends IOException> cause;
    final Class<? extends DurableWriteException> reported;
    final String contentAfterwards;

    InjectedFault(
        Supplier<Fault> fault,
        Class<? extends IOException> cause,
        Class<? extends DurableWriteException> reported,
        String contentAfterwards) {
      this.fault = fault;
      this.cause = cause;
      this.reported = reported;
      this.contentAfterwards = contentAfterwards;
    }
  }

  static Stream<Arguments> everyFaultInEveryForm() {
    List<Arguments> cases = new ArrayList<>();
    for (WriteForm form : WriteForm.values()) {
      for (InjectedFault fault : InjectedFault.values()) {
        cases.add(Arguments.of(form, fault));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyFaultInEveryForm")
  void anInjectedFaultIsReportedByTypeAndLeavesNoTempFile(WriteForm form, InjectedFault fault) {
    Path[] target = {null};
    Run run =
        run(
            List.of(fault.fault.get()),
            (data, other) -> {
              target[0] = data.resolve("target");
              form.write(target[0], NEW);
            });

    DurableWriteException thrown = run.thrown(DurableWriteException.class);
    assertSame(fault.reported, thrown.getClass(), thrown.toString());
    assertSame(fault.cause, thrown.getCause().getClass(), thrown.getCause().toString());
    assertEquals(target[0], thrown.target());
    assertEquals(fault.contentAfterwards, run.files.get("data/target"));
    assertEquals(List.of("target"), run.entries("data"), "no temporary file may be left");
    Map<String, Long> forces =
        run.recording.operations().stream()
            .filter(
                operation ->
                    operation.kind() == OperationKind.FORCE_FILE
                        || operation.kind() == OperationKind.FORCE_FILE_FAILED)
            .collect(Collectors.groupingBy(RecordedOperation::path, Collectors.counting()));
    forces.forEach(
        (path, count) -> assertEquals(1L, count, "a failed force must not be retried: " + path));
    if (fault.contentAfterwards.equals(OLD)) {
      assertEquals(0, run.count(OperationKind.RENAME), "nothing may be renamed after a failure");
      // The call failed before the target changed: no crash, at any moment, can change it either.
      run.recording.assertEveryCrashState(
          holdsOldOrNewContent("data/target", bytes(OLD), bytes(OLD)));
    } else {
      // Replaced, but not durably: a crash may leave either content, each whole.
      run.recording.assertEveryCrashState(
          state -> {
            String content = new String(state.content("data/target").orElseThrow(), UTF_8);
            assertTrue(content.equals(OLD) || content.equals(NEW), content);
          });
    }
  }

  @Test
  void aBatchForcesEachFileThenTheDirectoryOnce() {
    Run run =
        run(
            List.of("data/a", "data/b", "data/c"),
            List.of(),
            (data, other) -> DurableFiles.writeAll(batchOf(data, "a", "b", "c")));

    assertEquals(
        List.of(
            "CREATE_FILE TEMP",
            "WRITE TEMP 3 bytes at 0",
            "FORCE_FILE TEMP",
            "CREATE_FILE TEMP",
            "WRITE TEMP 3 bytes at 0",
            "FORCE_FILE TEMP",
            "CREATE_FILE TEMP",
            "WRITE TEMP 3 bytes at 0",
            "FORCE_FILE TEMP",
            "RENAME TEMP -> a [ATOMIC_MOVE]",
            "RENAME TEMP -> b [ATOMIC_MOVE]",
            "RENAME TEMP -> c [ATOMIC_MOVE]",
            "FORCE_DIRECTORY data"),
        run.script());
    assertEquals(List.of("a", "b", "c"), run.entries("data"));
    assertEquals("new", run.files.get("data/b"));
  }

  @Test
  void aBatchThatFailsBeforeItsFirstRenameChangesNothing() {
    Run run =
        run(
            List.of("data/a", "data/b", "data/c"),
            List.of(Fault.failingForce().on("data/.b.*")),
            (data, other) -> DurableFiles.writeAll(batchOf(data, "a", "b", "c")));

    TargetUnchangedException thrown = run.thrown(TargetUnchangedException.class);
    assertEquals("b", thrown.target().getFileName().toString());
    assertEquals(List.of("a", "b", "c"), run.entries("data"));
    for (String name : List.of("a", "b", "c")) {
      assertEquals(OLD, run.files.get("data/" + name));
    }
    assertEquals(0, run.count(OperationKind.RENAME));
  }

  @Test
  void aBatchThatFailsMidwayThroughItsRenamesSaysWhichFilesWereReplaced() {
    Run run =
        run(
            List.of("data/a", "data/b", "data/c"),
            List.of(Fault.failingRename().on("data/.b.*")),
            (data, other) -> DurableFiles.writeAll(batchOf(data, "a", "b", "c")));

    BatchPartlyReplacedException thrown = run.thrown(BatchPartlyReplacedException.class);
    assertEquals(List.of("a"), names(thrown.replaced()));
    assertEquals(List.of("b", "c"), names(thrown.unchanged()));
    assertEquals("new", run.files.get("data/a"));
    assertEquals(OLD, run.files.get("data/b"));
    assertEquals(OLD, run.files.get("data/c"));
    assertEquals(List.of("a", "b", "c"), run.entries("data"));
  }

  @Test
  void aBatchWhoseFirstRenameFailsIsUnchanged() {
    Run run =
        run(
            List.of("data/a", "data/b"),
            List.of(
                Fault.failingRename()
                    .on("data/.a.*")
                    .withError(
                        () -> new AtomicMoveNotSupportedException("a", "b", "no atomic rename"))),
            (data, other) -> DurableFiles.writeAll(batchOf(data, "a", "b")));

    run.thrown(AtomicRenameUnsupportedException.class);
    assertEquals(List.of("a", "b"), run.entries("data"));
    assertEquals(OLD, run.files.get("data/a"));
    assertEquals(OLD, run.files.get("data/b"));
  }

  @Test
  void aBatchWhoseDirectoryForceFailsReportsTheDirectory() {
    Run run =
        run(
            List.of("data/a", "data/b"),
            List.of(Fault.failingDirectoryForce().on("data")),
            (data, other) -> DurableFiles.writeAll(batchOf(data, "a", "b")));

    ReplacedButNotDurableException thrown = run.thrown(ReplacedButNotDurableException.class);
    assertEquals("data", thrown.target().getFileName().toString());
    assertEquals("new", run.files.get("data/a"));
    assertEquals("new", run.files.get("data/b"));
    assertEquals(List.of("a", "b"), run.entries("data"));
  }

  @Test
  void renameForcesTheSourceThenBothDirectories() {
    Run run =
        run(
            List.of("data/target", "other/source"),
            List.of(),
            (data, other) -> DurableFiles.rename(other.resolve("source"), data.resolve("target")));

    assertEquals(
        List.of(
            "FORCE_FILE source",
            "RENAME source -> target [ATOMIC_MOVE]",
            "FORCE_DIRECTORY data",
            "FORCE_DIRECTORY other"),
        run.script());
    assertEquals(NEW, run.files.get("data/target"));
    assertEquals(List.of(), run.entries("other"));
    run.recording.assertEveryCrashState(
        holdsOldOrNewContent("data/target", bytes(OLD), bytes(NEW)));
  }

  @Test
  void renameWithinOneDirectoryForcesItOnce() {
    Run run =
        run(
            List.of("data/source"),
            List.of(),
            (data, other) -> DurableFiles.rename(data.resolve("source"), data.resolve("target")));

    assertEquals(
        List.of(
            "FORCE_FILE source", "RENAME source -> target [ATOMIC_MOVE]", "FORCE_DIRECTORY data"),
        run.script());
  }

  @Test
  void renameWhoseSourceForceFailsMovesNothing() {
    Run run =
        run(
            List.of("data/source", "data/target"),
            List.of(Fault.failingForce().on("data/source")),
            (data, other) -> DurableFiles.rename(data.resolve("source"), data.resolve("target")));

    run.thrown(TargetUnchangedException.class);
    assertEquals(List.of("source", "target"), run.entries("data"));
    assertEquals(OLD, run.files.get("data/target"));
    assertEquals(List.of("FORCE_FILE_FAILED source injected: Input/output error"), run.script());
    run.recording.assertEveryCrashState(
        holdsOldOrNewContent("data/target", bytes(OLD), bytes(OLD)));
  }

  @Test
  void renameOfAMissingSourceChangesNothing() {
    Run run =
        run(
            List.of(),
            (data, other) -> DurableFiles.rename(data.resolve("missing"), data.resolve("target")));

    run.thrown(NoSuchFileException.class);
    assertEquals(List.of(), run.script());
    assertEquals(OLD, run.files.get("data/target"));
  }

  /**
   * A source removed after the check but before it is forced is still reported as missing, not
   * wrapped.
   */
  @Test
  void renameOfASourceThatVanishesBeforeItsForceThrowsNoSuchFile() {
    Run run =
        run(
            List.of("data/source", "data/target"),
            List.of(
                Fault.failingOpen()
                    .on("data/source")
                    .times(1)
                    .withError(() -> new NoSuchFileException("source"))),
            (data, other) -> DurableFiles.rename(data.resolve("source"), data.resolve("target")));

    run.thrown(NoSuchFileException.class);
    assertEquals(0, run.count(OperationKind.RENAME));
    assertEquals(OLD, run.files.get("data/target"));
  }

  @Test
  void renameRefusesANonAtomicMove() {
    Run run =
        run(
            List.of("data/source", "data/target"),
            List.of(
                Fault.failingRename()
                    .withError(
                        () ->
                            new AtomicMoveNotSupportedException(
                                "source", "target", "Invalid cross-device link"))),
            (data, other) -> DurableFiles.rename(data.resolve("source"), data.resolve("target")));

    run.thrown(AtomicRenameUnsupportedException.class);
    assertEquals(OLD, run.files.get("data/target"));
    assertEquals(NEW, run.files.get("data/source"));
  }

  @Test
  void renameWhoseDirectoryForceFailsSaysTheRenameHappened() {
    Run run =
        run(
            List.of("data/source"),
            List.of(Fault.failingDirectoryForce().on("data")),
            (data, other) -> DurableFiles.rename(data.resolve("source"), data.resolve("target")));

    run.thrown(ReplacedButNotDurableException.class);
    assertEquals(List.of("target"), run.entries("data"));
  }

  @Test
  void forceAndForceDirectoryForceThroughTheirOwnChannel() {
    Run run =
        run(
            List.of(),
            (data, other) -> {
              DurableFiles.force(data.resolve("target"));
              DurableFiles.forceDirectory(data);
            });

    assertEquals(null, run.thrown);
    assertEquals(List.of("FORCE_FILE target", "FORCE_DIRECTORY data"), run.script());
  }

  @Test
  void forceDirectoryRefusesARegularFileBeforeOpeningIt() {
    // Any open would fail: the refusal must come first, as NotDirectoryException.
    Run run =
        run(
            List.of(Fault.failingOpen()),
            (data, other) -> DurableFiles.forceDirectory(data.resolve("target")));

    run.thrown(NotDirectoryException.class);
    assertEquals(List.of(), run.script());
  }

  /**
   * Windows skips the directory force, but must refuse a regular file and a missing path all the
   * same.
   */
  @Test
  void withoutDirectoryForcesTheDirectoryIsStillChecked() {
    List<Exception> thrown = new ArrayList<>();
    Run run =
        run(
            List.of(Fault.failingOpen()),
            (data, other) -> {
              DurableFiles.forceDirectory(data, false);
              thrown.add(
                  assertThrows(
                      NotDirectoryException.class,
                      () -> DurableFiles.forceDirectory(data.resolve("target"), false)));
              thrown.add(
                  assertThrows(
                      NoSuchFileException.class,
                      () -> DurableFiles.forceDirectory(data.resolve("missing"), false)));
            });

    assertEquals(null, run.thrown);
    assertEquals(2, thrown.size());
    assertEquals(List.of(), run.script());
  }

  @Test
  void aStreamWriteFailureCannotBeCommittedEvenIfTheCallerCarriesOn() {
    List<Exception> thrown = new ArrayList<>();
    Run run =
        run(
            List.of(Fault.failingWrite().on(TEMPS).times(1)),
            (data, other) -> {
              try (DurableOutput output = DurableFiles.newOutput(data.resolve("target"))) {
                OutputStream stream = output.stream();
                thrown.add(assertThrows(IOException.class, () -> stream.write(new byte[10_000])));
                stream.write('x');
                thrown.add(assertThrows(TargetUnchangedException.class, output::commit));
              }
            });

    assertEquals(null, run.thrown);
    assertTrue(thrown.get(1).getMessage().contains("earlier write"), thrown.get(1).getMessage());
    assertEquals(OLD, run.files.get("data/target"));
    assertEquals(List.of("target"), run.entries("data"));
    assertEquals(0, run.count(OperationKind.FORCE_FILE), run.script().toString());
  }

  private static Map<Path, byte[]> batchOf(Path data, String... names) {
    Map<Path, byte[]> batch = new LinkedHashMap<>();
    for (String name : names) {
      batch.put(data.resolve(name), "new".getBytes(UTF_8));
    }
    return batch;
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(path -> path.getFileName().toString()).collect(Collectors.toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
