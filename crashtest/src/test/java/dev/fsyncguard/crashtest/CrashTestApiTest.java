package dev.fsyncguard.crashtest;

import static dev.fsyncguard.crashtest.WorkDirectoryNames.asWork;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's errors for bad input and for code the kit cannot see into. */
class CrashTestApiTest {
  private static final byte[] DATA = "data".getBytes(UTF_8);

  @Test
  void javaIoFileIsRefusedWithTheReason() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> CrashTest.startingEmpty().run(dir -> dir.resolve("f").toFile()));

    assertTrue(error.getCause() instanceof UnsupportedOperationException);
    String message = asWork(error.getCause().getMessage());
    assertTrue(
        message.startsWith("crashtest cannot intercept java.io.File for /work/f without its agent"),
        message);
    assertTrue(message.contains("Use Path with Files or FileChannel, or load the agent"), message);
    assertTrue(
        message.contains(
            "<argLine>-javaagent:${dev.fsyncguard:fsync-guard-crashtest:jar}</argLine>"),
        message);
  }

  /** These unit tests run without the agent: what a build that forgot its flag sees. */
  @Test
  void aPathBuiltFromTheDirectorysNameWithoutTheAgentFailsTheRunSayingWhatToAdd() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(dir -> Files.write(Path.of(dir.toString(), "settings.conf"), DATA)));

    String message = error.getMessage();
    assertTrue(message.startsWith("the workload wrote [settings.conf] into /"), message);
    assertTrue(message.contains("past the crash-test kit"), message);
    assertTrue(message.contains("-javaagent:${dev.fsyncguard:fsync-guard-crashtest:jar}"), message);
    Path real =
        Path.of(
            message.substring("the workload wrote [settings.conf] into ".length()).split(" ")[0]);
    assertTrue(real.getFileName().toString().startsWith("fsync-guard-crashtest-"), real.toString());
    assertFalse(Files.exists(real), "the run removes its directory, and what was written into it");
  }

  @Test
  void aMoveFromTheRealDiskIsRefusedAndItsSourceStays(@TempDir Path real) throws IOException {
    Path source = Files.write(real.resolve("made-elsewhere.tmp"), DATA);

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> CrashTest.startingEmpty().run(dir -> Files.move(source, dir.resolve("f"))));

    assertTrue(error.getCause() instanceof ProviderMismatchException, error.toString());
    assertTrue(
        asWork(error.getCause().getMessage())
            .startsWith(
                "Files.move from another file system into the crash-test directory (/work/f)"),
        error.getCause().getMessage());
    assertTrue(Files.exists(source), "nothing is deleted outside the test's directory");
  }

  @Test
  void aCopyFromTheRealDiskIsAReadAndIsRecordedAsAWrite(@TempDir Path real) throws IOException {
    Path template = Files.write(real.resolve("template.conf"), DATA);

    CrashRecording recording =
        CrashTest.startingEmpty().run(dir -> Files.copy(template, dir.resolve("f")));

    assertTrue(recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.WRITE));
    assertTrue(Files.exists(template));
  }

  @Test
  void aPathOfTheRealDiskIsRefused() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> CrashTest.startingEmpty().run(dir -> dir.resolve(Path.of("f"))));

    assertTrue(error.getCause() instanceof ProviderMismatchException);
    assertTrue(error.getCause().getMessage().contains("not a path of the crash-test file system"));
  }

  @Test
  void memoryMappedWritesAreRefused() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          try (FileChannel channel =
                              FileChannel.open(
                                  dir.resolve("f"),
                                  StandardOpenOption.CREATE_NEW,
                                  StandardOpenOption.READ,
                                  StandardOpenOption.WRITE)) {
                            channel.map(FileChannel.MapMode.READ_WRITE, 0, 4);
                          }
                        }));

    assertTrue(
        error
            .getCause()
            .getMessage()
            .startsWith("crashtest cannot record writes through a memory-mapped"));
  }

  @Test
  void aThrowingWorkloadFailsTheRunAndSaysSo() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          Files.write(dir.resolve("f"), DATA);
                          throw new IOException("disk full");
                        }));

    assertEquals(
        "the workload threw java.io.IOException: disk full after 2 recorded operations; catch an"
            + " expected failure inside the workload",
        error.getMessage());
  }

  @Test
  void aThrowingSetupFailsTheRun() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingWith(dir -> Files.delete(dir.resolve("missing"))).run(dir -> {}));

    assertTrue(
        error
            .getMessage()
            .startsWith("the crash test's setup threw java.nio.file.NoSuchFileException"));
  }

  @Test
  void theSetupIsDurableAndNotRecorded() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA)).run(dir -> {});

    assertTrue(recording.operations().isEmpty());
    assertEquals(1, recording.crashPointCount());
    recording.assertEveryCrashState(CrashChecks.holdsOldOrNewContent("f", DATA, DATA));
  }

  @Test
  void badArgumentsFailClearly() {
    assertThrows(NullPointerException.class, () -> CrashTest.startingWith(null));
    assertThrows(NullPointerException.class, () -> CrashTest.startingEmpty().run(null));
    IllegalArgumentException bound =
        assertThrows(
            IllegalArgumentException.class,
            () -> CrashTest.startingEmpty().withMaxStatesPerCrashPoint(0));
    assertEquals("the bound on states per crash point must be positive, not 0", bound.getMessage());
    assertThrows(
        NullPointerException.class, () -> CrashChecks.holdsOldOrNewContent("f", DATA, null));
    CrashRecording empty = CrashTest.startingEmpty().run(dir -> {});
    assertThrows(NullPointerException.class, () -> empty.checkEveryCrashState(null));
    assertThrows(IllegalArgumentException.class, () -> empty.assertForcedBeforeRenamed(""));
  }

  @Test
  void stateNamesAreCheckedAndResolved() {
    CrashTest.startingWith(
            dir -> {
              Files.createDirectory(dir.resolve("sub"));
              Files.write(dir.resolve("sub/f"), DATA);
            })
        .run(dir -> {})
        .assertEveryCrashState(
            state -> {
              assertTrue(state.content("sub/f").isPresent());
              assertTrue(state.content(state.directory() + "/sub/./f").isPresent());
              assertFalse(state.content("missing").isPresent());
              assertThrows(IllegalArgumentException.class, () -> state.content("sub"));
              assertThrows(NullPointerException.class, () -> state.content(null));
              assertThrows(IllegalArgumentException.class, () -> state.content(""));
            });
  }

  @Test
  void assertForcedBeforeRenamedNeedsARename() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(dir -> Files.write(dir.resolve("f"), DATA))
                    .assertForcedBeforeRenamed("f"));

    assertTrue(
        asWork(error.getMessage())
            .startsWith(
                "nothing was renamed onto /work/f; recorded operations:\n"
                    + "  #1 CREATE_FILE /work/f  at "),
        error.getMessage());
  }

  @Test
  void theBoundIsReportedWhenHit() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .withMaxStatesPerCrashPoint(3)
            .run(
                dir -> {
                  for (int i = 0; i < 3; i++) {
                    Files.write(dir.resolve("f" + i), DATA);
                  }
                });

    CrashCheckResult result = recording.checkEveryCrashState(state -> {});
    assertFalse(result.complete());
    assertEquals(3, result.maxStatesPerCrashPoint());
    CrashStateAssertionError error =
        assertThrows(
            CrashStateAssertionError.class, () -> recording.assertEveryCrashState(state -> {}));
    assertTrue(
        error.getMessage().startsWith("Not every crash state was checked: "), error.getMessage());
    assertTrue(error.getMessage().contains("more than 3 combinations"), error.getMessage());
    assertTrue(result.summary().contains("over the bound of 3 states"), result.summary());
  }

  @Test
  void directoryChannelsOnlyForce() throws Exception {
    CrashTest.startingEmpty()
        .run(
            dir -> {
              try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                assertThrows(IOException.class, () -> directory.read(ByteBuffer.allocate(1)));
                directory.force(true);
              }
            });
  }
}
