package dev.fsyncguard.crashtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One file's data: the content as of its last force, and each content it had since. Arrays are
 * never changed once stored, so copies of this model share them.
 */
final class FileDataModel {
  /** A content a crash may leave, with how it came about. */
  static final class Candidate {
    final byte[] content;
    final String how;

    Candidate(byte[] content, String how) {
      this.content = content;
      this.how = how;
    }
  }

  private static final class Version {
    final int operation;
    final byte[] content;

    Version(int operation, byte[] content) {
      this.operation = operation;
      this.content = content;
    }
  }

  private byte[] forced;

  /**
   * After a failed force, the content durable before it: the kernel may have dropped the pages it
   * could not write, and no later force writes them again. Null when no force failed.
   */
  private byte[] dropped;

  private String droppedHow;

  /**
   * How the forced content came to be, for reports: "as before the workload", "as forced at #4".
   */
  private String forcedHow;

  private final List<Version> unforced;

  private FileDataModel(byte[] forced, String forcedHow, List<Version> unforced) {
    this.forced = forced;
    this.forcedHow = forcedHow;
    this.unforced = unforced;
  }

  private FileDataModel(
      byte[] forced, String forcedHow, List<Version> unforced, byte[] dropped, String droppedHow) {
    this(forced, forcedHow, unforced);
    this.dropped = dropped;
    this.droppedHow = droppedHow;
  }

  /** A file the setup left, all of it durable. */
  static FileDataModel durable(byte[] content) {
    return new FileDataModel(content, "as before the workload", new ArrayList<>());
  }

  /** A file just created by operation {@code operation}: durably empty. */
  static FileDataModel created(int operation) {
    return new FileDataModel(new byte[0], "empty, as created at #" + operation, new ArrayList<>());
  }

  FileDataModel copy() {
    return new FileDataModel(forced, forcedHow, new ArrayList<>(unforced), dropped, droppedHow);
  }

  byte[] current() {
    return unforced.isEmpty() ? forced : unforced.get(unforced.size() - 1).content;
  }

  boolean hasUnforcedChanges() {
    return !unforced.isEmpty();
  }

  /** The operations whose changes are not forced yet, oldest first. */
  List<Integer> unforcedOperations() {
    List<Integer> operations = new ArrayList<>();
    unforced.forEach(version -> operations.add(version.operation));
    return operations;
  }

  /**
   * A force that failed at {@code operation}: what was durable before it may be all a crash leaves,
   * from now on, whatever later forces do.
   */
  void forceFailed(int operation) {
    if (dropped == null) {
      dropped = forced;
      droppedHow =
          "the force at #"
              + operation
              + " failed: the kernel may have dropped the pages it"
              + " could not write, and later forces do not write them again; content "
              + forcedHow;
    }
  }

  void change(int operation, byte[] content, boolean forcedNow) {
    if (content.length == 0) {
      // Truncated to nothing: the pages a failed force dropped no longer hold anything of the file.
      dropped = null;
      droppedHow = null;
    }
    if (forcedNow) {
      unforced.clear();
      forced = content;
      forcedHow = "as forced at #" + operation;
    } else {
      unforced.add(new Version(operation, content));
    }
  }

  void force(int operation) {
    forced = current();
    forcedHow = "as forced at #" + operation;
    unforced.clear();
  }

  /**
   * Every content a crash may leave: all changes reached the disk; none did (the content as last
   * forced); the first few did (writes reach the disk in order, a conservative but bounded reading
   * of "any subset"); or the file's new length reached the disk but not its data, which reads as
   * zeros past the forced length.
   */
  List<Candidate> candidates() {
    List<Candidate> candidates = new ArrayList<>();
    if (unforced.isEmpty()) {
      candidates.add(new Candidate(forced, forcedHow));
      if (dropped != null) {
        add(candidates, dropped, droppedHow);
      }
      return candidates;
    }
    int last = unforced.size() - 1;
    add(
        candidates,
        unforced.get(last).content,
        "every change reached the disk (last: #"
            + unforced.get(last).operation
            + ", never forced after it)");
    add(
        candidates,
        forced,
        "unforced changes lost: " + describeOperations(0) + "; content " + forcedHow);
    for (int i = 0; i < last; i++) {
      add(
          candidates,
          unforced.get(i).content,
          "changes up to #"
              + unforced.get(i).operation
              + " reached the disk, later ones lost: "
              + describeOperations(i + 1));
    }
    if (dropped != null) {
      add(candidates, dropped, droppedHow);
    }
    for (Version version : unforced) {
      if (version.content.length > forced.length) {
        byte[] zeroFilled = Arrays.copyOf(forced, version.content.length);
        add(
            candidates,
            zeroFilled,
            "the length set by #"
                + version.operation
                + " reached the disk but not the data: zeros past the forced "
                + forced.length
                + " bytes");
      }
    }
    return candidates;
  }

  private String describeOperations(int from) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < unforced.size(); i++) {
      text.append(i == from ? "#" : ", #").append(unforced.get(i).operation);
    }
    return text.toString();
  }

  private static void add(List<Candidate> candidates, byte[] content, String how) {
    for (Candidate candidate : candidates) {
      if (Arrays.equals(candidate.content, content)) {
        return;
      }
    }
    candidates.add(new Candidate(content, how));
  }
}
