package dev.fsyncguard.checker.util;

import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One {@code T} per compilation and per set of options, kept in javac's context, so that every
 * check with the same options shares it, and it goes when the compilation does.
 *
 * @param <O> the options
 * @param <T> what is kept
 */
public final class PerOptions<O, T> {
  private final Context.Key<List<Kept<O, T>>> key = new Context.Key<>();
  private final BiFunction<Context, O, T> create;

  private record Kept<O, T>(O options, T value) {}

  public PerOptions(BiFunction<Context, O, T> create) {
    this.create = create;
  }

  /** The {@code T} of this compilation for {@code options}, made on first use. */
  public T get(Context context, O options) {
    List<Kept<O, T>> kept = context.get(key);
    if (kept == null) {
      kept = new ArrayList<>(1);
      context.put(key, kept);
    }
    // Asked at every method call the compiler visits: a check passes the same options object each
    // time, so identity answers without hashing the option lists.
    for (Kept<O, T> one : kept) {
      if (one.options() == options || one.options().equals(options)) {
        return one.value();
      }
    }
    T value = create.apply(context, options);
    kept.add(new Kept<>(options, value));
    return value;
  }
}
