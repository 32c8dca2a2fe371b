package dev.fsyncguard.crashtest.realbugs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.storage.io.ProtoBufFile;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import dev.fsyncguard.crashtest.CrashCheckResult;
import dev.fsyncguard.crashtest.CrashChecks;
import dev.fsyncguard.crashtest.CrashRecording;
import dev.fsyncguard.crashtest.CrashTest;
import dev.fsyncguard.crashtest.OperationKind;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * sofa-jraft #480: {@code ProtoBufFile.save(msg, sync=true)} synced the file descriptor while the
 * message still sat in a {@code BufferedOutputStream}, then renamed the file into place (and never
 * forced the directory). Fixed in 1.3.3: flush, force, rename, force the directory.
 */
class SofaJraftProtoBufFileRealBugIT {
  private static final Message OLD = StringValue.newBuilder().setValue("old meta").build();
  private static final Message NEW = StringValue.newBuilder().setValue("the new meta").build();

  /** What {@code save} writes: the type's name and the message, each after its length. */
  private static byte[] saved(Message message) {
    byte[] name = message.getDescriptorForType().getFullName().getBytes(UTF_8);
    byte[] body = message.toByteArray();
    return ByteBuffer.allocate(8 + name.length + body.length)
        .putInt(name.length)
        .put(name)
        .putInt(body.length)
        .put(body)
        .array();
  }

  @Test
  void saveWithSyncSurvivesEveryCrashOnlyOnceFixed() {
    String release = Releases.loaded(ProtoBufFile.class, "jraft-core", "realbug.jraft");

    CrashRecording recording =
        CrashTest.startingWith(
                dir -> new ProtoBufFile(dir.resolve("meta").toString()).save(OLD, true))
            .run(
                dir ->
                    assertTrue(new ProtoBufFile(dir.resolve("meta").toString()).save(NEW, true)));
    CrashCheckResult result =
        recording.checkEveryCrashState(
            CrashChecks.holdsOldOrNewContent("meta", saved(OLD), saved(NEW)));
    Releases.show("sofa-jraft " + release + " ProtoBufFile.save(msg, true)", result);

    assertTrue(
        recording.operations().stream().anyMatch(op -> op.kind() == OperationKind.FORCE_FILE),
        "both releases sync: " + recording.operations());
    if (Releases.fixed()) {
      assertTrue(result.firstBadState().isEmpty(), result.toString());
      recording.assertForcedBeforeRenamed("meta");
    } else {
      assertTrue(result.firstBadState().isPresent(), result.toString());
      assertEquals(
          OperationKind.RENAME,
          result.firstBadState().get().crashPoint().lastCompletedOperation().get().kind());
      assertThrows(AssertionError.class, () -> recording.assertForcedBeforeRenamed("meta"));
    }
  }
}
