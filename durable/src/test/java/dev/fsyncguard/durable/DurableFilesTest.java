package dev.fsyncguard.durable;

import static dev.fsyncguard.durable.TestFiles.entries;
import static dev.fsyncguard.durable.TestFiles.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour on the real default file system: content, permissions, links, bad input, interrupts,
 * streaming.
 */
class DurableFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void createsANewFile(WriteForm form) throws IOException {
    Path target = dir.resolve("new.txt");

    form.write(target, "héllo");

    assertEquals("héllo", read(target));
    assertEquals(List.of("new.txt"), entries(dir));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void replacesAnExistingFileWithShorterContent(WriteForm form) throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "a much longer old content");

    form.write(target, "short");

    assertEquals("short", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void writesEmptyContent(WriteForm form) throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");

    form.write(target, "");

    assertEquals(0, Files.size(target));
  }

  @Test
  void writesLargeContentIntact() throws IOException {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + (i >>> 11));
    }
    Path viaBytes = dir.resolve("bytes");
    Path viaStream = dir.resolve("stream");

    DurableFiles.write(viaBytes, content);
    try (DurableOutput output = DurableFiles.newOutput(viaStream)) {
      OutputStream stream = output.stream();
      for (int offset = 0; offset < content.length; offset += 1000) {
        stream.write(content, offset, Math.min(1000, content.length - offset));
      }
      output.commit();
    }

    assertArrayEquals(content, Files.readAllBytes(viaBytes));
    assertArrayEquals(content, Files.readAllBytes(viaStream));
  }

  @Test
  void writesARelativeTargetInTheWorkingDirectory() throws IOException {
    Path relative = Path.of("target", "durable-relative-" + ProcessHandle.current().pid());
    try {
      DurableFiles.write(relative, "relative", StandardCharsets.UTF_8);
      assertEquals("relative", read(relative));
    } finally {
      Files.deleteIfExists(relative);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rwx------", "r--------", "rwxrwxrwx", "rw-rw-r--"})
  void keepsTheExistingFilesPermissions(String permissions) throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions));

    DurableFiles.write(target, "new", StandardCharsets.UTF_8);

    assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals("new", read(target));
  }

  @Test
  void givesANewFileThePermissionsFilesWriteWould() throws IOException {
    Path reference = Files.writeString(dir.resolve("reference"), "x");
    Path target = dir.resolve("target");

    DurableFiles.write(target, "x", StandardCharsets.UTF_8);

    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void replacesASymbolicLinkItselfAndLeavesTheFileItPointedTo(WriteForm form) throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path pointedTo = Files.writeString(elsewhere.resolve("real"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), pointedTo);

    form.write(link, "new");

    assertFalse(Files.isSymbolicLink(link), "the link is replaced by a regular file");
    assertTrue(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS));
    assertEquals("new", read(link));
    assertEquals("old", read(pointedTo), "the file the link pointed to is never written");
    assertEquals(
        List.of("real"), entries(elsewhere), "nothing is created outside the link's directory");
  }

  @Test
  void replacesADanglingLinkWithoutCreatingItsTarget() throws IOException {
    Path missing = dir.resolve("missing");
    Path link = Files.createSymbolicLink(dir.resolve("link"), missing);

    DurableFiles.write(link, "new", StandardCharsets.UTF_8);

    assertEquals("new", read(link));
    assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void writesThroughALinkWhenTheCallerResolvesIt() throws IOException {
    Path pointedTo = Files.writeString(dir.resolve("real"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), pointedTo);

    DurableFiles.write(link.toRealPath(), "new", StandardCharsets.UTF_8);

    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", read(pointedTo));
  }

  @Test
  void writesThroughALinkedDirectory() throws IOException {
    Path realDir = Files.createDirectory(dir.resolve("real-dir"));
    Path linkedDir = Files.createSymbolicLink(dir.resolve("linked-dir"), realDir);

    DurableFiles.write(linkedDir.resolve("file"), "new", StandardCharsets.UTF_8);

    assertEquals("new", read(realDir.resolve("file")));
  }

  @Test
  void nullArgumentsAreRejectedBeforeAnythingIsTouched() {
    Path target = dir.resolve("file");
    byte[] bytes = {1};

    assertThrows(NullPointerException.class, () -> DurableFiles.write(null, bytes));
    assertThrows(NullPointerException.class, () -> DurableFiles.write(target, (byte[]) null));
    assertThrows(
        NullPointerException.class, () -> DurableFiles.write(null, "x", StandardCharsets.UTF_8));
    assertThrows(
        NullPointerException.class, () -> DurableFiles.write(target, null, StandardCharsets.UTF_8));
    assertThrows(NullPointerException.class, () -> DurableFiles.write(target, "x", null));
    assertThrows(NullPointerException.class, () -> DurableFiles.newOutput(null));
    assertThrows(NullPointerException.class, () -> DurableFiles.writeAll(null));
    Map<Path, byte[]> nullContent = new HashMap<>();
    nullContent.put(target, null);
    assertThrows(NullPointerException.class, () -> DurableFiles.writeAll(nullContent));
    Map<Path, byte[]> nullTarget = new HashMap<>();
    nullTarget.put(null, bytes);
    assertThrows(NullPointerException.class, () -> DurableFiles.writeAll(nullTarget));
    assertThrows(NullPointerException.class, () -> DurableFiles.rename(null, target));
    assertThrows(NullPointerException.class, () -> DurableFiles.rename(target, null));
    assertThrows(NullPointerException.class, () -> DurableFiles.force(null));
    assertThrows(NullPointerException.class, () -> DurableFiles.forceDirectory(null));

    assertEquals(List.of(), entries(dir));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void aDirectoryTargetIsRefused(WriteForm form) throws IOException {
    Path target = Files.createDirectory(dir.resolve("sub"));
    Files.writeString(target.resolve("inside"), "kept");

    TargetUnchangedException thrown =
        assertThrows(TargetUnchangedException.class, () -> form.write(target, "x"));

    assertTrue(thrown.getMessage().contains("is a directory"), thrown.getMessage());
    assertTrue(Files.isDirectory(target));
    assertEquals(List.of("sub"), entries(dir));
    assertEquals(List.of("inside"), entries(target));
  }

  @Test
  void theRootIsRefused() {
    Path root = dir.getRoot();

    assertThrows(TargetUnchangedException.class, () -> DurableFiles.write(root, new byte[0]));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void aMissingParentDirectoryIsReportedAndNotCreated(WriteForm form) {
    Path target = dir.resolve("missing").resolve("file");

    TargetUnchangedException thrown =
        assertThrows(TargetUnchangedException.class, () -> form.write(target, "x"));

    assertInstanceOf(NoSuchFileException.class, thrown.getCause());
    assertEquals(List.of(), entries(dir));
  }

  @Test
  void textTheCharsetCannotEncodeIsRefusedBeforeAnythingIsTouched() throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");

    TargetUnchangedException unmappable =
        assertThrows(
            TargetUnchangedException.class,
            () -> DurableFiles.write(target, "naïve", StandardCharsets.US_ASCII));
    TargetUnchangedException malformed =
        assertThrows(
            TargetUnchangedException.class,
            () -> DurableFiles.write(target, "\uD800", StandardCharsets.UTF_8));

    assertInstanceOf(CharacterCodingException.class, unmappable.getCause());
    assertInstanceOf(CharacterCodingException.class, malformed.getCause());
    assertEquals("old", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void aWriterRefusesUnencodableTextAndTheTargetIsKept() throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");

    try (DurableOutput output = DurableFiles.newOutput(target)) {
      Writer writer = output.writer(StandardCharsets.US_ASCII);
      assertThrows(
          CharacterCodingException.class,
          () -> {
            writer.write("naïve");
            writer.flush();
          });
    }

    assertEquals("old", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @ParameterizedTest
  @EnumSource(WriteForm.class)
  void anInterruptedThreadKeepsItsStatusAndTheTargetIsUntouched(WriteForm form) throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");
    Thread.currentThread().interrupt();
    try {
      TargetUnchangedException thrown =
          assertThrows(TargetUnchangedException.class, () -> form.write(target, "new"));
      assertInstanceOf(ClosedByInterruptException.class, thrown.getCause());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must be preserved");
    } finally {
      Thread.interrupted();
    }
    assertEquals("old", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void aThreadInterruptedInTheMiddleOfAStreamLeavesNoTrace() throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");
    try {
      try (DurableOutput output = DurableFiles.newOutput(target)) {
        OutputStream stream = output.stream();
        stream.write(new byte[100_000]);
        Thread.currentThread().interrupt();
        assertThrows(ClosedByInterruptException.class, () -> stream.write(new byte[100_000]));
        assertThrows(TargetUnchangedException.class, output::commit);
      }
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals("old", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void closingWithoutCommitAbortsAndRemovesTheTempFile() throws IOException {
    Path target = Files.writeString(dir.resolve("file"), "old");

    try (DurableOutput output = DurableFiles.newOutput(target)) {
      output.stream().write(new byte[50_000]);
      assertEquals(2, entries(dir).size(), "the temp file exists while writing");
    }

    assertEquals("old", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void closingTheWriterBeforeCommitKeepsEverythingWritten() throws IOException {
    Path target = dir.resolve("file");

    try (DurableOutput output = DurableFiles.newOutput(target)) {
      try (Writer writer = output.writer(StandardCharsets.UTF_8)) {
        writer.write("first ");
        writer.write("second");
      }
      output.commit();
    }

    assertEquals("first second", read(target));
  }

  @Test
  void aDurableOutputIsUsedOnceAndThroughOneKindOfStream() throws IOException {
    Path target = dir.resolve("file");
    try (DurableOutput output = DurableFiles.newOutput(target)) {
      OutputStream stream = output.stream();
      assertThrows(IllegalStateException.class, () -> output.writer(StandardCharsets.UTF_8));
      stream.write('x');
      output.commit();
      assertThrows(IllegalStateException.class, output::commit);
      assertThrows(IllegalStateException.class, output::stream);
      assertThrows(IOException.class, () -> stream.write('y'));
    }
    try (DurableOutput output = DurableFiles.newOutput(target)) {
      output.writer(StandardCharsets.UTF_8);
      assertThrows(IllegalStateException.class, output::stream);
      assertThrows(IllegalStateException.class, () -> output.writer(StandardCharsets.UTF_16));
    }
    assertEquals("x", read(target));
  }

  @Test
  void twoWritersOfOneTargetNeverShareATempFile() throws IOException {
    Path target = dir.resolve("file");

    try (DurableOutput first = DurableFiles.newOutput(target);
        DurableOutput second = DurableFiles.newOutput(target)) {
      assertEquals(2, entries(dir).size(), "two distinct temp files");
      first.stream().write('1');
      second.stream().write('2');
      first.commit();
      second.commit();
    }

    assertEquals("2", read(target));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void tempFileNamesAreUniqueAndHidden() {
    String first = TempFile.randomName("target");
    String second = TempFile.randomName("target");

    assertNotEquals(first, second);
    assertTrue(first.startsWith(".target.") && first.endsWith(".tmp"), first);
    assertTrue(
        TempFile.randomName("x".repeat(250)).length() < 100,
        "long names are shortened for the temp");
  }

  @Test
  void writeAllReplacesEveryFileOfTheBatch() throws IOException {
    Files.writeString(dir.resolve("b"), "old");
    Map<Path, byte[]> batch = new LinkedHashMap<>();
    batch.put(dir.resolve("a"), "A".getBytes(StandardCharsets.UTF_8));
    batch.put(dir.resolve("b"), "B".getBytes(StandardCharsets.UTF_8));

    DurableFiles.writeAll(batch);
    DurableFiles.writeAll(Map.of());

    assertEquals(List.of("a", "b"), entries(dir));
    assertEquals("A", read(dir.resolve("a")));
    assertEquals("B", read(dir.resolve("b")));
  }

  @Test
  void writeAllRefusesTargetsInSeveralDirectories() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Map<Path, byte[]> twoDirectories = new LinkedHashMap<>();
    twoDirectories.put(dir.resolve("a"), new byte[1]);
    twoDirectories.put(sub.resolve("b"), new byte[1]);

    assertThrows(IllegalArgumentException.class, () -> DurableFiles.writeAll(twoDirectories));

    assertEquals(List.of("sub"), entries(dir));
    assertEquals(List.of(), entries(sub));
  }

  @Test
  void writeAllRefusesAFileNamedTwice() {
    Path absolute = dir.toAbsolutePath().resolve("a");
    Path relative = Path.of("").toAbsolutePath().relativize(absolute);
    Map<Path, byte[]> sameFileTwoSpellings = new LinkedHashMap<>();
    sameFileTwoSpellings.put(absolute, new byte[1]);
    sameFileTwoSpellings.put(relative, new byte[1]);

    assertThrows(IllegalArgumentException.class, () -> DurableFiles.writeAll(sameFileTwoSpellings));

    assertEquals(List.of(), entries(dir));
  }

  @Test
  void renameMovesAFileDurablyAcrossDirectories() throws IOException {
    Path from = Files.createDirectory(dir.resolve("from"));
    Path to = Files.createDirectory(dir.resolve("to"));
    Path source = Files.writeString(from.resolve("file"), "content");
    Files.writeString(to.resolve("file"), "old");

    DurableFiles.rename(source, to.resolve("file"));

    assertEquals(List.of(), entries(from));
    assertEquals("content", read(to.resolve("file")));
  }

  @Test
  void renameOfAMissingSourceThrowsNoSuchFileAndChangesNothing() throws IOException {
    Path from = Files.createDirectory(dir.resolve("from"));
    Path to = Files.createDirectory(dir.resolve("to"));
    Files.writeString(from.resolve("other"), "kept");
    Path target = Files.writeString(to.resolve("target"), "old");
    Path missing = from.resolve("missing");

    NoSuchFileException thrown =
        assertThrows(NoSuchFileException.class, () -> DurableFiles.rename(missing, target));

    assertEquals(missing.toString(), thrown.getFile());
    assertEquals("old", read(target));
    assertEquals(List.of("target"), entries(to));
    assertEquals(List.of("other"), entries(from));
  }

  @Test
  void renameOfASourceInAMissingDirectoryThrowsNoSuchFile() throws IOException {
    Path target = Files.writeString(dir.resolve("target"), "old");
    Path missing = dir.resolve("no-dir").resolve("source");

    NoSuchFileException thrown =
        assertThrows(NoSuchFileException.class, () -> DurableFiles.rename(missing, target));

    assertEquals(missing.toString(), thrown.getFile());
    assertEquals("old", read(target));
    assertEquals(List.of("target"), entries(dir));
  }

  @Test
  void renameOntoADirectoryIsRefusedAndMovesNothing() throws IOException {
    Path source = Files.writeString(dir.resolve("source"), "new");
    Path full = Files.createDirectory(dir.resolve("full"));
    Files.writeString(full.resolve("inside"), "kept");
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThrows(TargetUnchangedException.class, () -> DurableFiles.rename(source, full));
    assertThrows(TargetUnchangedException.class, () -> DurableFiles.rename(source, empty));

    assertEquals("new", read(source));
    assertEquals(List.of("inside"), entries(full));
    assertEquals(List.of(), entries(empty));
  }

  @Test
  void renameOfAFileOntoItselfKeepsIt() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "content");

    DurableFiles.rename(file, file);

    assertEquals("content", read(file));
    assertEquals(List.of("file"), entries(dir));
  }

  @Test
  void renameIntoAMissingDirectoryIsReportedAndNotCreated() throws IOException {
    Path source = Files.writeString(dir.resolve("source"), "new");

    TargetUnchangedException thrown =
        assertThrows(
            TargetUnchangedException.class,
            () -> DurableFiles.rename(source, dir.resolve("missing").resolve("target")));

    assertInstanceOf(NoSuchFileException.class, thrown.getCause());
    assertEquals(List.of("source"), entries(dir));
  }

  @Test
  void forceAndForceDirectoryWorkOnRealFiles() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    DurableFiles.force(file);
    DurableFiles.forceDirectory(dir);

    assertThrows(NoSuchFileException.class, () -> DurableFiles.force(dir.resolve("missing")));
    assertThrows(
        NoSuchFileException.class, () -> DurableFiles.forceDirectory(dir.resolve("missing")));
  }

  @Test
  void forceDirectoryRefusesARegularFile() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    NotDirectoryException thrown =
        assertThrows(NotDirectoryException.class, () -> DurableFiles.forceDirectory(file));

    assertEquals(file.toString(), thrown.getFile());
    assertEquals("x", read(file));
  }

  @Test
  void forceDirectoryFollowsALinkToADirectory() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);

    DurableFiles.forceDirectory(link);

    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void forceDirectoryRefusesALinkToAFileAndReportsADanglingLinkAsMissing() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));

    NotDirectoryException thrown =
        assertThrows(NotDirectoryException.class, () -> DurableFiles.forceDirectory(toFile));
    assertThrows(NoSuchFileException.class, () -> DurableFiles.forceDirectory(dangling));

    assertEquals(toFile.toString(), thrown.getFile());
    assertEquals(List.of("dangling", "file", "to-file"), entries(dir));
  }
}
