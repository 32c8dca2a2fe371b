package dev.fsyncguard.checker.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Whether {@link PersistentMap} earns its place next to pcollections' {@code HashTreePMap} (which
 * Error Prone already ships): the operations a method's dataflow does on its stores, on two
 * versions of one store that differ in one key, timed for both and printed as ratios (PersistentMap
 * / pcollections). Not a test; run by {@code mvn -B -pl checker -am -Pbench-maps test -DskipTests}.
 */
public final class PersistentMapBenchmark {
  private static final BinaryOperator<Integer> JOIN = Math::max;
  private static volatile Object sink;

  private PersistentMapBenchmark() {}

  /**
   * @param arguments the store sizes to try; 8, 32 and 128 keys by default
   */
  public static void main(String[] arguments) {
    List<Integer> sizes = new ArrayList<>();
    for (String argument : arguments) {
      sizes.add(Integer.parseInt(argument));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(8, 32, 128);
    }
    System.out.println("keys  operation       PersistentMap ns  pcollections ns  ratio");
    for (int size : sizes) {
      for (int round = 0; round < 2; round++) {
        boolean print = round == 1; // the first round warms both up
        measure(size, print);
      }
    }
  }

  private static void measure(int size, boolean print) {
    PersistentMap<String, Integer> base = PersistentMap.empty();
    PMap<String, Integer> pbase = HashTreePMap.empty();
    for (int i = 0; i < size; i++) {
      base = base.put("file" + i, i);
      pbase = pbase.plus("file" + i, i);
    }
    // A join point: the store of each branch, one key changed on each.
    PersistentMap<String, Integer> left = base.put("file0", -1);
    PersistentMap<String, Integer> right = base.put("file" + (size - 1), size * 2);
    PMap<String, Integer> pleft = pbase.plus("file0", -1);
    PMap<String, Integer> pright = pbase.plus("file" + (size - 1), size * 2);
    int iterations = Math.max(2_000, 2_000_000 / size);

    report(
        size,
        "join",
        time(iterations, () -> sink = left.union(right, JOIN, null, null)),
        time(iterations, () -> sink = union(pleft, pright)),
        print);
    report(
        size,
        "equals (same)",
        time(iterations, () -> sink = left.equals(left.put("file0", -1))),
        time(iterations, () -> sink = pleft.equals(pleft.plus("file0", -1))),
        print);
    report(
        size,
        "equals (differ)",
        time(iterations, () -> sink = left.equals(right)),
        time(iterations, () -> sink = pleft.equals(pright)),
        print);
    report(
        size,
        "update",
        time(iterations, () -> sink = left.put("file1", 7)),
        time(iterations, () -> sink = pleft.plus("file1", 7)),
        print);
    report(
        size,
        "look-up",
        time(iterations, () -> sink = left.get("file1")),
        time(iterations, () -> sink = pleft.get("file1")),
        print);
  }

  /** The join as a store needs it from pcollections: every key of either, values through JOIN. */
  private static PMap<String, Integer> union(PMap<String, Integer> a, PMap<String, Integer> b) {
    PMap<String, Integer> joined = a;
    for (Map.Entry<String, Integer> entry : b.entrySet()) {
      Integer mine = a.get(entry.getKey());
      Integer value = mine == null ? entry.getValue() : JOIN.apply(mine, entry.getValue());
      if (!value.equals(mine)) {
        joined = joined.plus(entry.getKey(), value);
      }
    }
    return joined;
  }

  private static double time(int iterations, Runnable operation) {
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      operation.run();
    }
    return (System.nanoTime() - start) / (double) iterations;
  }

  private static void report(int size, String what, double ours, double theirs, boolean print) {
    if (print) {
      System.out.printf(
          "%4d  %-15s %16.1f %16.1f  %5.2f%n", size, what, ours, theirs, ours / theirs);
    }
  }
}
