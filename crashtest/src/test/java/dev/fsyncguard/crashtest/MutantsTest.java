package dev.fsyncguard.crashtest;

import static dev.fsyncguard.crashtest.WorkDirectoryNames.asWork;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A kit that cannot tell a broken write sequence from a good one is a defect: each mutant must be
 * caught.
 */
class MutantsTest {
  private static final byte[] OLD = "old note".getBytes(UTF_8);
  private static final byte[] NEW = "the new note".getBytes(UTF_8);
  private static final CrashStateCheck OLD_OR_NEW =
      CrashChecks.holdsOldOrNewContent("note.txt", OLD, NEW);

  private static CrashRecording replaceWith(WriteSequence sequence) {
    return CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), OLD))
        .run(dir -> sequence.write(dir.resolve("note.txt"), NEW));
  }

  private static BadCrashState firstBadState(WriteSequence sequence) {
    CrashCheckResult result = replaceWith(sequence).checkEveryCrashState(OLD_OR_NEW);
    assertTrue(result.firstBadState().isPresent(), "no bad state found: " + result);
    return result.firstBadState().get();
  }

  @Test
  void theCorrectSequenceHasNoBadState() {
    CrashCheckResult result =
        replaceWith(WriteSequence.correct()).assertEveryCrashState(OLD_OR_NEW);
    assertTrue(result.complete());
    assertTrue(result.statesChecked() > 5, result.toString());
  }

  @Test
  void withoutTheFileForceTheRenamedFileMayBeEmpty() {
    BadCrashState bad = firstBadState(WriteSequence.correct().withoutFileForce());
    assertEquals(OperationKind.RENAME, bad.crashPoint().lastCompletedOperation().get().kind());
    assertTrue(asWork(bad.state()).contains("/work/note.txt  0 bytes"), bad.report());
    assertTrue(
        bad.failure()
            .getMessage()
            .startsWith("note.txt holds 0 bytes: neither its whole old content"),
        bad.report());
    assertTrue(
        asWork(bad.howItCameAbout()).contains("file /work/note.txt: unforced changes lost"),
        bad.report());
  }

  @Test
  void withoutTheDirectoryForceTheReturnedWriteMayBeLost() {
    BadCrashState bad = firstBadState(WriteSequence.correct().withoutDirectoryForce());
    assertTrue(bad.crashPoint().workloadReturned(), bad.report());
    assertTrue(asWork(bad.state()).contains("/work/note.txt  8 bytes \"old note\""), bad.report());
    assertTrue(bad.failure().getMessage().contains("after the workload returned"), bad.report());
    assertTrue(asWork(bad.howItCameAbout()).contains("lost #"), bad.report());
  }

  @Test
  void forcingBeforeTheBufferedFlushLeavesTheTailUnforced() {
    BadCrashState bad = firstBadState(WriteSequence.correct().withForceBeforeFlush());
    // The renamed file holds the first 8 bytes (forced) but not the flushed tail.
    assertTrue(asWork(bad.state()).contains("/work/note.txt  8 bytes \"the new \""), bad.report());
    assertTrue(bad.failure().getMessage().contains("neither its whole old content"), bad.report());
  }

  @Test
  void deleteThenRenameLeavesNoFileBetweenTheTwoSteps() {
    BadCrashState bad = firstBadState(WriteSequence.correct().withDeleteThenRename());
    RecordedOperation delete = bad.crashPoint().lastCompletedOperation().get();
    assertEquals(OperationKind.DELETE, delete.kind());
    assertTrue(delete.detail().contains("REPLACE_EXISTING without ATOMIC_MOVE"), delete.toString());
    assertEquals("WriteSequence.java", delete.caller().getFileName());
    assertTrue(bad.failure().getMessage().startsWith("note.txt is missing"), bad.report());
  }

  @Test
  void theReportNamesTheCrashPointTheStateAndTheReason() {
    CrashStateAssertionError error =
        assertThrows(
            CrashStateAssertionError.class,
            () ->
                replaceWith(WriteSequence.correct().withoutFileForce())
                    .assertEveryCrashState(OLD_OR_NEW));
    String report = asWork(error.getMessage());
    assertTrue(
        report.startsWith("A crash can leave a state the check rejects: note.txt holds 0 bytes"),
        report);
    assertTrue(report.contains("after #"), report);
    assertTrue(
        report.contains("RENAME /work/.note.txt.tmp -> /work/note.txt [ATOMIC_MOVE]"), report);
    assertTrue(
        report.contains("at dev.fsyncguard.crashtest.WriteSequence.write(WriteSequence.java:"),
        report);
    assertTrue(
        report.contains("What the disk holds after the crash:\n  /work/note.txt  0 bytes\n"),
        report);
    assertTrue(report.contains("--- crash ---"), report);
    assertTrue(error.getCause() instanceof AssertionError);
  }

  @Test
  void assertForcedBeforeRenamedCatchesTheMissingForceOnly() {
    replaceWith(WriteSequence.correct()).assertForcedBeforeRenamed("note.txt");
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                replaceWith(WriteSequence.correct().withoutFileForce())
                    .assertForcedBeforeRenamed("note.txt"));
    assertTrue(
        asWork(error.getMessage())
            .startsWith(
                "/work/.note.txt.tmp was renamed onto /work/note.txt before its data"
                    + " was forced"),
        error.getMessage());
    assertTrue(
        asWork(error.getMessage()).contains("WRITE /work/.note.txt.tmp 4 bytes at 0"),
        error.getMessage());
    AssertionError forcedTooEarly =
        assertThrows(
            AssertionError.class,
            () ->
                replaceWith(WriteSequence.correct().withForceBeforeFlush())
                    .assertForcedBeforeRenamed("note.txt"));
    assertTrue(forcedTooEarly.getMessage().contains("4 bytes at 8"), forcedTooEarly.getMessage());
  }
}
