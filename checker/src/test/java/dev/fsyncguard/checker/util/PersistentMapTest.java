package dev.fsyncguard.checker.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PersistentMap} against {@link HashMap}, with keys that collide in part or in full. */
final class PersistentMapTest {
  /** A key whose hash is chosen, so tries get deep paths and full collisions. */
  private record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  private static Key key(Random random, int id) {
    int kind = random.nextInt(4);
    int hash =
        switch (kind) {
          case 0 -> id * 0x9E3779B9;
          case 1 -> id & 0x7; // low bits only: shares long prefixes
          case 2 -> 42; // full collision
          default -> id << 27; // differs only in the top bits
        };
    return new Key(id, hash);
  }

  private static Map<Key, Integer> toMap(PersistentMap<Key, Integer> map) {
    Map<Key, Integer> out = new HashMap<>();
    map.forEach(out::put);
    return out;
  }

  @Test
  void putGetRemoveMatchHashMap() {
    Random random = new Random(1);
    for (int round = 0; round < 50; round++) {
      PersistentMap<Key, Integer> map = PersistentMap.empty();
      Map<Key, Integer> expected = new HashMap<>();
      Key[] keys = new Key[200];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = key(random, i);
      }
      for (int step = 0; step < 400; step++) {
        Key k = keys[random.nextInt(keys.length)];
        if (random.nextInt(3) == 0) {
          map = map.remove(k);
          expected.remove(k);
        } else {
          int v = random.nextInt(5);
          map = map.put(k, v);
          expected.put(k, v);
        }
        assertEquals(expected.size(), map.size());
        assertEquals(expected.get(k), map.get(k));
      }
      assertEquals(expected, toMap(map));
      assertEquals(expected.hashCode(), map.hashCode());
      // The same contents built in another order are equal: the shape is canonical.
      PersistentMap<Key, Integer> rebuilt = PersistentMap.empty();
      for (Map.Entry<Key, Integer> e : expected.entrySet()) {
        rebuilt = rebuilt.put(e.getKey(), e.getValue());
      }
      assertEquals(map, rebuilt);
    }
  }

  @Test
  void unionAndIntersectionMatchHashMap() {
    Random random = new Random(2);
    for (int round = 0; round < 100; round++) {
      PersistentMap<Key, Integer> a = PersistentMap.empty();
      PersistentMap<Key, Integer> b = PersistentMap.empty();
      Map<Key, Integer> ma = new HashMap<>();
      Map<Key, Integer> mb = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        Key k = key(random, i);
        int which = random.nextInt(4);
        if (which != 1) {
          int v = random.nextInt(3);
          a = a.put(k, v);
          ma.put(k, v);
        }
        if (which != 0) {
          int v = which == 3 ? ma.getOrDefault(k, random.nextInt(3)) : random.nextInt(3);
          b = b.put(k, v);
          mb.put(k, v);
        }
      }
      Map<Key, Integer> union = new HashMap<>();
      ma.forEach((k, v) -> union.put(k, mb.containsKey(k) ? Math.max(v, mb.get(k)) : v + 10));
      mb.forEach((k, v) -> union.putIfAbsent(k, v + 20));
      assertEquals(
          union,
          toMap(a.union(b, Math::max, v -> v >= 10 ? v : v + 10, v -> v >= 10 ? v : v + 20)));

      Map<Key, Integer> intersection = new HashMap<>();
      ma.forEach(
          (k, v) -> {
            if (mb.containsKey(k) && !(v == 0 && mb.get(k) == 0)) {
              intersection.put(k, Math.max(v, mb.get(k)));
            }
          });
      assertEquals(
          intersection,
          toMap(a.intersection(b, (x, y) -> x == 0 && y == 0 ? null : Math.max(x, y))));
    }
  }

  @Test
  void sharedVersionsStayShared() {
    PersistentMap<Key, Integer> base = PersistentMap.empty();
    for (int i = 0; i < 1000; i++) {
      base = base.put(new Key(i, i * 31), i);
    }
    PersistentMap<Key, Integer> same = base;
    assertTrue(same == base.put(new Key(5, 5 * 31), 5), "put of an equal value keeps the map");
    assertTrue(same == base.remove(new Key(5000, 7)), "remove of an absent key keeps the map");
    assertTrue(same == base.union(base, Math::max, null, null), "union with itself is itself");
    PersistentMap<Key, Integer> changed = base.put(new Key(3, 93), 99);
    assertFalse(base.equals(changed));
    assertTrue(changed == base.union(changed, Math::max, null, null), "the larger side is reused");
    assertTrue(base.equals(changed.put(new Key(3, 93), 3)));
  }
}
