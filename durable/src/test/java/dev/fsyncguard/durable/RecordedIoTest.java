package dev.fsyncguard.durable;

import static dev.fsyncguard.durable.TestFiles.entries;
import static dev.fsyncguard.durable.TestFiles.isTemp;
import static dev.fsyncguard.durable.TestFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.durable.recording.IoEvent;
import dev.fsyncguard.durable.recording.Operation;
import dev.fsyncguard.durable.recording.RecordingFileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the order of the I/O (temp forced before the move, directory forced after it) and the outcome of every
 * injected fault, by running the utility on a file system that logs and fails operations on demand.
 */
class RecordedIoTest {
  private static final String OLD = "old content";
  private static final String NEW = "new content";

  @TempDir Path tempDir;
  private RecordingFileSystem fs;
  private Path realDir;
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    realDir = Files.createDirectory(tempDir.resolve("data"));
    fs = new RecordingFileSystem();
    dir = fs.wrap(realDir);
  }

  private Path existingTarget(String name) throws IOException {
    Files.writeString(realDir.resolve(name), OLD);
    return dir.resolve(name);
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void forcesTheTempBeforeTheMoveAndTheDirectoryAfterIt(WriteForm form) throws IOException {
    Path target = existingTarget("target");

    form.write(target, NEW);

    assertEquals(List.of(
        "OPEN data [READ]",
        "OPEN TEMP [CREATE_NEW, WRITE]",
        "WRITE TEMP 11 bytes",
        "FORCE TEMP",
        "CLOSE TEMP",
        "MOVE TEMP -> target [ATOMIC_MOVE]",
        "FORCE data",
        "CLOSE data"), fs.script());
    assertEquals(NEW, read(realDir.resolve("target")));
    assertEquals(List.of("target"), entries(realDir));
  }

  @Test
  void aNewTargetTakesTheSameSteps() throws IOException {
    DurableFiles.write(dir.resolve("fresh"), NEW.getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of(
        "OPEN data [READ]",
        "OPEN TEMP [CREATE_NEW, WRITE]",
        "WRITE TEMP 11 bytes",
        "FORCE TEMP",
        "CLOSE TEMP",
        "MOVE TEMP -> fresh [ATOMIC_MOVE]",
        "FORCE data",
        "CLOSE data"), fs.script());
  }

  @Test
  void streamingBuffersSmallWritesIntoOneWrite() throws IOException {
    Path target = existingTarget("target");
    try (DurableOutput output = DurableFiles.newOutput(target)) {
      OutputStream stream = output.stream();
      for (int i = 0; i < 100; i++) {
        stream.write("0123456789".getBytes(StandardCharsets.US_ASCII));
      }
      output.commit();
    }

    assertEquals(1, count(Operation.WRITE), fs.script().toString());
    assertTrue(fs.script().contains("WRITE TEMP 1000 bytes"), fs.script().toString());
    assertEquals("0123456789".repeat(100), read(realDir.resolve("target")));
  }

  /** A fault injected at one operation, with the outcome the caller must be told about. */
  enum InjectedFault {
    FORCE_OF_TEMP_FAILS(Operation.FORCE, TestFiles::isTemp, () -> new IOException("Input/output error"),
        TargetUnchangedException.class, OLD),
    WRITE_FINDS_NO_SPACE(Operation.WRITE, TestFiles::isTemp, () -> new IOException("No space left on device"),
        TargetUnchangedException.class, OLD),
    MOVE_IS_NOT_ATOMIC(Operation.MOVE, TestFiles::isTemp,
        () -> new AtomicMoveNotSupportedException("source", "target", "Invalid cross-device link"),
        AtomicRenameUnsupportedException.class, OLD),
    DIRECTORY_OPEN_DENIED(Operation.OPEN, path -> path.getFileName().toString().equals("data"),
        () -> new AccessDeniedException("data"), TargetUnchangedException.class, OLD),
    /** What a read-only directory does to the temp file's creation (tests run as root, who ignores modes). */
    TEMP_CREATE_DENIED_IN_READ_ONLY_DIRECTORY(Operation.OPEN, TestFiles::isTemp,
        () -> new AccessDeniedException("temp"), TargetUnchangedException.class, OLD),
    DIRECTORY_FORCE_FAILS(Operation.FORCE, path -> path.getFileName().toString().equals("data"),
        () -> new IOException("Input/output error"), ReplacedButNotDurableException.class, NEW);

    final Operation operation;
    final Predicate<Path> where;
    final Supplier<IOException> error;
    final Class<? extends DurableWriteException> reported;
    final String contentAfterwards;

    InjectedFault(Operation operation, Predicate<Path> where, Supplier<IOException> error,
        Class<? extends DurableWriteException> reported, String contentAfterwards) {
      this.operation = operation;
      this.where = where;
      this.error = error;
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
  void anInjectedFaultIsReportedByTypeAndLeavesNoTempFile(WriteForm form, InjectedFault fault)
      throws IOException {
    Path target = existingTarget("target");
    fs.inject(fault.operation, fault.where, fault.error);

    DurableWriteException thrown = assertThrows(DurableWriteException.class, () -> form.write(target, NEW));

    assertSame(fault.reported, thrown.getClass(), thrown.toString());
    assertEquals(fault.error.get().getClass(), thrown.getCause().getClass());
    assertEquals(target, thrown.target());
    assertEquals(fault.contentAfterwards, read(realDir.resolve("target")));
    assertEquals(List.of("target"), entries(realDir), "no temporary file may be left");
    for (IoEvent event : fs.events()) {
      if (event.operation() == Operation.FORCE) {
        assertEquals(1, fs.events().stream().filter(e -> e.operation() == Operation.FORCE
            && e.path().equals(event.path())).count(), "a failed force must not be retried: " + fs.script());
      }
    }
    if (fault.contentAfterwards.equals(OLD)) {
      assertEquals(0, count(Operation.MOVE) - (fault.operation == Operation.MOVE ? 1 : 0),
          "nothing may be renamed after a failure: " + fs.script());
    }
  }

  @Test
  void aBatchForcesEachFileThenTheDirectoryOnce() throws IOException {
    Map<Path, byte[]> batch = batchOf(existingTarget("a"), existingTarget("b"), existingTarget("c"));

    DurableFiles.writeAll(batch);

    assertEquals(List.of(
        "OPEN data [READ]",
        "OPEN TEMP [CREATE_NEW, WRITE]", "WRITE TEMP 3 bytes", "FORCE TEMP", "CLOSE TEMP",
        "OPEN TEMP [CREATE_NEW, WRITE]", "WRITE TEMP 3 bytes", "FORCE TEMP", "CLOSE TEMP",
        "OPEN TEMP [CREATE_NEW, WRITE]", "WRITE TEMP 3 bytes", "FORCE TEMP", "CLOSE TEMP",
        "MOVE TEMP -> a [ATOMIC_MOVE]",
        "MOVE TEMP -> b [ATOMIC_MOVE]",
        "MOVE TEMP -> c [ATOMIC_MOVE]",
        "FORCE data",
        "CLOSE data"), fs.script());
    assertEquals(3 + 1, count(Operation.FORCE));
    assertEquals(List.of("a", "b", "c"), entries(realDir));
    assertEquals("new", read(realDir.resolve("b")));
  }

  @Test
  void aBatchThatFailsBeforeItsFirstRenameChangesNothing() throws IOException {
    Map<Path, byte[]> batch = batchOf(existingTarget("a"), existingTarget("b"), existingTarget("c"));
    fs.inject(Operation.FORCE, path -> path.getFileName().toString().startsWith(".b."),
        () -> new IOException("Input/output error"));

    TargetUnchangedException thrown = assertThrows(TargetUnchangedException.class,
        () -> DurableFiles.writeAll(batch));

    assertEquals(dir.resolve("b"), thrown.target());
    assertEquals(List.of("a", "b", "c"), entries(realDir));
    for (String name : List.of("a", "b", "c")) {
      assertEquals(OLD, read(realDir.resolve(name)));
    }
    assertEquals(0, count(Operation.MOVE));
  }

  @Test
  void aBatchThatFailsMidwayThroughItsRenamesSaysWhichFilesWereReplaced() throws IOException {
    Map<Path, byte[]> batch = batchOf(existingTarget("a"), existingTarget("b"), existingTarget("c"));
    fs.inject(Operation.MOVE, path -> path.getFileName().toString().startsWith(".b."),
        () -> new IOException("Input/output error"));

    BatchPartlyReplacedException thrown = assertThrows(BatchPartlyReplacedException.class,
        () -> DurableFiles.writeAll(batch));

    assertEquals(List.of(dir.resolve("a")), thrown.replaced());
    assertEquals(List.of(dir.resolve("b"), dir.resolve("c")), thrown.unchanged());
    assertEquals("new", read(realDir.resolve("a")));
    assertEquals(OLD, read(realDir.resolve("b")));
    assertEquals(OLD, read(realDir.resolve("c")));
    assertEquals(List.of("a", "b", "c"), entries(realDir));
  }

  @Test
  void aBatchWhoseFirstRenameFailsIsUnchanged() throws IOException {
    Map<Path, byte[]> batch = batchOf(existingTarget("a"), existingTarget("b"));
    fs.inject(Operation.MOVE, path -> path.getFileName().toString().startsWith(".a."),
        () -> new AtomicMoveNotSupportedException("a", "b", "no atomic rename"));

    assertThrows(AtomicRenameUnsupportedException.class, () -> DurableFiles.writeAll(batch));

    assertEquals(List.of("a", "b"), entries(realDir));
    assertEquals(OLD, read(realDir.resolve("a")));
    assertEquals(OLD, read(realDir.resolve("b")));
  }

  @Test
  void aBatchWhoseDirectoryForceFailsReportsTheDirectory() throws IOException {
    Map<Path, byte[]> batch = batchOf(existingTarget("a"), existingTarget("b"));
    fs.inject(Operation.FORCE, path -> path.getFileName().toString().equals("data"),
        () -> new IOException("Input/output error"));

    ReplacedButNotDurableException thrown = assertThrows(ReplacedButNotDurableException.class,
        () -> DurableFiles.writeAll(batch));

    assertEquals(dir, thrown.target());
    assertEquals("new", read(realDir.resolve("a")));
    assertEquals("new", read(realDir.resolve("b")));
    assertEquals(List.of("a", "b"), entries(realDir));
  }

  @Test
  void renameForcesTheSourceThenBothDirectories() throws IOException {
    Path realOther = Files.createDirectory(tempDir.resolve("other"));
    Files.writeString(realOther.resolve("source"), NEW);
    Path target = existingTarget("target");

    DurableFiles.rename(fs.wrap(realOther.resolve("source")), target);

    assertEquals(List.of(
        "OPEN data [READ]",
        "OPEN other [READ]",
        "OPEN source [READ]",
        "FORCE source",
        "CLOSE source",
        "MOVE source -> target [ATOMIC_MOVE]",
        "FORCE data",
        "FORCE other",
        "CLOSE other",
        "CLOSE data"), fs.script());
    assertEquals(NEW, read(realDir.resolve("target")));
    assertEquals(List.of(), entries(realOther));
  }

  @Test
  void renameWithinOneDirectoryForcesItOnce() throws IOException {
    Files.writeString(realDir.resolve("source"), NEW);

    DurableFiles.rename(dir.resolve("source"), dir.resolve("target"));

    assertEquals(List.of(
        "OPEN data [READ]",
        "OPEN source [READ]",
        "FORCE source",
        "CLOSE source",
        "MOVE source -> target [ATOMIC_MOVE]",
        "FORCE data",
        "CLOSE data"), fs.script());
  }

  @Test
  void renameWhoseSourceForceFailsMovesNothing() throws IOException {
    Files.writeString(realDir.resolve("source"), NEW);
    Path target = existingTarget("target");
    fs.inject(Operation.FORCE, path -> path.getFileName().toString().equals("source"),
        () -> new IOException("Input/output error"));

    assertThrows(TargetUnchangedException.class, () -> DurableFiles.rename(dir.resolve("source"), target));

    assertEquals(List.of("source", "target"), entries(realDir));
    assertEquals(OLD, read(realDir.resolve("target")));
    assertEquals(1, count(Operation.FORCE));
    assertEquals(0, count(Operation.MOVE));
  }

  @Test
  void renameOfAMissingSourceOpensNothing() throws IOException {
    Path target = existingTarget("target");

    assertThrows(NoSuchFileException.class, () -> DurableFiles.rename(dir.resolve("missing"), target));

    assertEquals(List.of(), fs.script());
    assertEquals(OLD, read(realDir.resolve("target")));
  }

  /** A source removed after the check but before it is forced is still reported as missing, not wrapped. */
  @Test
  void renameOfASourceThatVanishesBeforeItsForceThrowsNoSuchFile() throws IOException {
    Files.writeString(realDir.resolve("source"), NEW);
    Path target = existingTarget("target");
    fs.inject(Operation.OPEN, path -> path.getFileName().toString().equals("source"),
        () -> new NoSuchFileException("source"));

    assertThrows(NoSuchFileException.class, () -> DurableFiles.rename(dir.resolve("source"), target));

    assertEquals(0, count(Operation.MOVE));
    assertEquals(OLD, read(realDir.resolve("target")));
  }

  @Test
  void renameRefusesANonAtomicMove() throws IOException {
    Files.writeString(realDir.resolve("source"), NEW);
    Path target = existingTarget("target");
    fs.inject(Operation.MOVE, path -> true,
        () -> new AtomicMoveNotSupportedException("source", "target", "Invalid cross-device link"));

    assertThrows(AtomicRenameUnsupportedException.class,
        () -> DurableFiles.rename(dir.resolve("source"), target));

    assertEquals(OLD, read(realDir.resolve("target")));
    assertTrue(Files.exists(realDir.resolve("source")));
  }

  @Test
  void renameWhoseDirectoryForceFailsSaysTheRenameHappened() throws IOException {
    Files.writeString(realDir.resolve("source"), NEW);
    fs.inject(Operation.FORCE, path -> path.getFileName().toString().equals("data"),
        () -> new IOException("Input/output error"));

    assertThrows(ReplacedButNotDurableException.class,
        () -> DurableFiles.rename(dir.resolve("source"), dir.resolve("target")));

    assertEquals(List.of("target"), entries(realDir));
  }

  @Test
  void forceAndForceDirectoryForceThroughTheirOwnChannel() throws IOException {
    existingTarget("target");

    DurableFiles.force(dir.resolve("target"));
    DurableFiles.forceDirectory(dir);

    assertEquals(List.of(
        "OPEN target [READ]", "FORCE target", "CLOSE target",
        "OPEN data [READ]", "FORCE data", "CLOSE data"), fs.script());
  }

  @Test
  void forceDirectoryRefusesARegularFileBeforeOpeningIt() throws IOException {
    Path file = existingTarget("target");

    assertThrows(NotDirectoryException.class, () -> DurableFiles.forceDirectory(file));

    assertEquals(List.of(), fs.script());
  }

  /** Windows skips the directory force, but must refuse a regular file and a missing path all the same. */
  @Test
  void withoutDirectoryForcesTheDirectoryIsStillChecked() throws IOException {
    Path file = existingTarget("target");

    DurableFiles.forceDirectory(dir, false);
    assertThrows(NotDirectoryException.class, () -> DurableFiles.forceDirectory(file, false));
    assertThrows(NoSuchFileException.class, () -> DurableFiles.forceDirectory(dir.resolve("missing"), false));

    assertEquals(List.of(), fs.script());
  }

  @Test
  void aStreamWriteFailureCannotBeCommittedEvenIfTheCallerCarriesOn() throws IOException {
    Path target = existingTarget("target");
    fs.injectOnce(Operation.WRITE, TestFiles::isTemp, () -> new IOException("No space left on device"));

    try (DurableOutput output = DurableFiles.newOutput(target)) {
      OutputStream stream = output.stream();
      assertThrows(IOException.class, () -> stream.write(new byte[10_000]));
      stream.write('x');
      TargetUnchangedException thrown = assertThrows(TargetUnchangedException.class, output::commit);
      assertTrue(thrown.getMessage().contains("earlier write"), thrown.getMessage());
    }

    assertEquals(OLD, read(realDir.resolve("target")));
    assertEquals(List.of("target"), entries(realDir));
    assertFalse(fs.script().stream().anyMatch(line -> line.startsWith("FORCE")), fs.script().toString());
  }

  private long count(Operation operation) {
    return fs.events().stream().filter(event -> event.operation() == operation).count();
  }

  private static Map<Path, byte[]> batchOf(Path... targets) {
    Map<Path, byte[]> batch = new LinkedHashMap<>();
    for (Path target : targets) {
      batch.put(target, "new".getBytes(StandardCharsets.UTF_8));
    }
    return batch;
  }

}
