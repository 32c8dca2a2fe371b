package dev.fsyncguard.crashtest;

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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into a workload: what each failed call throws, and what the crash states say
 * about the code's handling of it (a failed force is modelled as Linux treats it).
 */
class FaultTest {
  private static final byte[] OLD = "old settings".getBytes(UTF_8);
  private static final byte[] NEW = "new settings, longer".getBytes(UTF_8);
  private static final CrashStateCheck OLD_OR_NEW =
      CrashChecks.holdsOldOrNewContent("note.txt", OLD, NEW);

  /** How a save treats a failed force of its temp file. */
  private enum OnForceFailure {
    /** Logs it and renames anyway: the bug FsyncFailureIgnored reports. */
    IGNORE,
    /** Forces again, and renames when the retry succeeds: as wrong, since the pages may be gone. */
    RETRY,
    /** Deletes the temp file and fails the save. */
    ABANDON,
    /** Writes the whole temp file again from nothing, forces it, then renames. */
    REWRITE
  }

  private static CrashTest startingWithOld() {
    return CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), OLD));
  }

  /** Temp next to the target, written, forced, renamed atomically, directory forced. */
  private static void save(Path target, byte[] data, OnForceFailure onFailure) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(data));
      try {
        channel.force(true);
      } catch (IOException e) {
        switch (onFailure) {
          case IGNORE:
            break;
          case RETRY:
            channel.force(true);
            break;
          case ABANDON:
            channel.close();
            Files.delete(tmp);
            throw e;
          case REWRITE:
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(data), 0);
            channel.force(true);
            break;
          default:
            throw new AssertionError(onFailure);
        }
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  /** Runs the save, keeping what it threw: a workload that expects a failure catches it. */
  private static CrashRecording run(
      CrashTest test, OnForceFailure onFailure, List<IOException> thrown) {
    return test.run(
        dir -> {
          try {
            save(dir.resolve("note.txt"), NEW, onFailure);
          } catch (IOException e) {
            thrown.add(e);
          }
        });
  }

  @Test
  void aSaveThatIgnoresAFailedForceCanLoseTheTarget() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(
            startingWithOld().withFaults(Fault.failingForce().on("*.tmp")),
            OnForceFailure.IGNORE,
            thrown);

    assertTrue(thrown.isEmpty());
    assertTrue(
        recording.operations().stream()
            .anyMatch(op -> op.kind() == OperationKind.FORCE_FILE_FAILED));
    assertTrue(recording.checkEveryCrashState(OLD_OR_NEW).firstBadState().isPresent());
  }

  @Test
  void retryingAFailedForceDoesNotBringTheDataBack() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(
            startingWithOld().withFaults(Fault.failingForce().on("*.tmp").times(1)),
            OnForceFailure.RETRY,
            thrown);

    assertTrue(thrown.isEmpty(), "the retry succeeds");
    BadCrashState bad = recording.checkEveryCrashState(OLD_OR_NEW).firstBadState().orElseThrow();
    assertTrue(
        bad.howItCameAbout()
            .contains(
                "failed: the kernel may have dropped the pages it could not"
                    + " write, and later forces do not write them again"),
        bad.report());
    assertTrue(bad.state().contains("note.txt  0 bytes"), bad.report());
  }

  @Test
  void aSaveThatAbandonsItsTempAfterAFailedForceKeepsTheOldContentInEveryState() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(startingWithOld().withFaults(Fault.failingForce()), OnForceFailure.ABANDON, thrown);

    assertEquals(1, thrown.size());
    assertEquals("Input/output error", thrown.get(0).getMessage());
    recording.assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, OLD));
  }

  @Test
  void rewritingTheTempFromNothingAfterAFailedForceIsSafe() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(
            startingWithOld().withFaults(Fault.failingForce().times(1)),
            OnForceFailure.REWRITE,
            thrown);

    assertTrue(thrown.isEmpty());
    recording.assertEveryCrashState(OLD_OR_NEW);
  }

  @Test
  void aFullDiskFailsTheWriteAndTheTargetStaysAsItWas() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(startingWithOld().withFaults(Fault.failingWrite()), OnForceFailure.ABANDON, thrown);

    assertEquals("No space left on device", thrown.get(0).getMessage());
    assertFalse(recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.WRITE));
    recording.assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, OLD));
  }

  @Test
  void aFailedRenameLeavesTheTargetAsItWas() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(startingWithOld().withFaults(Fault.failingRename()), OnForceFailure.ABANDON, thrown);

    assertEquals(1, thrown.size());
    assertFalse(recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.RENAME));
    recording.assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, OLD));
  }

  @Test
  void aFailedDirectoryForceIsThrownAfterTheRename() {
    List<IOException> thrown = new ArrayList<>();
    CrashRecording recording =
        run(
            startingWithOld().withFaults(Fault.failingDirectoryForce().on(".")),
            OnForceFailure.ABANDON,
            thrown);

    assertEquals(1, thrown.size());
    assertFalse(
        recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.FORCE_DIRECTORY));
    // The save failed, so the caller expects no durability: after the rename, never made durable, a
    // crash may leave the old content or the new, each whole.
    recording.assertEveryCrashState(
        state -> {
          byte[] content = state.content("note.txt").orElseThrow();
          assertTrue(
              java.util.Arrays.equals(content, OLD) || java.util.Arrays.equals(content, NEW),
              state.toString());
        });
    assertTrue(
        recording.checkEveryCrashState(OLD_OR_NEW).firstBadState().isPresent(),
        "the old content can come back after the save returned");
  }

  @Test
  void aFaultOnOtherPathsOrUsedUpChangesNothing() {
    List<IOException> thrown = new ArrayList<>();
    run(
            startingWithOld()
                .withFaults(Fault.failingWrite().on("other.txt"), Fault.failingForce().on("*.log")),
            OnForceFailure.ABANDON,
            thrown)
        .assertEveryCrashState(OLD_OR_NEW);
    assertTrue(thrown.isEmpty());

    CrashRecording twice =
        CrashTest.startingEmpty()
            .withFaults(Fault.failingWrite().times(2))
            .run(
                dir -> {
                  for (int i = 0; i < 3; i++) {
                    try {
                      Files.write(dir.resolve("f" + i), NEW);
                    } catch (IOException e) {
                      thrown.add(e);
                    }
                  }
                });
    assertEquals(2, thrown.size());
    assertEquals(
        1, twice.operations().stream().filter(op -> op.kind() == OperationKind.WRITE).count());
  }

  @Test
  void theSetupNeverFails() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), OLD))
            .withFaults(Fault.failingWrite(), Fault.failingForce())
            .run(dir -> {});
    recording.assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, OLD));
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals(
        "a fault fails at least once, not 0 times",
        assertThrows(IllegalArgumentException.class, () -> Fault.failingForce().times(0))
            .getMessage());
    assertEquals(
        "a fault's glob must not be empty",
        assertThrows(IllegalArgumentException.class, () -> Fault.failingForce().on(""))
            .getMessage());
    IOException custom = new IOException("Read-only file system");
    List<IOException> thrown = new ArrayList<>();
    run(
        startingWithOld().withFaults(Fault.failingWrite().withError(() -> custom)),
        OnForceFailure.ABANDON,
        thrown);
    assertEquals(List.of(custom), thrown);
  }
}
