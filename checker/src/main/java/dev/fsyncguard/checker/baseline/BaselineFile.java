package dev.fsyncguard.checker.baseline;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The baseline file's format: a line per entry, six fields separated by tabs (check, file, class,
 * member, code, occurrence), sorted by place; lines starting with {@code #} and blank lines are
 * comments.
 */
public final class BaselineFile {
  /** The checks an entry may name: the step checks and {@code FsyncsWithoutForce}. */
  static final ImmutableSet<String> CHECKS =
      Stream.concat(
              Arrays.stream(ReplaceStep.values()).map(ReplaceStep::check),
              Stream.of("FsyncsWithoutForce"))
          .collect(ImmutableSet.toImmutableSet());

  private static final String HEADER =
      "# fsync-guard baseline: findings that existed when it was written. The build reports only"
          + " the others.\n"
          + "# Update it with `mvn fsync-guard:baseline` or `fsync-guard-audit --write-baseline`;"
          + " fix entries away, never add them by hand.\n"
          + "# check\tfile\tclass\tmember\tcode\toccurrence\n";

  /**
   * What a baseline file holds.
   *
   * @param entries the entries, in file order
   * @param unknownChecks one message per entry whose check does not exist (the entry is skipped)
   */
  public record Contents(
      ImmutableList<BaselineEntry> entries, ImmutableList<String> unknownChecks) {}

  /** Windows cannot open a directory to force it; NTFS journals the rename itself. */
  private static final boolean DIRECTORIES_CAN_BE_FORCED =
      !System.getProperty("os.name", "").startsWith("Windows");

  private BaselineFile() {}

  /**
   * Reads a baseline.
   *
   * @throws BaselineException when the file is missing or unreadable, or a line is not an entry:
   *     the message names the file and the line
   */
  public static Contents read(Path file) throws BaselineException {
    String text;
    try {
      text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      throw new BaselineException("the baseline file " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new BaselineException("the baseline file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new BaselineException("the baseline file " + file + " cannot be read: " + e, e);
    }
    ImmutableList.Builder<BaselineEntry> entries = ImmutableList.builder();
    ImmutableList.Builder<String> unknown = ImmutableList.builder();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      BaselineEntry entry = parse(file, i + 1, line);
      if (CHECKS.contains(entry.check())) {
        entries.add(entry);
      } else {
        unknown.add(
            "fsync-guard: "
                + file
                + ":"
                + (i + 1)
                + ": no check is named "
                + entry.check()
                + "; the entry is ignored");
      }
    }
    return new Contents(entries.build(), unknown.build());
  }

  private static BaselineEntry parse(Path file, int number, String line) throws BaselineException {
    String[] fields = line.split("\t", -1);
    String where = file + ":" + number + ": ";
    if (fields.length != BaselineEntry.FIELDS) {
      throw new BaselineException(
          where
              + "expected "
              + BaselineEntry.FIELDS
              + " fields separated by tabs (check, file, class, member, code, occurrence), found "
              + fields.length);
    }
    int occurrence;
    try {
      occurrence = Integer.parseInt(fields[5].trim());
    } catch (NumberFormatException e) {
      throw new BaselineException(where + "the occurrence is not a number: " + fields[5]);
    }
    try {
      return new BaselineEntry(fields[0], fields[1], fields[2], fields[3], fields[4], occurrence);
    } catch (IllegalArgumentException e) {
      throw new BaselineException(where + e.getMessage());
    }
  }

  /**
   * Replaces the baseline with {@code entries}, sorted, so that a crash leaves either the old file
   * or the new one: written next to it, forced, renamed over it, and the directory forced.
   */
  public static void write(Path file, Collection<BaselineEntry> entries) throws IOException {
    List<BaselineEntry> sorted = new ArrayList<>(entries);
    sorted.sort(BaselineEntry.ORDER);
    StringBuilder text = new StringBuilder(HEADER);
    for (BaselineEntry entry : sorted) {
      text.append(entry.toLine()).append('\n');
    }
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = UTF_8.encode(text.toString());
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(directory);
  }

  private static void forceDirectory(Path directory) throws IOException {
    // A failure is the caller's: a rename whose directory may not be durable did not succeed.
    if (DIRECTORIES_CAN_BE_FORCED) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }
}
