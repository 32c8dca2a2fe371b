package dev.fsyncguard.crashtest;

import static dev.fsyncguard.crashtest.WorkDirectoryNames.asWork;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the model lets a crash leave, and what it must not: checked by collecting every state. */
class CrashModelTest {
  private static final byte[] DATA = "data".getBytes(UTF_8);

  /** Every state at every crash point, as {@code crashPoint: description}. */
  private static List<String> allStates(CrashRecording recording) {
    List<String> states = new ArrayList<>();
    recording.assertEveryCrashState(
        state -> states.add(state.crashPoint().index() + ":\n" + asWork(state.toString())));
    return states;
  }

  private static Set<String> statesAt(CrashRecording recording, int crashPoint) {
    Set<String> states = new HashSet<>();
    recording.assertEveryCrashState(
        state -> {
          if (state.crashPoint().index() == crashPoint) {
            states.add(asWork(state.toString()));
          }
        });
    return states;
  }

  @Test
  void anUnforcedWriteMayBeLostWholeOrLeaveZerosButNeverHalf() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(
                dir -> {
                  try (FileChannel channel =
                      FileChannel.open(dir.resolve("f"), StandardOpenOption.APPEND)) {
                    channel.write(ByteBuffer.wrap("more".getBytes(UTF_8)));
                  }
                });

