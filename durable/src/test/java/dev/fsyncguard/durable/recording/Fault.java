package dev.fsyncguard.durable.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An injected failure: {@code operation} on a path matching {@code where} throws a fresh exception, every time
 * or only the first {@code times} times.
 */
final class Fault {
  private final Operation operation;
  private final Predicate<Path> where;
  private final Supplier<? extends IOException> error;
  private final AtomicInteger remaining;

  Fault(Operation operation, Predicate<Path> where, Supplier<? extends IOException> error, int times) {
    this.operation = operation;
    this.where = where;
    this.error = error;
    this.remaining = new AtomicInteger(times);
  }

  void throwIfMatches(Operation attempted, Path realPath) throws IOException {
    if (operation == attempted && where.test(realPath) && remaining.getAndDecrement() > 0) {
      throw error.get();
    }
  }
}
