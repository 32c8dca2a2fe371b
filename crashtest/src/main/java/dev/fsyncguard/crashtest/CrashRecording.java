package dev.fsyncguard.crashtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The operations a workload performed and the durability model at each crash point: check every
 * state a crash could leave, or assert the order of forces and renames directly.
 */
public final class CrashRecording {
  private final List<RecordedOperation> operations;
  private final List<DurabilityModel> crashPoints;
  private final int maxStatesPerCrashPoint;
  private final String workDirectory;

  CrashRecording(
      List<RecordedOperation> operations,
      List<DurabilityModel> crashPoints,
      int maxStatesPerCrashPoint,
      String workDirectory) {
    this.operations = operations;
    this.crashPoints = crashPoints;
    this.maxStatesPerCrashPoint = maxStatesPerCrashPoint;
    this.workDirectory = workDirectory;
  }

  /**
   * The absolute name the workload's directory had: a real directory the run created (and removed
   * after), named in every recorded operation and crash state.
   */
  public String workDirectory() {
    return workDirectory;
  }

  /** Every recorded operation, in order. */
  public List<RecordedOperation> operations() {
    return operations;
  }

  /** The number of crash points: one before each operation, and one after the last. */
  public int crashPointCount() {
    return crashPoints.size();
  }

  /**
   * Runs {@code check} on every state a crash may leave at every crash point, stopping at the first
   * state it rejects. Does not throw for a bad state: see {@link #assertEveryCrashState}.
   */
  public CrashCheckResult checkEveryCrashState(CrashStateCheck check) {
    Objects.requireNonNull(check, "check");
    long start = System.nanoTime();
    long checked = 0;
    List<CrashPoint> overBound = new ArrayList<>();
    for (int index = 0; index < crashPoints.size(); index++) {
      CrashPoint point = crashPoint(index);
      BadCrashState[] bad = new BadCrashState[1];
      StateEnumerator.Outcome outcome =
          new StateEnumerator(crashPoints.get(index), operations, maxStatesPerCrashPoint)
              .enumerate(
                  durable -> {
                    CrashState state = new CrashState(durable, point, workDirectory);
                    try {
                      check.check(state);
                      return true;
                    } catch (Exception | AssertionError e) {
                      bad[0] = new BadCrashState(point, state, e, operations);
                      return false;
                    } finally {
                      state.close();
                    }
                  });
      checked += outcome.distinctStates;
      if (outcome.boundHit) {
        overBound.add(point);
      }
      if (bad[0] != null) {
        return new CrashCheckResult(
            index + 1, checked, maxStatesPerCrashPoint, overBound, bad[0], since(start));
      }
    }
    return new CrashCheckResult(
        crashPoints.size(), checked, maxStatesPerCrashPoint, overBound, null, since(start));
  }

  /**
   * Runs {@code check} on every crash state and fails with a report of the first one it rejects:
   * the crash point (the operation, with the frame of the code that performed it), what the disk
   * held, and why the check failed. Also fails if the bound stopped the enumeration anywhere, since
   * then not every state was checked.
   *
   * @return the result, for its counts
   * @throws CrashStateAssertionError if a state is bad or some states were not checked
   */
  public CrashCheckResult assertEveryCrashState(CrashStateCheck check) {
    CrashCheckResult result = checkEveryCrashState(check);
    if (result.firstBadState().isPresent()) {
      BadCrashState bad = result.firstBadState().get();
      throw new CrashStateAssertionError(bad.report(), bad.failure(), result);
    }
    if (!result.complete()) {
      throw new CrashStateAssertionError(
          "Not every crash state was checked: "
              + result.crashPointsOverBound().size()
              + " crash point(s) allow more than "
              + maxStatesPerCrashPoint
              + " combinations (no bad state among those checked). Raise the bound with"
              + " CrashTest.withMaxStatesPerCrashPoint, or force more often. First: "
              + result.crashPointsOverBound().get(0),
          null,
          result);
    }
    return result;
  }

  /**
   * Asserts the seed of it all: every rename onto {@code file} moved a file whose data had all been
   * forced, so the new name can never show content that a crash would lose.
   *
   * @param file the rename target, relative to the workload's directory or absolute
   * @throws AssertionError if nothing was renamed onto {@code file}, or a rename moved unforced
   *     data
   */
  public CrashRecording assertForcedBeforeRenamed(String file) {
    String target = absolute(file);
    List<RecordedOperation> renames =
        operations.stream()
            .filter(
                operation ->
                    operation.kind() == OperationKind.RENAME
                        && operation.target().orElse("").equals(target))
            .collect(Collectors.toList());
    if (renames.isEmpty()) {
      throw new AssertionError(
          "nothing was renamed onto "
              + target
              + "; recorded operations:\n"
              + operations.stream()
                  .map(operation -> "  " + operation)
                  .collect(Collectors.joining("\n")));
    }
    for (RecordedOperation rename : renames) {
      DurabilityModel before = crashPoints.get(rename.number() - 1);
      Entry moved = resolve(before, rename.path());
      if (moved == null || moved.kind != Entry.Kind.FILE) {
        continue;
      }
      FileDataModel data = before.file(moved.inode);
      if (data.hasUnforcedChanges()) {
        String unforced =
            data.unforcedOperations().stream()
                .map(number -> "  " + operations.get(number - 1))
                .collect(Collectors.joining("\n"));
        throw new AssertionError(
            rename.path()
                + " was renamed onto "
                + target
                + " before its data was forced:\n  "
                + rename
                + "\nchanges not forced before it:\n"
                + unforced);
      }
    }
    return this;
  }

  private CrashPoint crashPoint(int index) {
    return new CrashPoint(
        index,
        crashPoints.size(),
        index == 0 ? null : operations.get(index - 1),
        index < operations.size() ? operations.get(index) : null);
  }

  private static Entry resolve(DurabilityModel model, String path) {
    Map<Object, Map<String, Entry>> live = model.liveEntries();
    Object directory = model.root;
    Entry entry = null;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (entry != null && entry.kind != Entry.Kind.DIRECTORY) {
        return null;
      }
      Map<String, Entry> children = live.get(entry == null ? directory : entry.inode);
      entry = children == null ? null : children.get(part);
      if (entry == null) {
        return null;
      }
    }
    return entry;
  }

  private String absolute(String file) {
    Objects.requireNonNull(file, "file");
    if (file.isEmpty()) {
      throw new IllegalArgumentException("empty file name");
    }
    return file.startsWith("/") ? file : workDirectory + "/" + file;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
