package dev.fsyncguard.crashtest.realbugs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashCheckResult;
import dev.fsyncguard.crashtest.CrashChecks;
import dev.fsyncguard.crashtest.CrashRecording;
import dev.fsyncguard.crashtest.CrashTest;
import java.io.OutputStream;
import java.nio.file.Files;
import org.apache.zookeeper.common.AtomicFileOutputStream;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's {@code AtomicFileOutputStream} (which writes its epoch and dynamic-configuration
 * files) syncs its temp file and renames it into place, but never forces the directory: once {@code
 * close()} has returned, a crash can still bring the old file back. No release fixes it (3.9.3 is
 * the one tested).
 */
class ZooKeeperAtomicFileRealBugIT {
  private static final byte[] OLD = "3".getBytes(UTF_8);
  private static final byte[] NEW = "4".getBytes(UTF_8);

  @Test
  void aClosedStreamsFileCanRevertAfterACrash() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("currentEpoch"), OLD))
            .run(
                dir -> {
                  try (OutputStream out =
                      new AtomicFileOutputStream(dir.resolve("currentEpoch").toFile())) {
                    out.write(NEW);
                  }
                });
    CrashCheckResult result =
        recording.checkEveryCrashState(CrashChecks.holdsOldOrNewContent("currentEpoch", OLD, NEW));
    Releases.show("ZooKeeper 3.9.3 AtomicFileOutputStream.close()", result);

    recording.assertForcedBeforeRenamed("currentEpoch");
    assertTrue(result.firstBadState().isPresent(), result.toString());
    assertTrue(
        result.firstBadState().get().crashPoint().workloadReturned(),
        result.firstBadState().get().report());
  }
}
