package dev.fsyncguard.crashtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What the agent costs: the same crash-safe save written with java.io under the agent and with NIO
 * on the kit's paths, timed per recorded operation and per crash state checked, printed as ratios
 * (java.io / NIO). Not a test; run by {@code bench/crashtest-agent.sh}.
 */
public final class AgentCostBenchmark {
  private static final byte[] OLD = "old".getBytes(UTF_8);
  private static final int CHUNKS = 64;

  private AgentCostBenchmark() {}

  /**
   * @param arguments {@code compare} (needs the agent) to time both saves, or {@code nio} / {@code
   *     io} to run one of them a number of times (for timing whole JVMs from outside)
   */
  public static void main(String[] arguments) throws Exception {
    String mode = arguments.length == 0 ? "compare" : arguments[0];
    int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 200;
    switch (mode) {
      case "nio":
        time(AgentCostBenchmark::nioSave, rounds);
        return;
      case "io":
        time(AgentCostBenchmark::ioSave, rounds);
        return;
      default:
        if (!CrashTestAgent.installed()) {
          throw new IllegalStateException(CrashTestAgent.howToLoad());
        }
        time(AgentCostBenchmark::nioSave, rounds);
        time(AgentCostBenchmark::ioSave, rounds);
        long[] nio = time(AgentCostBenchmark::nioSave, rounds);
        long[] io = time(AgentCostBenchmark::ioSave, rounds);
        System.out.printf(
            "per recorded operation: java.io %.2f us, NIO %.2f us, ratio %.2f%n",
            io[0] / 1000.0 / io[1],
            nio[0] / 1000.0 / nio[1],
            ((double) io[0] / io[1]) / ((double) nio[0] / nio[1]));
        System.out.printf(
            "per crash state checked: java.io %.2f us, NIO %.2f us, ratio %.2f%n",
            io[2] / 1000.0 / io[3],
            nio[2] / 1000.0 / nio[3],
            ((double) io[2] / io[3]) / ((double) nio[2] / nio[3]));
    }
  }

  /** Nanoseconds running workloads, operations recorded, nanoseconds checking, states checked. */
  private static long[] time(Workload save, int rounds) {
    long[] totals = new long[4];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      CrashRecording recording =
          CrashTest.startingWith(dir -> Files.write(dir.resolve("data"), OLD)).run(save);
      long recorded = System.nanoTime();
      CrashCheckResult result = recording.assertEveryCrashState(state -> state.content("data"));
      long checked = System.nanoTime();
      totals[0] += recorded - start;
      totals[1] += recording.operations().size();
      totals[2] += checked - recorded;
      totals[3] += result.statesChecked();
    }
    return totals;
  }

  private static void nioSave(Path dir) throws IOException {
    Path temp = dir.resolve("data.tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 16)) {
      for (int i = 0; i < CHUNKS; i++) {
        out.write("0123456789abcdef".getBytes(UTF_8));
      }
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, dir.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  private static void ioSave(Path dir) throws IOException {
    File temp = new File(dir.toString(), "data.tmp");
    try (FileOutputStream file = new FileOutputStream(temp);
        OutputStream out = new BufferedOutputStream(file, 16)) {
      for (int i = 0; i < CHUNKS; i++) {
        out.write("0123456789abcdef".getBytes(UTF_8));
      }
      out.flush();
      file.getFD().sync();
    }
    if (!temp.renameTo(new File(dir.toString(), "data"))) {
      throw new IOException("rename failed");
    }
    try (FileChannel directory =
        FileChannel.open(Path.of(dir.toString()), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
