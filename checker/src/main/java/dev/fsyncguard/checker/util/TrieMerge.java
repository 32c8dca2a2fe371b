package dev.fsyncguard.checker.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Merging two {@link HashTrie} subtrees key by key, and mapping one: every subtree the two share,
 * or that the function leaves unchanged, is returned as it was, so a merge costs what the two
 * differ by. {@link PersistentMap}'s union and intersection.
 */
final class TrieMerge {
  private TrieMerge() {}

  @SuppressWarnings("unchecked")
  static <V> Object merge(
      Object x,
      Object y,
      int shift,
      boolean union,
      BinaryOperator<V> both,
      UnaryOperator<V> onlyX,
      UnaryOperator<V> onlyY) {
    if (x == y) {
      return x; // shared: the values are the same, and both() of a value with itself is itself
    }
    if (x == null || y == null) {
      return !union ? null : x == null ? mapOne(y, onlyY) : mapOne(x, onlyX);
    }
    if (x instanceof HashTrie.Node a && y instanceof HashTrie.Node b) {
      Object[] children = new Object[32];
      boolean sameAsA = true;
      boolean sameAsB = true;
      for (int bits = a.bitmap | b.bitmap; bits != 0; bits &= bits - 1) {
        int i = Integer.numberOfTrailingZeros(bits);
        Object ca = a.child(i);
        Object cb = b.child(i);
        Object merged = merge(ca, cb, shift + HashTrie.BITS, union, both, onlyX, onlyY);
        children[i] = merged;
        sameAsA &= merged == ca;
        sameAsB &= merged == cb;
      }
      return sameAsA ? a : sameAsB ? b : HashTrie.node(children);
    }
    if (x instanceof HashTrie.Node || y instanceof HashTrie.Node) {
      // One side is a single entry (collisions never meet nodes): fold it into the other side.
      boolean entryIsX = y instanceof HashTrie.Node;
      HashTrie.Entry entry = (HashTrie.Entry) (entryIsX ? x : y);
      Object tree = entryIsX ? y : x;
      UnaryOperator<V> onlyEntry = entryIsX ? onlyX : onlyY;
      UnaryOperator<V> onlyTree = entryIsX ? onlyY : onlyX;
      Object found = HashTrie.get(tree, entry.key, entry.keyHash, shift);
      if (found == null) {
        if (!union) {
          return null;
        }
        Object mappedTree = mapOne(tree, onlyTree);
        Object mappedEntry = mapOne(entry, onlyEntry);
        return mappedEntry == null
            ? mappedTree
            : HashTrie.put(mappedTree, (HashTrie.Entry) mappedEntry, shift);
      }
      V merged =
          entryIsX
              ? both.apply((V) entry.value, (V) found)
              : both.apply((V) found, (V) entry.value);
      if (!union) {
        return merged == null
            ? null
            : merged == entry.value ? entry : new HashTrie.Entry(entry.key, merged);
      }
      Object rest = mapOne(HashTrie.remove(tree, entry.key, entry.keyHash, shift), onlyTree);
      return merged == null
          ? rest
          : HashTrie.put(rest, new HashTrie.Entry(entry.key, merged), shift);
    }
    // Entries and collisions: merge as lists of entries.
    List<HashTrie.Entry> xs = HashTrie.entries(x);
    List<HashTrie.Entry> ys = HashTrie.entries(y);
    List<HashTrie.Entry> out = new ArrayList<>();
    for (HashTrie.Entry a : xs) {
      HashTrie.Entry match = null;
      for (HashTrie.Entry b : ys) {
        if (a.keyHash == b.keyHash && Objects.equals(a.key, b.key)) {
          match = b;
        }
      }
      if (match != null) {
        V merged = both.apply((V) a.value, (V) match.value);
        if (merged != null) {
          out.add(
              merged == a.value
                  ? a
                  : merged == match.value ? match : new HashTrie.Entry(a.key, merged));
        }
      } else if (union) {
        Object mapped = mapOne(a, onlyX);
        if (mapped != null) {
          out.add((HashTrie.Entry) mapped);
        }
      }
    }
    if (union) {
      for (HashTrie.Entry b : ys) {
        boolean inX = false;
        for (HashTrie.Entry a : xs) {
          inX |= a.keyHash == b.keyHash && Objects.equals(a.key, b.key);
        }
        if (!inX) {
          Object mapped = mapOne(b, onlyY);
          if (mapped != null) {
            out.add((HashTrie.Entry) mapped);
          }
        }
      }
    }
    Object result = null;
    for (HashTrie.Entry e : out) {
      result = HashTrie.put(result, e, shift);
    }
    return HashTrie.slotEquals(result, x) ? x : HashTrie.slotEquals(result, y) ? y : result;
  }

  /** Applies {@code one} to every value of a subtree, keeping every part it leaves unchanged. */
  @SuppressWarnings("unchecked")
  private static <V> Object mapOne(Object slot, UnaryOperator<V> one) {
    if (slot == null || one == null) {
      return slot;
    }
    if (slot instanceof HashTrie.Entry entry) {
      V mapped = one.apply((V) entry.value);
      return mapped == null
          ? null
          : mapped == entry.value ? entry : new HashTrie.Entry(entry.key, mapped);
    }
    if (slot instanceof HashTrie.Collision collision) {
      List<HashTrie.Entry> entries = new ArrayList<>();
      boolean same = true;
      for (HashTrie.Entry e : collision.entries) {
        Object mapped = mapOne(e, one);
        same &= mapped == e;
        if (mapped != null) {
          entries.add((HashTrie.Entry) mapped);
        }
      }
      return same ? collision : HashTrie.leaves(entries);
    }
    HashTrie.Node node = (HashTrie.Node) slot;
    Object[] children = new Object[32];
    boolean same = true;
    for (int i = 0; i < 32; i++) {
      Object child = node.child(i);
      Object mapped = mapOne(child, one);
      children[i] = mapped;
      same &= mapped == child;
    }
    return same ? node : HashTrie.node(children);
  }
}
