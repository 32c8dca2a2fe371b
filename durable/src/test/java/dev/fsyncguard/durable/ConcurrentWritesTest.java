package dev.fsyncguard.durable;

import static dev.fsyncguard.durable.TestFiles.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads replacing one file: every rename is atomic and every writer has its own temp file,
 * so a reader only ever sees one whole write, and nothing is left behind.
 */
class ConcurrentWritesTest {
  private static final int THREADS = 8;
  private static final int WRITES_PER_THREAD = 200;

  @TempDir Path dir;

  /**
   * A payload that identifies its writer and whose length varies, so a torn or mixed file cannot
   * pass.
   */
  static byte[] payload(int thread, int write) {
    String header = "thread=" + thread + " write=" + write + "\n";
    int length = header.length() + 1 + (thread * 7919 + write * 104729) % 6000;
    byte[] bytes = new byte[length];
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(headerBytes, 0, bytes, 0, headerBytes.length);
    for (int i = headerBytes.length; i < length; i++) {
      bytes[i] = (byte) ('a' + (thread + write + i) % 26);
    }
    return bytes;
  }

  /** Whether {@code content} is exactly one payload written by some thread. */
  static boolean isOneWholeWrite(byte[] content) {
    String text = new String(content, StandardCharsets.US_ASCII);
    int newline = text.indexOf('\n');
    if (!text.startsWith("thread=") || newline < 0) {
      return false;
    }
    String[] fields = text.substring(0, newline).split("[ =]");
    if (fields.length != 4) {
      return false;
    }
    int thread = Integer.parseInt(fields[1]);
    int write = Integer.parseInt(fields[3]);
    return Arrays.equals(payload(thread, write), content);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void concurrentWritersLeaveOneWholeWriteAndNoTempFile() throws Exception {
    Path target = dir.resolve("shared");
    DurableFiles.write(target, payload(THREADS, 0));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    try {
      Future<?> reader =
          pool.submit(
              () -> {
                start.await();
                while (writing.get()) {
                  byte[] seen = Files.readAllBytes(target);
                  assertTrue(isOneWholeWrite(seen), "a reader saw a partial or mixed file");
                  reads.incrementAndGet();
                }
                return null;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int w = 0; w < WRITES_PER_THREAD; w++) {
                    DurableFiles.write(target, payload(thread, w));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      reader.get();
    } finally {
      writing.set(false);
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    assertTrue(isOneWholeWrite(Files.readAllBytes(target)));
    assertEquals(List.of("shared"), entries(dir), "no temp file may remain");
    assertTrue(reads.get() > 0);
  }

  @Test
  void thePayloadCheckRejectsTornContent() throws IOException {
    byte[] whole = payload(3, 17);
    byte[] torn = Arrays.copyOf(whole, whole.length - 1);
    byte[] mixed = whole.clone();
    mixed[mixed.length - 1] ^= 1;

    assertTrue(isOneWholeWrite(whole));
    assertTrue(!isOneWholeWrite(torn) && !isOneWholeWrite(mixed) && !isOneWholeWrite(new byte[0]));
  }
}
