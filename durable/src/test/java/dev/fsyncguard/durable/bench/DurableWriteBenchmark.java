package dev.fsyncguard.durable.bench;

import dev.fsyncguard.durable.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The cost of {@link DurableFiles#write(Path, byte[])} against the minimal hand-written durable
 * replace (open, write, force, atomic move, directory force), which is the floor: the goal is a
 * ratio of at most 1.05. Both replace an existing file on the disk under {@code durable.bench.dir}
 * (default {@code target}), so the fsync cost is real. Run with the {@code bench} profile; see
 * durable/pom.xml.
 *
 * <p>On a shared machine the latency of fsync drifts by an order of magnitude within minutes, and
 * JMH runs one benchmark after the other, so the two plain scores can differ by more than anything
 * the code does. {@link #interleaved} therefore runs both variants back to back in every
 * invocation, alternating which goes first, and prints the ratio of their times with its error:
 * that is the number to read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DurableWriteBenchmark {
  @Param({"4096", "1048576"})
  public int payloadBytes;

  private Path directory;
  private Path viaUtility;
  private Path handWritten;
  private Path handWrittenTemp;
  private byte[] payload;

  /**
   * Fresh directory and targets per trial, so both variants replace an existing file of the same
   * size.
   */
  @Setup(Level.Trial)
  public void createFiles() throws IOException {
    Path base = Paths.get(System.getProperty("durable.bench.dir", "target"));
    directory = Files.createTempDirectory(Files.createDirectories(base), "durable-bench-");
    payload = new byte[payloadBytes];
    ThreadLocalRandom.current().nextBytes(payload);
    viaUtility = Files.write(directory.resolve("via-utility"), payload);
    handWritten = Files.write(directory.resolve("hand-written"), payload);
    handWrittenTemp = directory.resolve("hand-written.tmp");
  }

  @TearDown(Level.Trial)
  public void deleteFiles() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /**
   * Per-iteration times of the two variants inside {@link #interleaved}. JMH sums the counters over
   * the iterations (their quotient is the overall ratio); the per-iteration ratios are printed with
   * their error.
   */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class PairTimes {
    /** Nanoseconds spent in the one-call write this iteration. */
    public long durableFilesNanos;

    /** Nanoseconds spent in the hand-written sequence this iteration. */
    public long handWrittenNanos;

    private boolean durableFilesFirst;
    private final ListStatistics ratios = new ListStatistics();

    /** Counters are per iteration, so each iteration's ratio is one sample. */
    @Setup(Level.Iteration)
    public void reset() {
      durableFilesNanos = 0;
      handWrittenNanos = 0;
    }

    /**
     * Keeps the ratio of a measurement iteration (not of a warmup one).
     *
     * @param iteration which kind of iteration just ended
     */
    @TearDown(Level.Iteration)
    public void keepRatio(IterationParams iteration) {
      if (iteration.getType() == IterationType.MEASUREMENT && handWrittenNanos > 0) {
        ratios.addValue((double) durableFilesNanos / handWrittenNanos);
      }
    }

    /**
     * Prints the goal metric, one-call time over hand-written time, with JMH's usual 99.9% error.
     *
     * @param benchmark the parameters, to name the payload size
     */
    @TearDown(Level.Trial)
    public void printRatio(BenchmarkParams benchmark) {
      if (ratios.getN() > 0) {
        System.out.printf(
            Locale.ROOT,
            "%nratio durableFiles/handWritten, payloadBytes=%s: %.3f ± %.3f (99.9%%, %d"
                + " iterations)%n",
            benchmark.getParam("payloadBytes"),
            ratios.getMean(),
            ratios.getN() > 1 ? ratios.getMeanErrorAt(0.999) : Double.NaN,
            ratios.getN());
      }
    }
  }

  /**
   * Both variants per invocation, the order alternating, so drift in fsync latency hits both alike.
   *
   * @param times where the two durations accumulate
   */
  @Benchmark
  public void interleaved(PairTimes times) throws IOException {
    times.durableFilesFirst = !times.durableFilesFirst;
    if (times.durableFilesFirst) {
      long start = System.nanoTime();
      durableFiles();
      long middle = System.nanoTime();
      handWritten();
      times.durableFilesNanos += middle - start;
      times.handWrittenNanos += System.nanoTime() - middle;
    } else {
      long start = System.nanoTime();
      handWritten();
      long middle = System.nanoTime();
      durableFiles();
      times.handWrittenNanos += middle - start;
      times.durableFilesNanos += System.nanoTime() - middle;
    }
  }

  /** One call. */
  @Benchmark
  public void durableFiles() throws IOException {
    DurableFiles.write(viaUtility, payload);
  }

  /**
   * The floor: exactly the five steps a durable replace needs, with no checks, no cleanup, a fixed
   * temp name.
   */
  @Benchmark
  public void handWritten() throws IOException {
    try (FileChannel temp =
        FileChannel.open(
            handWrittenTemp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer data = ByteBuffer.wrap(payload);
      while (data.hasRemaining()) {
        temp.write(data);
      }
      temp.force(true);
    }
    Files.move(handWrittenTemp, handWritten, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
