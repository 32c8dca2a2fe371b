package dev.fsyncguard.crashtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the agent, a workload that would change a file outside its directory is refused, the run
 * fails naming the operation, the path and the line, and nothing is written there. Every "outside"
 * here is inside the test's own temporary directory.
 */
class EscapesIT {
  private static final byte[] DATA = "data".getBytes(UTF_8);

  @TempDir Path outside;

  @Test
  void aTempFileMadeOutsideTheDirectoryFailsTheRun() throws IOException {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          Path temp = Files.createTempFile(outside, "settings", ".tmp");
                          Files.move(temp, dir.resolve("settings.conf"));
                        }));

    String message = error.getMessage();
    assertTrue(
        message.startsWith("the workload tried to change files outside its directory"), message);
    assertTrue(message.contains("Files.newByteChannel " + outside), message);
    assertTrue(message.contains("(EscapesIT.java:"), message);
    assertTrue(error.getCause() instanceof AccessDeniedException, String.valueOf(error.getCause()));
    assertNothingIn(outside);
  }

  /**
   * The report's case: a temp made the JDK's way, in java.io.tmpdir (the build's, for this test).
   */
  @Test
  void aTempFileInTheSystemTempDirectoryFailsTheRunAndIsNeverMade() throws IOException {
    Path systemTemp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    assertTrue(
        systemTemp.endsWith("target"), "crashtest/pom.xml keeps java.io.tmpdir in the build");

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          Path temp = Files.createTempFile("escape-check", ".tmp");
                          Files.move(temp, dir.resolve("settings.conf"));
                        }));

    assertTrue(
        error.getMessage().contains("Files.newByteChannel " + systemTemp + "/escape-check"),
        error.getMessage());
    try (var entries = Files.list(systemTemp)) {
      assertFalse(
          entries.anyMatch(path -> path.getFileName().toString().startsWith("escape-check")),
          "a temp file was made in " + systemTemp);
    }
  }

  @Test
  void aStreamOpenedOutsideFailsTheRunEvenWhenTheWorkloadSwallowsTheError() {
    File escaped = outside.resolve("escaped.log").toFile();

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          try (FileOutputStream out = new FileOutputStream(escaped)) {
                            out.write(DATA);
                          } catch (FileNotFoundException swallowed) {
                            // The kind of code that hides the failure: the run must not.
                          }
                        }));

    assertTrue(error.getMessage().contains("new FileOutputStream " + escaped), error.getMessage());
    assertFalse(escaped.exists());
  }

  @Test
  void removingOrRenamingAFileOutsideIsRefusedAndItStays() throws IOException {
    Path kept = Files.write(outside.resolve("kept"), DATA);

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                CrashTest.startingEmpty()
                    .run(
                        dir -> {
                          assertFalse(kept.toFile().delete());
                          assertFalse(kept.toFile().renameTo(new File(dir.toFile(), "moved")));
                        }));

    assertTrue(error.getMessage().contains("File.delete " + kept), error.getMessage());
    assertTrue(error.getMessage().contains("File.renameTo"), error.getMessage());
    assertArrayEquals(DATA, Files.readAllBytes(kept));
  }

  @Test
  void readingOutsideIsAllowed() throws IOException {
    Path configuration = Files.write(outside.resolve("app.properties"), DATA);

    CrashTest.startingEmpty()
        .run(
            dir -> {
              byte[] read;
              try (FileInputStream in = new FileInputStream(configuration.toFile())) {
                read = in.readAllBytes();
              }
              assertArrayEquals(DATA, read);
              Files.copy(configuration, Path.of(dir.toString(), "copy.properties"));
            })
        .assertEveryCrashState(state -> {});
    assertArrayEquals(DATA, Files.readAllBytes(configuration));
  }

  @Test
  void aFileCopiedInFromOutsideIsRecordedAsANewFile() throws IOException {
    Path configuration = Files.write(outside.resolve("app.properties"), DATA);

    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir ->
                    Files.copy(
                        configuration,
                        Path.of(dir.toString(), "copy.properties"),
                        StandardCopyOption.REPLACE_EXISTING));

    assertTrue(
        recording.operations().stream()
            .anyMatch(operation -> operation.kind() == OperationKind.CREATE_FILE),
        recording.operations().toString());
  }

  private static void assertNothingIn(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      assertFalse(entries.findAny().isPresent(), "something was written to " + directory);
    }
  }
}
