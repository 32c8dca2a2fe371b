package dev.fsyncguard.checker.api;

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.util.Name;
import dev.fsyncguard.checker.api.FileApis.Rule;
import java.util.HashMap;
import java.util.Map;

/**
 * The table of {@link FileApis} with the build's options, looked up by method name: a call is tried
 * against the few rules that may match its name, not the whole table. One per compilation.
 */
public final class ApiTable {
  private final VisitorState state;
  private final ImmutableList<Rule> rules;

  /** For each method name met, the rules that may match a call of it. */
  private final Map<Name, Candidates> byName = new HashMap<>();

  public ApiTable(FsyncOptions options, VisitorState state) {
    this.state = state;
    this.rules = FileApis.rules(options);
  }

  /** Every rule, in the order they are tried. */
  ImmutableList<Rule> rules() {
    return rules;
  }

  /** The rules that may match a call of {@code callee}, in the table's order. */
  public ImmutableList<Rule> rulesFor(Symbol callee) {
    return candidates(callee).all();
  }

  /**
   * The action of the first rule that matches {@code call}, a call of {@code callee}; else null.
   */
  public Action first(ExpressionTree call, Symbol callee) {
    return firstMatching(candidates(callee).all(), call);
  }

  /** The rename the table says {@code call}, a call of {@code callee}, performs; else null. */
  public Action rename(ExpressionTree call, Symbol callee) {
    // Asked at every method call the compiler visits: most names have no rename rule at all.
    return firstMatching(candidates(callee).renames(), call);
  }

  /** The copy the table says {@code call}, a call of {@code callee}, may perform; else null. */
  public Action copy(ExpressionTree call, Symbol callee) {
    return firstMatching(candidates(callee).copies(), call);
  }

  /** The force or directory force the table says {@code call} performs; else null. */
  public Action force(ExpressionTree call, Symbol callee) {
    for (Rule rule : candidates(callee).all()) {
      Effect effect = rule.action().effect();
      if ((effect == Effect.FORCE || effect == Effect.FORCE_DIRECTORY)
          && rule.matches(call, state)) {
        return rule.action();
      }
    }
    return null;
  }

  private Action firstMatching(ImmutableList<Rule> candidates, ExpressionTree call) {
    for (Rule rule : candidates) {
      if (rule.matches(call, state)) {
        return rule.action();
      }
    }
    return null;
  }

  private Candidates candidates(Symbol callee) {
    if (callee == null) {
      return Candidates.NONE;
    }
    return byName.computeIfAbsent(callee.getSimpleName(), this::candidates);
  }

  private Candidates candidates(Name name) {
    ImmutableList<Rule> all =
        rules.stream().filter(rule -> rule.mayMatch(name)).collect(toImmutableList());
    return new Candidates(all, withEffect(all, Effect.RENAME), withEffect(all, Effect.COPY));
  }

  private static ImmutableList<Rule> withEffect(ImmutableList<Rule> rules, Effect effect) {
    return rules.stream()
        .filter(rule -> rule.action().effect() == effect)
        .collect(toImmutableList());
  }

  private record Candidates(
      ImmutableList<Rule> all, ImmutableList<Rule> renames, ImmutableList<Rule> copies) {
    static final Candidates NONE =
        new Candidates(ImmutableList.of(), ImmutableList.of(), ImmutableList.of());
  }
}
