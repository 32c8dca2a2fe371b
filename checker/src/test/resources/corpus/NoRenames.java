package corpus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Plain generic code that never touches a file: the check must stay out of the way. */
public final class NoRenames {
  private NoRenames() {}

  public static <K, V extends Comparable<? super V>> Map<K, V> maxBy(
      Iterable<? extends Map.Entry<K, V>> entries) {
    Map<K, V> out = new HashMap<>();
    for (Map.Entry<K, V> e : entries) {
      out.merge(e.getKey(), e.getValue(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    return out;
  }

  public static <T, R> List<R> mapAll(List<? extends T> xs, Function<? super T, ? extends R> f) {
    List<R> out = new ArrayList<>(xs.size());
    for (T x : xs) {
      out.add(f.apply(x));
    }
    return Collections.unmodifiableList(out);
  }

  public static <T> T fold(List<T> xs, T zero, BinaryOperator<T> op) {
    T acc = zero;
    Iterator<T> it = xs.iterator();
    while (it.hasNext()) {
      acc = op.apply(acc, it.next());
    }
    return acc;
  }

  public static final class Tree<T extends Comparable<T>> implements Iterable<T> {
    private Node<T> root;
    private int size;

    private static final class Node<T> {
      final T value;
      Node<T> left;
      Node<T> right;

      Node(T value) {
        this.value = value;
      }
    }

    public boolean add(T v) {
      if (root == null) {
        root = new Node<>(v);
        size++;
        return true;
      }
      Node<T> n = root;
      while (true) {
        int c = v.compareTo(n.value);
        if (c == 0) {
          return false;
        }
        Node<T> next = c < 0 ? n.left : n.right;
        if (next == null) {
          if (c < 0) {
            n.left = new Node<>(v);
          } else {
            n.right = new Node<>(v);
          }
          size++;
          return true;
        }
        n = next;
      }
    }

    public int size() {
      return size;
    }

    @Override
    public Iterator<T> iterator() {
      Deque<Node<T>> stack = new ArrayDeque<>();
      for (Node<T> n = root; n != null; n = n.left) {
        stack.push(n);
      }
      return new Iterator<T>() {
        @Override
        public boolean hasNext() {
          return !stack.isEmpty();
        }

        @Override
        public T next() {
          Node<T> n = stack.pop();
          for (Node<T> m = n.right; m != null; m = m.left) {
            stack.push(m);
          }
          return n.value;
        }
      };
    }
  }

  public static int bits(long x) {
    int n = 0;
    for (; x != 0; x &= x - 1) {
      n++;
    }
    return n;
  }

  public static String classify(Object o) {
    return switch (o.getClass().getSimpleName()) {
      case "Integer", "Long", "Short" -> "integral";
      case "Double", "Float" -> "floating";
      default -> o instanceof CharSequence cs && cs.length() > 0 ? "text" : "other";
    };
  }

  @SuppressWarnings("unchecked")
  public static <T> T[] grow(T[] a) {
    T[] b = (T[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), a.length * 2 + 1);
    System.arraycopy(a, 0, b, 0, a.length);
    return b;
  }

  public static int sumTernaries(int[] xs) {
    int s = 0;
    for (int x : xs) {
      s += x > 0 ? x : x < -10 ? -x : 0;
    }
    return s;
  }
}
