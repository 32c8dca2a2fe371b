package dev.fsyncguard.durable.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fsyncguard.crashtest.CrashCheckResult;
import dev.fsyncguard.crashtest.CrashChecks;
import dev.fsyncguard.crashtest.CrashTest;
import dev.fsyncguard.durable.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a crash proof costs a test suite, warmed up: recording the workload and checking every crash
 * state, for a single-file replace and a three-file batch. Run with the {@code bench} profile (see
 * durable/pom.xml) and {@code -Djmh.args="-f 1 -wi 3 -i 5 CrashProofBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrashProofBenchmark {
  private static final byte[] OLD = "the old content".getBytes(UTF_8);
  private static final byte[] NEW = "the new content, a little longer".getBytes(UTF_8);

  @Benchmark
  public CrashCheckResult singleFileReplace() {
    return CrashTest.startingWith(dir -> Files.write(dir.resolve("file"), OLD))
        .run(dir -> DurableFiles.write(dir.resolve("file"), NEW))
        .assertEveryCrashState(CrashChecks.holdsOldOrNewContent("file", OLD, NEW));
  }

  @Benchmark
  public CrashCheckResult threeFileBatch() {
    return CrashTest.startingEmpty()
        .run(
            dir -> {
              Map<Path, byte[]> batch = new LinkedHashMap<>();
              for (String name : new String[] {"a", "b", "c"}) {
                batch.put(dir.resolve(name), NEW);
              }
              DurableFiles.writeAll(batch);
            })
        .assertEveryCrashState(
            state -> {
              for (String name : new String[] {"a", "b", "c"}) {
                CrashChecks.holdsOldOrNewContent(name, null, NEW).check(state);
              }
            });
  }
}
