package dev.fsyncguard.checker.flow;

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import dev.fsyncguard.checker.flow.FileApis.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the analysis keeps for one compilation: the API table with the build's options, the
 * transfer functions, and the summaries of methods compiled in it.
 */
public final class FsyncAnalysis {
  private static final Context.Key<List<FsyncAnalysis>> KEY = new Context.Key<>();

  final VisitorState state;
  final FsyncOptions options;
  final ImmutableList<Rule> rules;
  final FsyncTransfer checkTransfer;
  final FsyncTransfer summaryTransfer;
  final Summaries summaries;
  final DerivedNames derivedNames;
  final SegmentedDataflow methods;
  final InlineBodies inlineBodies;
  final FileTypes types;
  final ForceNames forceNames = new ForceNames();

  /** The verdicts at each rename or copy site met: see {@link ReplaceProtocol}. */
  final Map<com.sun.source.tree.Tree, SiteVerdicts> siteVerdicts =
      new java.util.IdentityHashMap<>();

  /**
   * For each method name met, the table's rules that may match a call of it: a call is tried
   * against a few matchers, not the whole table.
   */
  private final Map<Name, Candidates> byName = new HashMap<>();

  private FsyncAnalysis(Context context, FsyncOptions options) {
    this.state = VisitorState.createForUtilityPurposes(context);
    this.options = options;
    this.rules = FileApis.rules(options);
    this.types = new FileTypes(state);
    this.summaries = new Summaries(this, context);
    this.derivedNames = new DerivedNames(summaries);
    this.checkTransfer = new FsyncTransfer(this, FsyncTransfer.Mode.CHECK);
    this.summaryTransfer = new FsyncTransfer(this, FsyncTransfer.Mode.SUMMARY);
    this.methods = new SegmentedDataflow(this, context);
    this.inlineBodies = new InlineBodies(this, methods.graphs());
  }

  /** The analysis of this compilation, with {@code options}. */
  public static FsyncAnalysis instance(VisitorState state, FsyncOptions options) {
    List<FsyncAnalysis> analyses = state.context.get(KEY);
    if (analyses == null) {
      analyses = new ArrayList<>(1);
      state.context.put(KEY, analyses);
    }
    // Called at every method call the compiler visits: a check passes the same options object
    // each time, so identity answers without hashing the option lists.
    for (FsyncAnalysis analysis : analyses) {
      if (analysis.options == options || analysis.options.equals(options)) {
        return analysis;
      }
    }
    FsyncAnalysis analysis = new FsyncAnalysis(state.context, options);
    analyses.add(analysis);
    return analysis;
  }

  public FsyncOptions options() {
    return options;
  }

  private boolean optionsChecked;

  /**
   * Flag entries naming a class that is on the class path but has no method of that name: a typo
   * that would silently turn the entry off. Returned once per compilation, then empty. A class that
   * is not on the class path is not an error: one build's flags serve modules that do not all see
   * it.
   */
  public ImmutableList<String> takeUnknownFlagMethods() {
    if (optionsChecked) {
      return ImmutableList.of();
    }
    optionsChecked = true;
    ImmutableList.Builder<String> unknown = ImmutableList.builder();
    for (MethodName method : Iterables.concat(options.fsyncMethods(), options.renameMethods())) {
      // Elements loads the class if nothing in the compilation has yet.
      Symbol type = JavacElements.instance(state.context).getTypeElement(method.className());
      if (type instanceof Symbol.ClassSymbol owner
          && owner.members().findFirst(state.getName(method.methodName())) == null
          && !inheritsMethod(owner, method.methodName())) {
        unknown.add(method.toString());
      }
    }
    return unknown.build();
  }

  private boolean inheritsMethod(Symbol.ClassSymbol owner, String name) {
    for (Type supertype : state.getTypes().closure(owner.type)) {
      if (supertype.tsym instanceof Symbol.ClassSymbol c
          && c.members().findFirst(state.getName(name)) != null) {
        return true;
      }
    }
    return false;
  }

  /** The rules of the table that may match a call of {@code callee}, in the table's order. */
  ImmutableList<Rule> rulesFor(Symbol callee) {
    return candidates(callee).all();
  }

  /** The rename the table says {@code call}, a call of {@code callee}, performs; else null. */
  Action tableRename(ExpressionTree call, Symbol callee) {
    // Called for every method call the compiler visits: most names have no rename rule at all.
    for (Rule rule : candidates(callee).renames()) {
      if (rule.matches(call, state)) {
        return rule.action();
      }
    }
    return null;
  }

  /** The copy the table says {@code call}, a call of {@code callee}, may perform; else null. */
  Action tableCopy(ExpressionTree call, Symbol callee) {
    for (Rule rule : candidates(callee).copies()) {
      if (rule.matches(call, state)) {
        return rule.action();
      }
    }
    return null;
  }

  /**
   * The force {@code call} performs, or null: a force or directory force of the table, or of the
   * callee's annotations, summary or the build's flags. Never throws.
   */
  /** Whether {@code method}'s source is in this compilation, so that it has a summary. */
  boolean isSummarised(MethodSymbol method) {
    return summaries.declarationOf(method) != null;
  }

  public Action forceOf(ExpressionTree call) {
    return RenameSites.orNull(
        () -> {
          Symbol callee = com.google.errorprone.util.ASTHelpers.getSymbol(call);
          for (Rule rule : candidates(callee).all()) {
            Effect effect = rule.action().effect();
            if ((effect == Effect.FORCE || effect == Effect.FORCE_DIRECTORY)
                && rule.matches(call, state)) {
              return rule.action();
            }
          }
          if (callee instanceof MethodSymbol method) {
            ImmutableList<Action> actions = calleeActions(method);
            if (actions != null) {
              for (Action action : actions) {
                if (action.effect() == Effect.FORCE
                    || action.effect() == Effect.FORCE_FAILURE_LET_GO) {
                  return action;
                }
              }
            }
          }
          return null;
        });
  }

  /**
   * Whether a file passed as argument {@code argument} of {@code call} may be made durable by code
   * the analysis cannot follow: a constructor or method nothing models and whose summary says
   * nothing (it may keep the file for later), or the target of a rename (it then holds the source's
   * data). Never throws; true when unsure.
   */
  public boolean mayHandOn(ExpressionTree call, int argument) {
    Boolean handedOn =
        RenameSites.orNull(
            () -> {
              Symbol callee = com.google.errorprone.util.ASTHelpers.getSymbol(call);
              for (Rule rule : candidates(callee).all()) {
                if (rule.matches(call, state)) {
                  Action action = rule.action();
                  return (action.effect() == Effect.RENAME || action.effect() == Effect.COPY)
                      && action.target().equals(Operand.argument(argument));
                }
              }
              ImmutableList<Action> actions =
                  callee instanceof MethodSymbol method ? calleeActions(method) : null;
              return actions == null || actions.isEmpty();
            });
    return handedOn == null || handedOn;
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

  /**
   * The effects of a call no rule describes, from annotations or the callee's body; null if
   * unknown.
   */
  ImmutableList<Action> calleeActions(MethodSymbol callee) {
    return summaries.actionsOf(callee);
  }

  /**
   * The actions of {@code method}'s own body, ignoring its annotations; null when its source is not
   * in this compilation.
   */
  public ImmutableList<Action> bodyActions(MethodSymbol method) {
    return summaries.bodyActions(method);
  }
}
