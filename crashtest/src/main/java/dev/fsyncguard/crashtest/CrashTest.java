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
    try (RealDirectory real = RealDirectory.create()) {
      return run(workload, real);
    }
  }

  private CrashRecording run(Workload workload, RealDirectory real) {
    String name = real.name();
    FileSystem backing = JimfsSetup.forWorkload(name);
    OperationRecorder recorder = new OperationRecorder(backing.getPath("/"), atomicRename);
    recorder.arm(new FaultPlan(faults, backing.getPath(name)));
    try (CrashFileSystem fileSystem = new CrashFileSystem(backing, recorder);
        JdkRedirect redirect = JdkRedirect.activate(fileSystem, name)) {
      Path directory = fileSystem.getPath(name);
      try {
        setup.run(directory);
      } catch (Exception | AssertionError e) {
        failIfPastTheKit(redirect, real, "setup", e);
        throw new AssertionError("the crash test's setup threw " + e, e);
      }
      recorder.start();
      try {
        workload.run(directory);
      } catch (Exception | AssertionError e) {
        failIfPastTheKit(redirect, real, "workload", e);
        throw new AssertionError(
            "the workload threw "
                + e
                + " after "
                + recorder.operations().size()
                + " recorded operations; catch an expected failure inside the workload",
            e);
      }
      failIfPastTheKit(redirect, real, "workload", null);
      recorder.verifyModel();
    } catch (IOException e) {
      throw new AssertionError("the crash-test file system failed", e);
    }
    return new CrashRecording(
        recorder.operations(), recorder.crashPoints(), maxStatesPerCrashPoint, name);
  }

  /**
   * Fails the run if the setup or workload changed a file outside its directory (refused by the
   * agent) or wrote into the directory's real twin, which only I/O the kit did not see can reach.
   */
  private static void failIfPastTheKit(
      JdkRedirect redirect, RealDirectory real, String who, Throwable thrown) {
    List<String> escapes = redirect.escapes();
    if (!escapes.isEmpty()) {
      throw new AssertionError(
          "the "
              + who
              + " tried to change files outside its directory "
              + real.name()
              + " (refused; nothing was written there):\n  "
              + String.join("\n  ", escapes)
              + "\nDerive every path the save writes from the directory the workload is given.",
          thrown);
    }
    List<String> written = real.written();
    if (!written.isEmpty()) {
      throw new AssertionError(
          "the "
              + who
              + " wrote "
              + written
              + " into "
              + real.name()
              + " on the real disk, past the crash-test kit (through java.io, or a path built"
              + " from a string), so none of it was recorded or crashed: "
              + (CrashTestAgent.installed()
                  ? "it went through an API the kit's agent does not intercept (JNI, a"
                      + " memory-mapped file, another process)"
                  : CrashTestAgent.howToLoad()),
          thrown);
    }
  }
}
