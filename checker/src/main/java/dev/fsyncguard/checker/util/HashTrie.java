package dev.fsyncguard.checker.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The hash trie under {@link PersistentMap}: a subtree ("slot") is null, an {@link Entry}, a {@link
 * Node} of 32 children, or a {@link Collision}, always in the canonical shape for its keys, and
 * every operation returns the very slot it was given when nothing changed, which is what lets
 * merges and equality skip shared subtrees.
 */
final class HashTrie {
  static final int BITS = 5;
  static final int MASK = (1 << BITS) - 1;

  /** Beyond this shift every hash bit is used up: equal hashes share a {@link Collision}. */
  static final int MAX_SHIFT = 30;

  private HashTrie() {}

  static final class Entry {
    final Object key;
    final Object value;
    final int keyHash;

    /** Every node built over this entry sums it: computed once, values are immutable. */
    private final int hash;

    Entry(Object key, Object value) {
      this.key = key;
      this.value = value;
      this.keyHash = Objects.hashCode(key);
      this.hash = keyHash ^ Objects.hashCode(value);
    }

    int hash() {
      return hash;
    }
  }

  static final class Node {
    final int bitmap;
    final Object[] slots;
    final int size;
    final int hash;

    Node(int bitmap, Object[] slots) {
      this.bitmap = bitmap;
      this.slots = slots;
      int s = 0;
      int h = 0;
      for (Object slot : slots) {
        s += size(slot);
        h += hash(slot);
      }
      this.size = s;
      this.hash = h;
    }

    Object child(int index) {
      int bit = 1 << index;
      return (bitmap & bit) == 0 ? null : slots[Integer.bitCount(bitmap & (bit - 1))];
    }
  }

  /** Entries whose keys hash alike in all 32 bits. */
  static final class Collision {
    final Entry[] entries;
    final int hash;

    Collision(List<Entry> entries) {
      this.entries = entries.toArray(new Entry[0]);
      int h = 0;
      for (Entry e : this.entries) {
        h += e.hash();
      }
      this.hash = h;
    }
  }

  private static int index(int hash, int shift) {
    return (hash >>> shift) & MASK;
  }

  static int size(Object slot) {
    if (slot == null) {
      return 0;
    }
    if (slot instanceof Entry) {
      return 1;
    }
    return slot instanceof Node node ? node.size : ((Collision) slot).entries.length;
  }

  static int hash(Object slot) {
    if (slot == null) {
      return 0;
    }
    if (slot instanceof Entry entry) {
      return entry.hash();
    }
    return slot instanceof Node node ? node.hash : ((Collision) slot).hash;
  }

  static Object get(Object slot, Object key, int keyHash, int shift) {
    while (slot != null) {
      if (slot instanceof Entry entry) {
        return entry.keyHash == keyHash && Objects.equals(entry.key, key) ? entry.value : null;
      }
      if (slot instanceof Collision collision) {
        for (Entry entry : collision.entries) {
          if (Objects.equals(entry.key, key)) {
            return entry.value;
          }
        }
        return null;
      }
      slot = ((Node) slot).child(index(keyHash, shift));
      shift += BITS;
    }
    return null;
  }

  static Object put(Object slot, Entry entry, int shift) {
    if (slot == null) {
      return entry;
    }
    if (slot instanceof Entry existing) {
      if (existing.keyHash == entry.keyHash && Objects.equals(existing.key, entry.key)) {
        return Objects.equals(existing.value, entry.value) ? existing : entry;
      }
      return pair(existing, entry, shift);
    }
    if (slot instanceof Collision collision) {
      List<Entry> entries = new ArrayList<>();
      boolean replaced = false;
      for (Entry e : collision.entries) {
        if (Objects.equals(e.key, entry.key)) {
          if (Objects.equals(e.value, entry.value)) {
            return collision;
          }
          entries.add(entry);
          replaced = true;
        } else {
          entries.add(e);
        }
      }
      if (!replaced) {
        entries.add(entry);
      }
      return new Collision(entries);
    }
    Node node = (Node) slot;
    int index = index(entry.keyHash, shift);
    Object child = node.child(index);
    Object updated = put(child, entry, shift + BITS);
    return updated == child ? node : withChild(node, index, updated);
  }

