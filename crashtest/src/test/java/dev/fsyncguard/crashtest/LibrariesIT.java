package dev.fsyncguard.crashtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * Libraries that write through java.io, as published, under the agent: their writes are recorded
 * with the application's line, and a save built on them is judged like any other.
 */
class LibrariesIT {
  private static final String OLD = "{\"theme\":\"light\"}";
  private static final String NEW = "{\"theme\":\"dark\"}";

  private static CrashTest startingWithOld() {
    return CrashTest.startingWith(
        dir -> java.nio.file.Files.write(dir.resolve("settings.json"), OLD.getBytes(UTF_8)));
  }

  /** The usual shape: the library writes the temp, the application renames it into place. */
  private static void replace(File dir, File temp, boolean sync) throws IOException {
    if (sync) {
      try (FileOutputStream out = new FileOutputStream(temp, true)) {
        out.getFD().sync();
      }
    }
    if (!temp.renameTo(new File(dir, "settings.json"))) {
      throw new IOException("rename failed");
    }
    try (FileChannel directory = FileChannel.open(dir.toPath(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  private static String newContent(CrashState state) {
    return new String(state.content("settings.json").orElseThrow(), UTF_8);
  }

  private static CrashStateCheck oldOrNew(String expectedNew) {
    return state -> {
      String content = newContent(state);
      if (state.workloadReturned()) {
        assertEquals(expectedNew, content);
      } else {
        assertTrue(content.equals(OLD) || content.equals(expectedNew), content);
      }
    };
  }

  /** A library's write of the new settings into {@code temp}. */
  private interface LibraryWrite {
    void write(File temp, String content) throws IOException;
  }

  /**
   * The save written with {@code library} and renamed into place without a force leaves a bad
   * state; with one, every state is good.
   *
   * @return the unsafe save's recording
   */
  private static CrashRecording judged(LibraryWrite library, String content) {
    CrashRecording[] recordings = new CrashRecording[2];
    for (boolean sync : new boolean[] {false, true}) {
      recordings[sync ? 1 : 0] =
          startingWithOld()
              .run(
                  dir -> {
                    File temp = new File(dir.toFile(), "settings.json.tmp");
                    library.write(temp, content);
                    replace(dir.toFile(), temp, sync);
                  });
    }
    assertTrue(
        recordings[0].checkEveryCrashState(oldOrNew(content)).firstBadState().isPresent(),
        recordings[0].operations().toString());
    recordings[1].assertEveryCrashState(oldOrNew(content));
    return recordings[0];
  }

  @Test
  void jacksonWritingAFileIsRecordedAndJudged() {
    ObjectMapper mapper = new ObjectMapper();

    CrashRecording unsafe =
        judged((temp, content) -> mapper.writeValue(temp, Map.of("theme", "dark")), NEW);

    assertTrue(
        unsafe.operations().stream()
            .anyMatch(
                operation ->
                    operation.kind() == OperationKind.WRITE
                        && operation.caller().getClassName().startsWith("com.fasterxml.jackson")),
        unsafe.operations().toString());
  }

  @Test
  void commonsIoWritingAFileIsRecordedAndJudged() {
    judged((temp, content) -> FileUtils.writeStringToFile(temp, content, UTF_8), NEW);
  }

  @Test
  void guavaWritingAFileIsRecordedAndJudged() {
    judged(
        (temp, content) -> com.google.common.io.Files.asCharSink(temp, UTF_8).write(content), NEW);
  }
}
