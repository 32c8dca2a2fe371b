package dev.fsyncguard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashRecording;
import dev.fsyncguard.crashtest.CrashTest;
import dev.fsyncguard.crashtest.OperationKind;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DurableFiles#createDirectories} as {@link Files#createDirectories} is used: what it
 * creates, what it refuses, and what it forces (the crash proof is in {@link
 * DurableFilesCrashTest}).
 */
class CreateDirectoriesTest {
  @TempDir Path dir;

  @Test
  void createsEveryMissingDirectoryAndReturnsTheOneAskedFor() throws IOException {
    Path nested = dir.resolve("a/b/c");
    assertSame(nested, DurableFiles.createDirectories(nested));
    assertTrue(Files.isDirectory(nested));
    // Again: nothing to do.
    assertSame(nested, DurableFiles.createDirectories(nested));
  }

  @Test
  void aFileInTheWayIsRefusedBeforeAnythingIsCreated() throws IOException {
    Files.writeString(dir.resolve("a"), "a file");
    FileAlreadyExistsException refused =
        assertThrows(
            FileAlreadyExistsException.class,
            () -> DurableFiles.createDirectories(dir.resolve("a/b/c")));
    assertEquals(dir.resolve("a").toString(), refused.getFile());
    assertEquals("a file", Files.readString(dir.resolve("a")));
    assertThrows(
        FileAlreadyExistsException.class, () -> DurableFiles.createDirectories(dir.resolve("a")));
  }

  @Test
  void aRelativePathIsCreatedWhereItPoints() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                root -> {
                  // The kit's file system has its own working directory: a relative name resolves
                  // there, as on a real one.
                  Path relative =
                      root.getFileSystem()
                          .getPath("")
                          .toAbsolutePath()
                          .relativize(root.resolve("x/y"));
                  DurableFiles.createDirectories(relative);
                  assertTrue(Files.isDirectory(root.resolve("x/y")));
                });
    assertFalse(recording.operations().isEmpty());
  }

  @Test
  void onWindowsTheDirectoriesAreCreatedAndNothingIsForced() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(root -> DurableFiles.createDirectories(root.resolve("x/y"), false));
    List<OperationKind> kinds =
        recording.operations().stream()
            .map(operation -> operation.kind())
            .collect(Collectors.toList());
    assertEquals(List.of(OperationKind.CREATE_DIRECTORY, OperationKind.CREATE_DIRECTORY), kinds);
  }

  @Test
  void aNullDirectoryIsRefused() {
    NullPointerException refused =
        assertThrows(NullPointerException.class, () -> DurableFiles.createDirectories(null));
    assertEquals("directory", refused.getMessage());
  }
}
