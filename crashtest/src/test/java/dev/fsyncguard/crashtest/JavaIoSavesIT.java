package dev.fsyncguard.crashtest;

import static dev.fsyncguard.crashtest.CrashChecks.holdsOldOrNewContent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * Saves written the way most Java persistence code is, on java.io, run under the kit's agent: each
 * unsafe one leaves a bad crash state, its correct version survives every one.
 */
class JavaIoSavesIT {
  private static final byte[] OLD = "old settings".getBytes(UTF_8);
  private static final byte[] NEW = "the new settings".getBytes(UTF_8);

  private static CrashTest startingWithOld() {
    return CrashTest.startingWith(dir -> Files.write(dir.resolve("settings.conf"), OLD));
  }

  /** ZooKeeper's and Tomcat's shape: a buffered writer on a FileOutputStream, then renameTo. */
  private static void saveThroughStreams(File dir, boolean sync, boolean forceDirectory)
      throws IOException {
    File temp = new File(dir, "settings.conf.tmp");
    FileOutputStream out = new FileOutputStream(temp);
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, UTF_8))) {
      writer.write(new String(NEW, UTF_8));
      writer.flush();
      if (sync) {
        out.getFD().sync();
      }
    }
    if (!temp.renameTo(new File(dir, "settings.conf"))) {
      throw new IOException("rename failed");
    }
    if (forceDirectory) {
      try (FileChannel directory = FileChannel.open(dir.toPath(), StandardOpenOption.READ)) {
        directory.force(true);
      }
    }
  }

  @Test
  void streamsAndRenameToWithoutSyncLeaveAnEmptyFile() {
    CrashRecording recording =
        startingWithOld().run(dir -> saveThroughStreams(dir.toFile(), false, true));

    CrashCheckResult result =
        recording.checkEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));

    assertTrue(result.firstBadState().isPresent(), result.toString());
    String report = result.firstBadState().get().report();
    assertTrue(report.contains("RENAME"), report);
    assertTrue(report.contains("JavaIoSavesIT.saveThroughStreams(JavaIoSavesIT.java:"), report);
    AssertionError unforced =
        assertThrows(
            AssertionError.class, () -> recording.assertForcedBeforeRenamed("settings.conf"));
    assertTrue(unforced.getMessage().contains("before its data was forced"), unforced.getMessage());
  }

  @Test
  void streamsSyncedAndDirectoryForcedSurviveEveryCrash() {
    CrashRecording recording =
        startingWithOld().run(dir -> saveThroughStreams(dir.toFile(), true, true));

    recording.assertEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));
    recording.assertForcedBeforeRenamed("settings.conf");
    assertTrue(
        recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.FORCE_FILE),
        recording.operations().toString());
  }

  @Test
  void renameNeverMadeDurableLosesTheNewContentAfterReturning() {
    CrashCheckResult result =
        startingWithOld()
            .run(dir -> saveThroughStreams(dir.toFile(), true, false))
            .checkEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));

    assertTrue(result.firstBadState().isPresent(), result.toString());
    assertTrue(
        result.firstBadState().get().crashPoint().workloadReturned(),
        result.firstBadState().get().report());
  }

  /** sofa-jraft #480: the descriptor is synced while the data still sits in the buffer. */
  @Test
  void syncBeforeTheBufferIsFlushedLeavesAnEmptyFile() {
    CrashCheckResult result =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.conf.tmp");
                  FileOutputStream file = new FileOutputStream(temp);
                  BufferedOutputStream out = new BufferedOutputStream(file);
                  out.write(NEW);
                  file.getFD().sync();
                  out.close();
                  assertTrue(temp.renameTo(new File(dir.toFile(), "settings.conf")));
                  try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                  }
                })
            .checkEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));

    assertTrue(result.firstBadState().isPresent(), result.toString());
  }

  private static void saveInPlace(Path dir, boolean sync) throws IOException {
    try (RandomAccessFile file =
        new RandomAccessFile(dir.resolve("settings.conf").toFile(), "rw")) {
      file.setLength(0);
      file.write(NEW);
      if (sync) {
        file.getFD().sync();
      }
    }
  }

  @Test
  void randomAccessWithoutSyncLosesWhatItWrote() {
    CrashCheckResult result =
        startingWithOld()
            .run(dir -> saveInPlace(dir, false))
            .checkEveryCrashState(
                state -> {
                  if (state.workloadReturned()) {
                    assertEquals(
                        new String(NEW, UTF_8),
                        new String(state.content("settings.conf").orElseThrow(), UTF_8));
                  }
                });

    assertTrue(result.firstBadState().isPresent(), result.toString());
  }

  @Test
  void randomAccessSyncedKeepsWhatItWroteOnceReturned() {
    CrashRecording recording = startingWithOld().run(dir -> saveInPlace(dir, true));

    recording.assertEveryCrashState(
        state -> {
          if (state.workloadReturned()) {
            assertEquals(
                new String(NEW, UTF_8),
                new String(state.content("settings.conf").orElseThrow(), UTF_8));
          }
        });
  }

  /** Most applications configure their data directory as a string. */
  private static void saveUnderConfiguredRoot(String root, boolean force) throws IOException {
    Path temp = Path.of(root, "settings.conf.tmp");
    Files.write(temp, NEW);
    if (force) {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
    Files.move(temp, Path.of(root, "settings.conf"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(Path.of(root), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  @Test
  void rootConfiguredAsAStringWithoutForceLeavesAnEmptyFile() {
    CrashCheckResult result =
        startingWithOld()
            .run(dir -> saveUnderConfiguredRoot(dir.toString(), false))
            .checkEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));

    assertTrue(result.firstBadState().isPresent(), result.toString());
  }

  @Test
  void rootConfiguredAsAStringWithForceSurvivesEveryCrash() {
    startingWithOld()
        .run(dir -> saveUnderConfiguredRoot(dir.toString(), true))
        .assertEveryCrashState(holdsOldOrNewContent("settings.conf", OLD, NEW));
  }

  @Test
  void readsGoThroughTheKitToo() {
    CrashRecording recording =
        startingWithOld()
            .run(
                dir -> {
                  File file = new File(dir.toString(), "settings.conf");
                  assertTrue(file.exists());
                  assertTrue(file.isFile());
                  assertEquals(OLD.length, file.length());
                  try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
                    assertEquals(new String(OLD, UTF_8), new String(in.readAllBytes(), UTF_8));
                  }
                  assertEquals("settings.conf", String.join(",", dir.toFile().list()));
                  assertFalse(new File(dir.toFile(), "missing").exists());
                });

    assertEquals(0, recording.operations().size(), recording.operations().toString());
  }
}
