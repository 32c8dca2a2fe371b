package dev.fsyncguard.crashtest.realbugs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashCheckResult;
import dev.fsyncguard.crashtest.CrashRecording;
import dev.fsyncguard.crashtest.CrashState;
import dev.fsyncguard.crashtest.CrashTest;
import dev.fsyncguard.crashtest.OperationKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.raft.OffsetAndEpoch;
import org.apache.kafka.snapshot.FileRawSnapshotWriter;
import org.junit.jupiter.api.Test;

/**
 * KAFKA-15312: {@code FileRawSnapshotWriter.freeze()} closed its channel and renamed the snapshot
 * into place without forcing it, so a crash could leave an empty snapshot under its final name.
 * Fixed in 3.5.2 by {@code channel.force(true)} before the close.
 */
class KafkaSnapshotWriterRealBugIT {
  private static final OffsetAndEpoch SNAPSHOT = new OffsetAndEpoch(10, 1);

  private static MemoryRecords records() {
    return MemoryRecords.withRecords(
        CompressionType.NONE, new SimpleRecord("the snapshot".getBytes(UTF_8)));
  }

  private static byte[] bytes(MemoryRecords records) {
    ByteBuffer buffer = records.buffer().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** Every snapshot under its final name holds all its records, and exists once freeze returned. */
  private static void snapshotWholeOrAbsent(CrashState state) throws IOException {
    List<Path> snapshots;
    try (Stream<Path> files = Files.list(state.directory())) {
      snapshots =
          files
              .filter(file -> file.getFileName().toString().endsWith(".checkpoint"))
              .collect(Collectors.toList());
    }
    if (state.workloadReturned()) {
      assertEquals(1, snapshots.size(), "the frozen snapshot is gone");
    }
    for (Path snapshot : snapshots) {
      assertArrayEquals(
          bytes(records()),
          Files.readAllBytes(snapshot),
          snapshot.getFileName() + " holds " + Files.size(snapshot) + " bytes");
    }
  }

  @Test
  void aFrozenSnapshotIsWholeAfterEveryCrashOnlyOnceFixed() {
    String release = Releases.loaded(FileRawSnapshotWriter.class, "kafka-raft", "realbug.kafka");

    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  try (FileRawSnapshotWriter writer =
                      FileRawSnapshotWriter.create(dir, SNAPSHOT, Optional.empty())) {
                    writer.append(records());
                    writer.freeze();
                  }
                });
    CrashCheckResult result =
        recording.checkEveryCrashState(KafkaSnapshotWriterRealBugIT::snapshotWholeOrAbsent);
    Releases.show("Kafka " + release + " FileRawSnapshotWriter.freeze()", result);

    if (Releases.fixed()) {
      assertTrue(result.firstBadState().isEmpty(), result.toString());
    } else {
      assertTrue(result.firstBadState().isPresent(), result.toString());
      assertTrue(
          recording.operations().stream().noneMatch(op -> op.kind() == OperationKind.FORCE_FILE),
          recording.operations().toString());
    }
  }
}