  static Object remove(Object slot, Object key, int keyHash, int shift) {
    if (slot == null) {
      return null;
    }
    if (slot instanceof Entry entry) {
      return entry.keyHash == keyHash && Objects.equals(entry.key, key) ? null : entry;
    }
    if (slot instanceof Collision collision) {
      List<Entry> entries = new ArrayList<>();
      for (Entry e : collision.entries) {
        if (!Objects.equals(e.key, key)) {
          entries.add(e);
        }
      }
      return entries.size() == collision.entries.length ? collision : leaves(entries);
    }
    Node node = (Node) slot;
    int index = index(keyHash, shift);
    Object child = node.child(index);
    Object updated = remove(child, key, keyHash, shift + BITS);
    return updated == child ? node : withChild(node, index, updated);
  }

  /** The canonical subtree of two entries with different keys. */
  private static Object pair(Entry a, Entry b, int shift) {
    if (shift > MAX_SHIFT) {
      return new Collision(List.of(a, b));
    }
    int ia = index(a.keyHash, shift);
    int ib = index(b.keyHash, shift);
    if (ia == ib) {
      return new Node(1 << ia, new Object[] {pair(a, b, shift + BITS)});
    }
    return ia < ib
        ? new Node((1 << ia) | (1 << ib), new Object[] {a, b})
        : new Node((1 << ia) | (1 << ib), new Object[] {b, a});
  }

  static Object leaves(List<Entry> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    return entries.size() == 1 ? entries.get(0) : new Collision(entries);
  }

  /** {@code node} with the child at {@code index} replaced, in canonical form. */
  private static Object withChild(Node node, int index, Object child) {
    Object[] children = new Object[32];
    for (int bits = node.bitmap, j = 0; bits != 0; bits &= bits - 1, j++) {
      children[Integer.numberOfTrailingZeros(bits)] = node.slots[j];
    }
    children[index] = child;
    return node(children);
  }

  /** The canonical subtree of these children: nothing, one entry, or a node. */
  static Object node(Object[] children) {
    int bitmap = 0;
    int count = 0;
    int total = 0;
    Object only = null;
    for (int i = 0; i < 32; i++) {
      if (children[i] != null) {
        bitmap |= 1 << i;
        count++;
        total += size(children[i]);
        only = children[i];
      }
    }
    if (count == 0) {
      return null;
    }
    if (total == 1) {
      return only; // a subtree of one entry is that entry
    }
    Object[] slots = new Object[count];
    int j = 0;
    for (int i = 0; i < 32; i++) {
      if (children[i] != null) {
        slots[j++] = children[i];
      }
    }
    return new Node(bitmap, slots);
  }

  static List<Entry> entries(Object slot) {
    List<Entry> out = new ArrayList<>();
    collect(slot, out);
    return out;
  }

  private static void collect(Object slot, List<Entry> out) {
    if (slot instanceof Entry entry) {
      out.add(entry);
    } else if (slot instanceof Collision collision) {
      out.addAll(Arrays.asList(collision.entries));
    } else if (slot instanceof Node node) {
      for (Object child : node.slots) {
        collect(child, out);
      }
    }
  }

  static void forEach(Object slot, BiConsumer<Object, Object> action) {
    if (slot == null) {
      return;
    }
    if (slot instanceof Entry entry) {
      action.accept(entry.key, entry.value);
    } else if (slot instanceof Collision collision) {
      for (Entry e : collision.entries) {
        action.accept(e.key, e.value);
      }
    } else {
      for (Object child : ((Node) slot).slots) {
        forEach(child, action);
      }
    }
  }

  static boolean slotEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || size(a) != size(b) || hash(a) != hash(b)) {
      return false;
    }
    if (a instanceof Entry x && b instanceof Entry y) {
      return Objects.equals(x.key, y.key) && Objects.equals(x.value, y.value);
    }
    if (a instanceof Node x && b instanceof Node y) {
      if (x.bitmap != y.bitmap) {
        return false;
      }
      for (int i = 0; i < x.slots.length; i++) {
        if (!slotEquals(x.slots[i], y.slots[i])) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Collision x && b instanceof Collision y) {
      for (Entry e : x.entries) {
        if (!Objects.equals(get(y, e.key, e.keyHash, MAX_SHIFT + BITS), e.value)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
