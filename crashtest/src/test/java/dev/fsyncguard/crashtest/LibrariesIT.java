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

  @Test
  void jacksonWritingAFileIsRecordedAndJudged() {
    ObjectMapper mapper = new ObjectMapper();
    String expected = "{\"theme\":\"dark\"}";

    CrashRecording unsafe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  mapper.writeValue(temp, Map.of("theme", "dark"));
                  replace(dir.toFile(), temp, false);
                });
    CrashRecording safe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  mapper.writeValue(temp, Map.of("theme", "dark"));
                  replace(dir.toFile(), temp, true);
                });

    assertTrue(unsafe.checkEveryCrashState(oldOrNew(expected)).firstBadState().isPresent());
    safe.assertEveryCrashState(oldOrNew(expected));
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
    String expected = "{\"theme\":\"dark\"}";

    CrashRecording unsafe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  FileUtils.writeStringToFile(temp, expected, UTF_8);
                  replace(dir.toFile(), temp, false);
                });
    CrashRecording safe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  FileUtils.writeStringToFile(temp, expected, UTF_8);
                  replace(dir.toFile(), temp, true);
                });

    assertTrue(unsafe.checkEveryCrashState(oldOrNew(expected)).firstBadState().isPresent());
    safe.assertEveryCrashState(oldOrNew(expected));
  }

  @Test
  void guavaWritingAFileIsRecordedAndJudged() {
    String expected = "{\"theme\":\"dark\"}";

    CrashRecording unsafe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  com.google.common.io.Files.asCharSink(temp, UTF_8).write(expected);
                  replace(dir.toFile(), temp, false);
                });
    CrashRecording safe =
        startingWithOld()
            .run(
                dir -> {
                  File temp = new File(dir.toFile(), "settings.json.tmp");
                  com.google.common.io.Files.asCharSink(temp, UTF_8).write(expected);
                  replace(dir.toFile(), temp, true);
                });

    assertTrue(unsafe.checkEveryCrashState(oldOrNew(expected)).firstBadState().isPresent());
    safe.assertEveryCrashState(oldOrNew(expected));
  }
}
