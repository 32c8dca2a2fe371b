package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a workload on an in-memory file system that records every operation, so that every state a
 * crash could leave can be checked:
 *
 * <pre>{@code
 * CrashTest.startingWith(dir -> Files.write(dir.resolve("note.txt"), OLD))
 *     .run(dir -> store.save(dir.resolve("note.txt"), NEW))
 *     .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("note.txt", OLD, NEW));
 * }</pre>
 *
 * <p>The model is conservative: a file's data is durable only up to its last force, and a directory
 * entry created, renamed or removed only once its directory is forced (see {@code
 * docs/crashtest.md}). Instances are immutable; each {@code with} method returns a changed copy.
 */
public final class CrashTest {
  /** Combinations tried at one crash point unless raised; a single-file replace needs a handful. */
  public static final int DEFAULT_MAX_STATES_PER_CRASH_POINT = 10_000;

  private final Workload setup;
  private final boolean atomicRename;
  private final int maxStatesPerCrashPoint;
  private final List<Fault> faults;

  private CrashTest(
      Workload setup, boolean atomicRename, int maxStatesPerCrashPoint, List<Fault> faults) {
    this.setup = setup;
    this.atomicRename = atomicRename;
    this.maxStatesPerCrashPoint = maxStatesPerCrashPoint;
    this.faults = faults;
  }

  /** A test whose workload starts in an empty directory. */
  public static CrashTest startingEmpty() {
    return new CrashTest(directory -> {}, true, DEFAULT_MAX_STATES_PER_CRASH_POINT, List.of());
  }

  /**
   * A test whose workload starts with what {@code setup} creates in the directory; all of it is
   * durable (as if forced) and none of it recorded.
   */
  public static CrashTest startingWith(Workload setup) {
    if (setup == null) {
      throw new NullPointerException("setup");
    }
    return new CrashTest(setup, true, DEFAULT_MAX_STATES_PER_CRASH_POINT, List.of());
  }

  /**
   * Models renames as not atomic, as on some file systems: a crash during a rename over an existing
   * file may leave the old target gone and the new name missing, or both names present.
   */
  public CrashTest withNonAtomicRename() {
    return new CrashTest(setup, false, maxStatesPerCrashPoint, faults);
  }

  /**
   * Sets how many combinations of lost and kept changes are tried at one crash point; a point that
   * allows more is reported as not fully checked.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public CrashTest withMaxStatesPerCrashPoint(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException(
          "the bound on states per crash point must be positive, not " + max);
    }
    return new CrashTest(setup, atomicRename, max, faults);
  }

  /**
   * Makes operations of the workload fail as {@code faults} say (the setup never fails): the failed
   * call throws, and every crash state is still checked, a failed force of a file modelled as Linux
   * behaves (see {@link Fault}). Replaces any faults given before.
   */
  public CrashTest withFaults(Fault... faults) {
    List<Fault> given = List.of(faults);
    return new CrashTest(setup, atomicRename, maxStatesPerCrashPoint, given);
  }

  /**
   * Runs the setup, then {@code workload}, recording the workload's operations.
   *
   * @throws AssertionError if the setup or the workload threw: a workload that is expected to fail
   *     should catch its exception, so that the test says which failure it expects
   */
  public CrashRecording run(Workload workload) {
    if (workload == null) {
      throw new NullPointerException("workload");
    }
    FileSystem backing = JimfsSetup.forWorkload();
    OperationRecorder recorder = new OperationRecorder(backing.getPath("/"), atomicRename);
    recorder.arm(new FaultPlan(faults, backing.getPath(JimfsSetup.WORK_DIRECTORY)));
    try (FileSystem fileSystem = new CrashFileSystem(backing, recorder)) {
      Path directory = fileSystem.getPath(JimfsSetup.WORK_DIRECTORY);
      try {
        setup.run(directory);
      } catch (Exception | AssertionError e) {
        throw new AssertionError("the crash test's setup threw " + e, e);
      }
      recorder.start();
      try {
        workload.run(directory);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(
            "the workload threw "
                + e
                + " after "
                + recorder.operations().size()
                + " recorded operations; catch an expected failure inside the workload",
            e);
      }
      recorder.verifyModel();
    } catch (IOException e) {
      throw new AssertionError("the crash-test file system failed", e);
    }
    return new CrashRecording(
        recorder.operations(), recorder.crashPoints(), maxStatesPerCrashPoint);
  }
}
