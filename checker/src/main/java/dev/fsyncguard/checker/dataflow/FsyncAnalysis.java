package dev.fsyncguard.checker.dataflow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.ForceNames;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.api.MethodName;
import dev.fsyncguard.checker.api.Operand;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.PerOptions;
import dev.fsyncguard.checker.util.Trees;
import javax.lang.model.type.TypeMirror;

/**
 * The analysis of one compilation with one set of options: builds its parts once, each given what
 * it uses through its constructor, and answers the protocol's questions about calls and program
 * points. Nothing holds it; the protocol looks it up in the compiler's context for each question.
 */
public final class FsyncAnalysis {
  private static final PerOptions<FsyncOptions, FsyncAnalysis> ANALYSES =
      new PerOptions<>(FsyncAnalysis::new);

  private final VisitorState state;
  private final FsyncOptions options;
  private final ApiTable table;
  private final FileTypes types;
  private final ForceNames forceNames = new ForceNames();
  private final Summaries summaries;
  private final SegmentedDataflow methods;
  private final KeptFiles kept;

  private FsyncAnalysis(Context context, FsyncOptions options) {
    this.state = VisitorState.createForUtilityPurposes(context);
    this.options = options;
    this.table = new ApiTable(options, state);
    this.types = new FileTypes(state);
    SegmentGraphs graphs = new SegmentGraphs(context);
    this.kept = new KeptFiles(state, table, types);
    InlineBodies inlineBodies = new InlineBodies(table, graphs, state);
    this.summaries =
        new Summaries(state, context, table, types, forceNames, inlineBodies, options.strict());
    FsyncTransfer check =
        new FsyncTransfer(
            FsyncTransfer.Mode.CHECK,
            state,
            table,
            types,
            forceNames,
            summaries,
            inlineBodies,
            kept);
    this.methods = new SegmentedDataflow(check, inlineBodies, graphs, context);
  }

  /** The analysis of this compilation, with {@code options}. */
  public static FsyncAnalysis instance(VisitorState state, FsyncOptions options) {
    return ANALYSES.get(state.context, options);
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

  /** The copy the table says {@code call}, a call of {@code callee}, may perform; else null. */
  public Action tableCopy(ExpressionTree call, Symbol callee) {
    return table.copy(call, callee);
  }

  /**
   * The rename {@code call} performs (source and target operands), or null when it is not a rename:
   * the table's renames, methods annotated or summarised as renames.
   */
  public Action renameOf(MethodInvocationTree call) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    Action listed = table.rename(call, symbol);
    if (listed != null) {
      return listed;
    }
    if (symbol instanceof MethodSymbol callee && summaries.mayRename(callee)) {
      ImmutableList<Action> actions = summaries.actionsOf(callee);
      if (actions != null) {
        for (Action action : actions) {
          if (action.effect() == Effect.RENAME) {
            return action;
          }
        }
      }
    }
    return null;
  }

  /**
   * Whether {@code call} commits through a helper of this compilation that, on some path, replaces
   * its target in two steps (deletes it first, or falls back to a move without {@code
   * ATOMIC_MOVE}). The table's renames are judged as their libraries document them. Never throws.
   */
  public boolean replacesInTwoSteps(MethodInvocationTree call) {
    Boolean twoSteps =
        NeverThrow.orNull(
            () -> {
              Symbol symbol = ASTHelpers.getSymbol(call);
              return table.rename(call, symbol) == null
                  && symbol instanceof MethodSymbol callee
                  && summaries.annotatedActions(callee) == null
                  && summaries.replacesInTwoSteps(callee);
            });
    return Boolean.TRUE.equals(twoSteps);
  }

  /** The value of the expression at {@code path}, or null when it is not in analysable code. */
  public FileValue valueAt(TreePath path) {
    return methods.valueAt(path);
  }

  /**
   * The file the expression at {@code path} names or is open on, as the dataflow knows it; null
   * when it knows none. Never throws.
   */
  public FileKey fileAt(TreePath path) {
    return NeverThrow.orNull(
        () -> {
          FileValue value = methods.valueAt(path);
          return value == null ? null : value.file();
        });
  }

  /**
   * The store at the regular exit of the method or lambda whose code holds {@code path}; null in an
   * initializer, and when it never returns normally.
   */
  public FileStore exitStoreAt(TreePath path) {
    return methods.exitStoreAt(path);
  }

  /**
   * When the code at {@code path} is a method of an object that keeps {@code file} open for writing
   * and another of its methods opens it: that constructor or method, so that a diagnostic can say
   * which methods the save spans. Else null. Never throws.
   */
  public MethodSymbol openerOf(TreePath path, FileKey file) {
    return NeverThrow.orNull(
        () -> {
          TreePath method = Trees.enclosingCode(path);
          if (file == null
              || method == null
              || !(method.getLeaf() instanceof MethodTree tree)
              || !(method.getParentPath().getLeaf() instanceof ClassTree owner)) {
            return null;
          }
          return kept.openerOf(owner, ASTHelpers.getSymbol(tree), file.id());
        });
  }

  /** What {@code method}'s name says it does: force, close, or neither. */
  public ForceNames.Intent intentOf(Symbol method) {
    return forceNames.of(method);
  }

  /** Whether a value of {@code type} names a file or is open on one. */
  public boolean isFileType(TypeMirror type) {
    return types.isHandle(type) || types.isName(type);
  }

  /** Whether {@code method}'s source is in this compilation, so that it has a summary. */
  public boolean isSummarised(MethodSymbol method) {
    return summaries.declarationOf(method) != null;
  }

  /**
   * The force {@code call} performs, or null: a force or directory force of the table, or of the
   * callee's annotations, summary or the build's flags. Never throws.
   */
  public Action forceOf(ExpressionTree call) {
    return NeverThrow.orNull(() -> summaries.forceOf(call));
  }

  /**
   * Whether a file passed as argument {@code argument} of {@code call} may be made durable by code
   * the analysis cannot follow: a constructor or method nothing models and whose summary says
   * nothing (it may keep the file for later), or the target of a rename (it then holds the source's
   * data). Never throws; true when unsure.
   */
  public boolean mayHandOn(ExpressionTree call, int argument) {
    Boolean handedOn =
        NeverThrow.orNull(
            () -> {
              Symbol callee = ASTHelpers.getSymbol(call);
              Action action = table.first(call, callee);
              if (action != null) {
                return (action.effect() == Effect.RENAME || action.effect() == Effect.COPY)
                    && action.target().equals(Operand.argument(argument));
              }
              ImmutableList<Action> actions =
                  callee instanceof MethodSymbol method ? summaries.actionsOf(method) : null;
              return actions == null || actions.isEmpty();
            });
    return handedOn == null || handedOn;
  }

  /**
   * The actions of {@code method}'s own body, ignoring its annotations; null when its source is not
   * in this compilation.
   */
  public ImmutableList<Action> bodyActions(MethodSymbol method) {
    return summaries.bodyActions(method);
  }
}
