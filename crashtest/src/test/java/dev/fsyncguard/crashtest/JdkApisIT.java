package dev.fsyncguard.crashtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JDK's file APIs under the agent on the workload's directory: each behaves as on a real disk,
 * and each change is recorded as the kit records NIO's.
 */
class JdkApisIT {
  private static final byte[] DATA = "data".getBytes(UTF_8);

  private static List<OperationKind> kinds(CrashRecording recording) {
    return recording.operations().stream()
        .map(RecordedOperation::kind)
        .collect(Collectors.toList());
  }

  @Test
  void writersOnFileOutputStreamRecordCreateAndWrite() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  try (FileWriter writer = new FileWriter(new File(dir.toFile(), "a.txt"))) {
                    writer.write("data");
                  }
                  try (PrintWriter writer = new PrintWriter(dir.resolve("b.txt").toString())) {
                    writer.print("more");
                  }
                });

    assertEquals(
        List.of(
            OperationKind.CREATE_FILE,
            OperationKind.WRITE,
            OperationKind.CREATE_FILE,
            OperationKind.WRITE),
        kinds(recording),
        recording.operations().toString());
  }

  @Test
  void appendingKeepsWhatWasThereAndTruncatingRecordsTheTruncation() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("log"), DATA))
            .run(
                dir -> {
                  try (FileOutputStream out =
                      new FileOutputStream(dir.resolve("log").toFile(), true)) {
                    out.write('!');
                  }
                  assertArrayEquals(
                      "data!".getBytes(UTF_8), Files.readAllBytes(dir.resolve("log")));
                  try (FileOutputStream out = new FileOutputStream(dir.resolve("log").toFile())) {
                    out.write(DATA, 1, 2);
                  }
                  assertArrayEquals("at".getBytes(UTF_8), Files.readAllBytes(dir.resolve("log")));
                });

    assertEquals(
        List.of(OperationKind.WRITE, OperationKind.TRUNCATE, OperationKind.WRITE),
        kinds(recording));
  }

  @Test
  void randomAccessFileReadsSeeksAndResizesOnTheKitsFile() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("db"), DATA))
            .run(
                dir -> {
                  try (RandomAccessFile file =
                      new RandomAccessFile(dir.resolve("db").toFile(), "rw")) {
                    assertEquals(4, file.length());
                    assertEquals('d', file.read());
                    assertEquals(1, file.getFilePointer());
                    file.seek(4);
                    file.writeInt(7);
                    assertEquals(8, file.length());
                    file.seek(0);
                    byte[] read = new byte[8];
                    file.readFully(read);
                    assertEquals(7, ByteBuffer.wrap(read, 4, 4).getInt());
                    assertEquals(-1, file.read());
                    file.setLength(2);
                    assertEquals(2, file.getFilePointer());
                    file.getChannel().force(true);
                  }
                });

    // writeInt is one write on JDK 21+, four of one byte on JDK 17: as the JDK issues them.
    List<OperationKind> kinds = kinds(recording);
    assertEquals(
        List.of(OperationKind.TRUNCATE, OperationKind.FORCE_FILE),
        kinds.subList(kinds.size() - 2, kinds.size()),
        recording.operations().toString());
    assertTrue(
        kinds.subList(0, kinds.size() - 2).stream().allMatch(kind -> kind == OperationKind.WRITE),
        recording.operations().toString());
  }

  @Test
  void aSynchronousRandomAccessFileForcesEachWrite() {
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("db"), DATA))
            .run(
                dir -> {
                  try (RandomAccessFile file =
                      new RandomAccessFile(dir.resolve("db").toFile(), "rwd")) {
                    file.write("DA".getBytes(UTF_8));
                  }
                });

    assertTrue(
        recording.operations().get(0).detail().endsWith("(SYNC)"),
        recording.operations().toString());
  }

  @Test
  void fileMethodsAnswerFromTheKit() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  File base = dir.toFile();
                  File nested = new File(base, "a/b");
                  assertTrue(nested.mkdirs());
                  assertFalse(nested.mkdirs());
                  assertTrue(nested.isDirectory());
                  File file = new File(nested, "f");
                  assertTrue(file.createNewFile());
                  assertFalse(file.createNewFile());
                  assertTrue(file.isFile());
                  assertEquals(0, file.length());
                  assertTrue(file.lastModified() > 0);
                  assertEquals(List.of("f"), Arrays.asList(nested.list()));
                  assertEquals(file, nested.listFiles()[0]);
                  assertNull(file.list());
                  assertFalse(new File(base, "a").delete(), "not empty");
                  assertTrue(file.delete());
                  assertFalse(file.exists());
                  assertThrows(
                      FileNotFoundException.class,
                      () -> new FileInputStream(new File(base, "none")));
                  assertThrows(
                      FileNotFoundException.class,
                      () -> new FileOutputStream(new File(base, "missing/f")));
                });

    assertEquals(
        List.of(
            OperationKind.CREATE_DIRECTORY,
            OperationKind.CREATE_DIRECTORY,
            OperationKind.CREATE_FILE,
            OperationKind.DELETE),
        kinds(recording),
        recording.operations().toString());
  }

  @Test
  void filesOnTheDefaultFileSystemUnderTheDirectoryGoToTheKit() {
    CrashRecording recording =
        CrashTest.startingEmpty()
            .run(
                dir -> {
                  Path root = Path.of(dir.toString());
                  Files.createDirectories(root.resolve("x/y"));
                  Files.writeString(root.resolve("x/y/z"), "data");
                  try (Stream<Path> walk = Files.walk(root)) {
                    assertEquals(
                        List.of("", "x", "x/y", "x/y/z"),
                        walk.map(path -> root.relativize(path).toString())
                            .sorted()
                            .collect(Collectors.toList()));
                  }
                  try (FileChannel channel =
                      FileChannel.open(root.resolve("x/y/z"), StandardOpenOption.WRITE)) {
                    channel.force(true);
                  }
                  assertEquals("data", Files.readString(root.resolve("x/y/z")));
                  Files.delete(root.resolve("x/y/z"));
                  assertFalse(Files.exists(root.resolve("x/y/z")));
                });

    assertEquals(
        List.of(
            OperationKind.CREATE_DIRECTORY,
            OperationKind.CREATE_DIRECTORY,
            OperationKind.CREATE_FILE,
            OperationKind.WRITE,
            OperationKind.FORCE_FILE,
            OperationKind.DELETE),
        kinds(recording),
        recording.operations().toString());
  }

  @Test
  void aFailedSyncOfAStreamThrowsSyncFailedExceptionAndIsModelled() {
    byte[] old = "old".getBytes(UTF_8);
    CrashRecording recording =
        CrashTest.startingWith(dir -> Files.write(dir.resolve("f"), old))
            .withFaults(Fault.failingForce().on("f"))
            .run(
                dir -> {
                  FileOutputStream out = new FileOutputStream(dir.resolve("f").toFile());
                  out.write(DATA);
                  SyncFailedException failure =
                      assertThrows(SyncFailedException.class, () -> out.getFD().sync());
                  assertTrue(failure.getCause() instanceof IOException, String.valueOf(failure));
                  out.close();
                });

    assertTrue(
        kinds(recording).contains(OperationKind.FORCE_FILE_FAILED),
        recording.operations().toString());
  }
}
