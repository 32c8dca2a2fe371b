package dev.fsyncguard.checker.baseline;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline file's format: what a line must hold, and the order entries are written in. */
class BaselineFileTest {
  @TempDir Path dir;

  @Test
  void writtenEntriesAreSortedByPlaceAndReadBackEqual() throws Exception {
    BaselineEntry later =
        new BaselineEntry("RenameWithoutFsync", "b/B.java", "b.B", "save()", "m()", 1);
    BaselineEntry second =
        new BaselineEntry("RenameWithoutFsync", "a/A.java", "a.A", "save()", "m()", 2);
    BaselineEntry first =
        new BaselineEntry("NonAtomicReplace", "a/A.java", "a.A", "save()", "m()", 1);
    Path file = dir.resolve("fsync-guard-baseline.txt");

    BaselineFile.write(file, List.of(later, second, first));

    assertThat(BaselineFile.read(file).entries()).containsExactly(first, second, later).inOrder();
    assertThat(Files.readString(file)).startsWith("# fsync-guard baseline:");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("fsync-guard-baseline.txt");
    }
  }

  @Test
  void anOccurrenceThatIsNotAPositiveNumberNamesTheLine() throws IOException {
    Path file = dir.resolve("b.txt");
    for (String occurrence : List.of("first", "0", "-1")) {
      Files.writeString(
          file,
          "# c\nRenameWithoutFsync\tA.java\tA\tm()\tf()\t" + occurrence + "\n",
          StandardCharsets.UTF_8);
      BaselineException e = assertThrows(BaselineException.class, () -> BaselineFile.read(file));
      assertThat(e).hasMessageThat().startsWith(file + ":2: ");
    }
  }

  @Test
  void anEmptyFieldNamesTheLine() throws IOException {
    Path file = dir.resolve("b.txt");
    Files.writeString(file, "RenameWithoutFsync\t\tA\tm()\tf()\t1\n", StandardCharsets.UTF_8);
    BaselineException e = assertThrows(BaselineException.class, () -> BaselineFile.read(file));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(file + ":1: a baseline field is empty or holds a tab or line break");
  }

  @Test
  void textThatIsNotUtf8IsRejected() throws IOException {
    Path file = dir.resolve("b.txt");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
    BaselineException e = assertThrows(BaselineException.class, () -> BaselineFile.read(file));
    assertThat(e).hasMessageThat().isEqualTo("the baseline file " + file + " is not UTF-8 text");
  }

  @Test
  void windowsLineEndingsAreRead() throws Exception {
    Path file = dir.resolve("b.txt");
    Files.writeString(
        file, "# c\r\nRenameWithoutFsync\tA.java\tA\tm()\tf()\t1\r\n", StandardCharsets.UTF_8);
    assertThat(BaselineFile.read(file).entries()).hasSize(1);
  }
}