    assertEquals(
        Set.of(
            "  /work/f  4 bytes \"data\"\n",
            "  /work/f  8 bytes \"datamore\"\n",
            "  /work/f  8 bytes 0x6461746100000000\n"),
        statesAt(recording, 1));
  }

  @Test
  void aForcedWriteSurvivesEveryCrashAfterTheForce() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(
                dir -> {
                  try (FileChannel channel =
                      FileChannel.open(dir.resolve("f"), StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap("DA".getBytes(UTF_8)));
                    channel.force(true);
                  }
                });

    assertEquals(Set.of("  /work/f  4 bytes \"DAta\"\n"), statesAt(recording, 2));
  }

  @Test
  void aSyncChannelForcesEachWrite() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  try (FileChannel channel =
                      FileChannel.open(
                          dir.resolve("f"),
                          StandardOpenOption.CREATE_NEW,
                          StandardOpenOption.WRITE,
                          StandardOpenOption.DSYNC)) {
                    channel.write(ByteBuffer.wrap(DATA));
                  }
                  try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                  }
                });

    assertEquals(Set.of("  /work/f  4 bytes \"data\"\n"), statesAt(recording, 3));
    assertTrue(
        recording.operations().get(1).detail().endsWith("(SYNC)"),
        recording.operations().toString());
  }

  @Test
  void aNewFileIsDurableOnlyOnceItsDirectoryIsForcedEvenIfTheFileIsForced() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  try (FileChannel channel =
                      FileChannel.open(
                          dir.resolve("f"),
                          StandardOpenOption.CREATE_NEW,
                          StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(DATA));
                    channel.force(true);
                  }
                });

    assertEquals(
        Set.of("  /work  directory\n", "  /work/f  4 bytes \"data\"\n"), statesAt(recording, 3));
  }

  @Test
  void aDeleteIsUndoneByACrashUntilTheDirectoryIsForced() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(
                dir -> {
                  Files.delete(dir.resolve("f"));
                  try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                  }
                });

    assertEquals(
        Set.of("  /work  directory\n", "  /work/f  4 bytes \"data\"\n"), statesAt(recording, 1));
    assertEquals(Set.of("  /work  directory\n"), statesAt(recording, 2));
  }

  @Test
  void aNewDirectoryHidesEverythingInItUntilItsParentIsForced() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  Files.createDirectory(dir.resolve("sub"));
                  try (FileChannel channel =
                      FileChannel.open(
                          dir.resolve("sub/f"),
                          StandardOpenOption.CREATE_NEW,
                          StandardOpenOption.WRITE,
                          StandardOpenOption.SYNC)) {
                    channel.write(ByteBuffer.wrap(DATA));
                  }
                  try (FileChannel sub =
                      FileChannel.open(dir.resolve("sub"), StandardOpenOption.READ)) {
                    sub.force(true);
                  }
                });

    // sub's entry for f is durable, but /work's entry for sub is not: all or nothing of sub.
    assertEquals(
        Set.of("  /work  directory\n", "  /work/sub/f  4 bytes \"data\"\n"),
        statesAt(recording, 4));
    assertTrue(
        statesAt(recording, 3).contains("  /work/sub  directory\n"),
        statesAt(recording, 3).toString());
  }

  @Test
  void anAtomicRenameShowsTheOldOrTheNewFileNeverNeither() {
    CrashRecording recording =
        CrashTest.startingWith(
                dir -> {
                  Files.write(dir.resolve("target"), "old".getBytes(UTF_8));
                  Files.write(dir.resolve("source"), "new".getBytes(UTF_8));
                })
            .run(
                dir ->
                    Files.move(
                        dir.resolve("source"),
                        dir.resolve("target"),
                        StandardCopyOption.ATOMIC_MOVE));

    assertEquals(
        Set.of(
            "  /work/source  3 bytes \"new\"\n  /work/target  3 bytes \"old\"\n",
            "  /work/target  3 bytes \"new\"\n"),
        statesAt(recording, 1));
  }

  @Test
  void aNonAtomicRenameMayLeaveNoTarget() {
    CrashRecording recording =
        CrashTest.startingWith(
                dir -> {
                  Files.write(dir.resolve("target"), "old".getBytes(UTF_8));
                  Files.write(dir.resolve("source"), "new".getBytes(UTF_8));
                })
            .withNonAtomicRename()
            .run(
                dir ->
                    Files.move(
                        dir.resolve("source"),
                        dir.resolve("target"),
                        StandardCopyOption.ATOMIC_MOVE));

    assertTrue(
        statesAt(recording, 1).contains("  /work/source  3 bytes \"new\"\n"),
        statesAt(recording, 1).toString());
  }

  @Test
  void theCorrectSequenceFailsUnderNonAtomicRenames() {
    byte[] old = "old".getBytes(UTF_8);
    CrashCheckResult result =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), old))
            .withNonAtomicRename()
            .run(dir -> WriteSequence.correct().write(dir.resolve("note.txt"), DATA))
            .checkEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", old, DATA));

    assertTrue(result.firstBadState().isPresent());
    assertTrue(
        result.firstBadState().get().failure().getMessage().startsWith("note.txt is missing"));
  }

  @Test
  void replaceExistingWithoutAtomicMoveIsRecordedAsDeleteThenRename() {
    CrashRecording recording =
        CrashTest.startingWith(
                dir -> {
                  Files.write(dir.resolve("target"), "old".getBytes(UTF_8));
                  Files.write(dir.resolve("source"), "new".getBytes(UTF_8));
                })
            .run(
                dir ->
                    Files.move(
                        dir.resolve("source"),
                        dir.resolve("target"),
                        StandardCopyOption.REPLACE_EXISTING));

    assertEquals(
        List.of(OperationKind.DELETE, OperationKind.RENAME),
        List.of(recording.operations().get(0).kind(), recording.operations().get(1).kind()));
    assertTrue(statesAt(recording, 1).contains("  /work/source  3 bytes \"new\"\n"));
  }

  @Test
  void aHardLinkIsAnotherNameForTheSameData() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(
                dir -> {
                  Files.createLink(dir.resolve("g"), dir.resolve("f"));
                  try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                  }
                });

    recording.assertEveryCrashState(
        state -> {
          if (state.crashPoint().index() == 2) {
            assertArrayEquals(DATA, Files.readAllBytes(state.path("g")));
            assertTrue(Files.isSameFile(state.path("f"), state.path("g")));
          }
        });
  }

  @Test
  void aTruncationIsUndoneByACrashUntilForced() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(dir -> Files.write(dir.resolve("f"), "x".getBytes(UTF_8)));

    assertEquals(
        List.of(OperationKind.TRUNCATE, OperationKind.WRITE),
        List.of(recording.operations().get(0).kind(), recording.operations().get(1).kind()));
    assertEquals(
        Set.of(
            "  /work/f  4 bytes \"data\"\n", "  /work/f  0 bytes\n", "  /work/f  1 byte \"x\"\n"),
        statesAt(recording, 2));
  }

  @Test
  void everyCrashPointIsVisitedBeforeAndAfterEachOperation() {
    CrashRecording recording =
        CrashTest.startingEmpty().run(dir -> WriteSequence.correct().write(dir.resolve("f"), DATA));
    Set<Integer> points = new HashSet<>();
    recording.assertEveryCrashState(state -> points.add(state.crashPoint().index()));

    assertEquals(recording.operations().size() + 1, recording.crashPointCount());
    assertEquals(recording.crashPointCount(), points.size());
    assertFalse(allStates(recording).isEmpty());
  }

  @Test
  void theCheckCanRunRecoveryCodeOnTheCrashState() {
    CrashRecording recording =
        CrashTest.startingEmpty().run(dir -> WriteSequence.correct().write(dir.resolve("f"), DATA));

    recording.assertEveryCrashState(
        state -> {
          // Recovery: remove leftover temp files, then the file must be absent or whole.
          try (var entries = Files.newDirectoryStream(state.directory(), ".*.tmp")) {
            for (Path temp : entries) {
              Files.delete(temp);
            }
          }
          if (Files.exists(state.path("f")) && !state.workloadReturned()) {
            assertArrayEquals(DATA, Files.readAllBytes(state.path("f")));
          }
        });
  }

  @Test
  void aRenamedDirectoryTakesItsFilesAlong() {
    CrashRecording recording =
        CrashTest.startingWith(
                dir -> {
                  Files.createDirectory(dir.resolve("old"));
                  Files.write(dir.resolve("old/f"), DATA);
                })
            .run(
                dir ->
                    Files.move(
                        dir.resolve("old"), dir.resolve("new"), StandardCopyOption.ATOMIC_MOVE));

    assertEquals(
        Set.of("  /work/old/f  4 bytes \"data\"\n", "  /work/new/f  4 bytes \"data\"\n"),
        statesAt(recording, 1));
  }

  @Test
  void aSymbolicLinkIsAnEntryLikeAnyOther() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(dir -> Files.createSymbolicLink(dir.resolve("link"), dir.resolve("f")));

    assertTrue(
        statesAt(recording, 1)
            .contains("  /work/f  4 bytes \"data\"\n  /work/link  symbolic link -> /work/f\n"),
        statesAt(recording, 1).toString());
    recording.assertEveryCrashState(
        state -> {
          if (state.exists("link")) {
            assertArrayEquals(DATA, state.content("link").get());
          }
        });
  }

  @Test
  void aCopyIsANewFileWithUnforcedData() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), DATA))
            .run(dir -> Files.copy(dir.resolve("f"), dir.resolve("g")));

    assertEquals(
        List.of(OperationKind.CREATE_FILE, OperationKind.WRITE),
        List.of(recording.operations().get(0).kind(), recording.operations().get(1).kind()));
    assertTrue(
        statesAt(recording, 2).contains("  /work/f  4 bytes \"data\"\n  /work/g  0 bytes\n"),
        statesAt(recording, 2).toString());
  }
}
