package dev.fsyncguard.crashtest;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Ready-made checks for the common promises of a save. */
public final class CrashChecks {
  private CrashChecks() {}

  /**
   * The promise of an atomic, durable replacement: at every crash point {@code file} holds its
   * whole old content or its whole new content, and once the workload has returned, the new
   * content.
   *
   * @param file the file's name, relative to the workload's directory or absolute
   * @param oldContent the content before the workload; null if the file did not exist
   * @param newContent the content the workload writes
   */
  public static CrashStateCheck holdsOldOrNewContent(
      String file, byte[] oldContent, byte[] newContent) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(newContent, "newContent");
    byte[] expectedOld = oldContent == null ? null : oldContent.clone();
    byte[] expectedNew = newContent.clone();
    String old =
        expectedOld == null ? "missing, as before the workload" : ContentPreview.of(expectedOld);
    return state -> {
      Optional<byte[]> content = state.content(file);
      byte[] actual = content.orElse(null);
      boolean isNew = Arrays.equals(actual, expectedNew);
      boolean isOld = Arrays.equals(actual, expectedOld);
      String holds = actual == null ? "is missing" : "holds " + ContentPreview.of(actual);
      if (state.workloadReturned() && !isNew) {
        throw new AssertionError(
            file
                + " "
                + holds
                + " after the workload returned, but the new content ("
                + ContentPreview.of(expectedNew)
                + ") must survive once the write has returned"
                + (isOld ? ": the new content was not durable yet" : ""));
      }
      if (!isNew && !isOld) {
        throw new AssertionError(
            file
                + " "
                + holds
                + ": neither its whole old content ("
                + old
                + ") nor its whole new content ("
                + ContentPreview.of(expectedNew)
                + ")");
      }
    };
  }
}
