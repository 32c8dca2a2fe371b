package dev.fsyncguard.checker.dataflow;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.ForceNames;
import dev.fsyncguard.checker.api.Operand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * What methods do to the files given to them, from their annotations ({@code @Fsyncs},
 * {@code @RenameSource}/{@code @RenameTarget}) or, for methods compiled in the same javac run, from
 * their bodies. Computed on demand, cached, cut off at recursion and beyond a fixed depth.
 */
final class Summaries {
  static final String FSYNCS = "dev.fsyncguard.annotations.Fsyncs";
  static final String RENAME_SOURCE = "dev.fsyncguard.annotations.RenameSource";
  static final String RENAME_TARGET = "dev.fsyncguard.annotations.RenameTarget";

  /** Helpers of helpers of helpers: deeper chains are rare, and each level costs a dataflow run. */
  static final int MAX_DEPTH = 3;

  private final VisitorState state;
  private final Context context;
  private final ApiTable table;
  private final FileTypes types;
  private final InlineBodies inlineBodies;
  private final ExitActions exitActions;
  private final DerivedNames derivedNames;
  private final FsyncTransfer transfer;
  private final Map<MethodSymbol, Optional<ImmutableList<Action>>> bodies = new HashMap<>();
  private final Set<MethodSymbol> inProgress = new HashSet<>();
  private final RenameReach renameReach;
  private final OwnFileFields ownFileFields;

  /** Summarised methods that replace their target parameter in two steps on some path. */
  private final Set<MethodSymbol> twoStepReplaces = new HashSet<>();

  /** Asked at every call the table does not describe, so kept. */
  private final Map<MethodSymbol, Optional<ImmutableList<Action>>> annotated = new HashMap<>();

  /**
   * Summaries made by running {@link FsyncTransfer} in summary mode over callees' bodies; that
   * transfer asks these summaries in turn about the calls it meets, so they build it themselves.
   */
  Summaries(
      VisitorState state,
      Context context,
      ApiTable table,
      FileTypes types,
      ForceNames forceNames,
      InlineBodies inlineBodies,
      boolean strict) {
    this.state = state;
    this.context = context;
    this.table = table;
    this.types = types;
    this.inlineBodies = inlineBodies;
    this.exitActions = new ExitActions(types, strict);
    this.ownFileFields = new OwnFileFields(types, this::declarationOf);
    this.renameReach = new RenameReach(table, this);
    this.derivedNames = new DerivedNames(this);
    this.transfer =
        new FsyncTransfer(
            FsyncTransfer.Mode.SUMMARY, state, table, types, forceNames, this, inlineBodies, null);
  }

  /** The files that getters and name helpers of this compilation return. */
  DerivedNames derivedNames() {
    return derivedNames;
  }

  /**
   * The force {@code call} performs, or null: a force or directory force of the table, or of the
   * callee's annotations, summary or the build's flags.
   */
  Action forceOf(ExpressionTree call) {
    Symbol callee = ASTHelpers.getSymbol(call);
    Action listed = table.force(call, callee);
    if (listed != null || !(callee instanceof MethodSymbol method)) {
      return listed;
    }
    ImmutableList<Action> actions = actionsOf(method);
    if (actions != null) {
      for (Action action : actions) {
        if (action.effect() == Effect.FORCE || action.effect() == Effect.FORCE_FAILURE_LET_GO) {
          return action;
        }
      }
    }
    return null;
  }

  /** The effects of calling {@code method}: annotations win over the body. Null when unknown. */
  ImmutableList<Action> actionsOf(MethodSymbol method) {
    if (method == null) {
      return null;
    }
    ImmutableList<Action> annotated = annotatedActions(method);
    return annotated != null ? annotated : bodyActions(method);
  }

  /**
   * Whether a call to {@code method} can commit a file: it is annotated as a rename, or its source
   * (followed a few calls deep) contains a rename. Cheap: no dataflow; decides which calls the
   * checks analyse at all.
   */
  boolean mayRename(MethodSymbol method) {
    return renameReach.mayRename(method);
  }

  /** What the annotations on {@code method}'s parameters promise; null when there are none. */
  ImmutableList<Action> annotatedActions(MethodSymbol method) {
    return annotated
        .computeIfAbsent(method, m -> Optional.ofNullable(readAnnotations(m)))
        .orElse(null);
  }

  private ImmutableList<Action> readAnnotations(MethodSymbol method) {
    List<Action> actions = new ArrayList<>();
    int source = -1;
    int target = -1;
    List<Symbol.VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      Symbol parameter = parameters.get(i);
      if (ASTHelpers.hasAnnotation(parameter, FSYNCS, state)) {
        actions.add(Action.on(Effect.FORCE, i));
      }
      if (ASTHelpers.hasAnnotation(parameter, RENAME_SOURCE, state)) {
        source = i;
      }
      if (ASTHelpers.hasAnnotation(parameter, RENAME_TARGET, state)) {
        target = i;
      }
    }
    if (source >= 0 && target >= 0) {
      actions.add(Action.rename(source, target));
    }
    return actions.isEmpty() ? null : ImmutableList.copyOf(actions);
  }

  /** What {@code method}'s body does on normal return; null when its source is not at hand. */
  ImmutableList<Action> bodyActions(MethodSymbol method) {
    Optional<ImmutableList<Action>> cached = bodies.get(method);
    if (cached != null) {
      return cached.orElse(null);
    }
    if (inProgress.contains(method) || inProgress.size() >= MAX_DEPTH) {
      return null;
    }
    inProgress.add(method);
    try {
      ImmutableList<Action> actions = summarise(method);
      bodies.put(method, Optional.ofNullable(actions));
      return actions;
    } finally {
      inProgress.remove(method);
    }
  }

  private ImmutableList<Action> summarise(MethodSymbol method) {
    List<Symbol.VarSymbol> fields = ownFileFields(method);
    if (fields.isEmpty()
        && method.getParameters().stream()
            .noneMatch(p -> types.isName(p.asType()) || types.isHandle(p.asType()))) {
      return ImmutableList.of(); // no file goes in, so none is written, forced or renamed
    }
    Declaration declaration = declaration(method);
    if (declaration == null || declaration.method().getBody() == null) {
      return null;
    }
    MethodTree tree = declaration.method();
    ControlFlowGraph cfg =
        CFGBuilder.build(
            declaration.unit(),
            new UnderlyingAST.CFGMethod(tree, declaration.owner()),
            false,
            false,
            JavacProcessingEnvironment.instance(context));
    ForwardAnalysisImpl<FileValue, FileStore, FsyncTransfer> flow =
        new ForwardAnalysisImpl<>(transfer);
    CompilationUnitTree caller = inlineBodies.enter(declaration.unit());
    try {
      flow.performAnalysis(cfg);
    } finally {
      inlineBodies.enter(caller);
    }

    List<FileKey> parameters = new ArrayList<>();
    for (var parameter : tree.getParameters()) {
      parameters.add(new FileKey(ASTHelpers.getSymbol(parameter)));
    }
    List<FileKey> fieldKeys = new ArrayList<>();
    for (Symbol.VarSymbol field : fields) {
      fieldKeys.add(new FileKey(field));
    }
    // A parameter the method renames is committed by the method: what it does to the file before
    // the rename is judged at that rename, and anything after it (such as truncating the old name
    // after a copy fallback) happens to a file the caller no longer commits.
    List<Action> renames = new ArrayList<>();
    Set<Integer> renamed = new HashSet<>();
    Set<Symbol> renamedFields = new HashSet<>();
    for (Node node : cfg.getAllNodes()) {
      FileValue value = flow.getValue(node);
      if (value == null || value.rename() == null) {
        continue;
      }
      if (parameters.contains(value.rename().source())
          && parameters.contains(value.file())
          && HelperShapes.replacesInTwoSteps(node, value.rename(), state)) {
        twoStepReplaces.add(method);
      }
      if (value.rename().copy()) {
        continue;
      }
      int source = parameters.indexOf(value.rename().source());
      int sourceField = fieldKeys.indexOf(value.rename().source());
      int target = parameters.indexOf(value.file());
      int targetField = fieldKeys.indexOf(value.file());
      Action rename;
      if (source >= 0 && target >= 0 && renamed.add(source)) {
        rename = Action.rename(source, target);
      } else if (source < 0 && sourceField >= 0 && renamedFields.add(fields.get(sourceField))) {
        // A temp the object keeps in a field: whoever wrote it through this object is judged here.
        rename =
            Action.rename(
                Operand.ownField(fields.get(sourceField)),
                target >= 0
                    ? Operand.argument(target)
                    : targetField >= 0
                        ? Operand.ownField(fields.get(targetField))
                        : Operand.UNSEEN);
      } else {
        continue;
      }
      FileState renamedState = value.rename().state();
      if (renamedState.isWritten() && !renamedState.isDirty()) {
        renames.add(ExitActions.on(Effect.WRITE, rename.operand()));
      }
      if (exitActions.isForced(renamedState)) {
        renames.add(ExitActions.on(Effect.FORCE, rename.operand()));
      } else if (renamedState.isForcedOnSomePath()) {
        renames.add(ExitActions.on(Effect.FORCE_ON_SOME_PATHS, rename.operand()));
      }
      renames.add(rename);
    }
    List<Action> actions = new ArrayList<>();
    FileStore exit = flow.getRegularExitStore();
    boolean returnsNothing = method.getReturnType().getKind() == TypeKind.VOID;
    if (exit != null) {
      for (int i = 0; i < parameters.size(); i++) {
        if (!renamed.contains(i)) {
          exitActions.forFile(
              actions,
              exit.state(parameters.get(i)),
              Operand.argument(i),
              returnsNothing || HelperShapes.reportsForceByResult(cfg, flow, parameters.get(i)));
        }
      }
      List<Action> drains = new ArrayList<>();
      List<Action> fieldActions = new ArrayList<>();
      for (Symbol.VarSymbol field : fields) {
        if (!renamedFields.contains(field)) {
          exitActions.forField(
              drains, fieldActions, exit, field, parameters, fields, returnsNothing);
        }
      }
      // The order of effects on different fields is lost: draining a writer first never makes a
      // force through its stream look as if it came too early.
      actions.addAll(drains);
      actions.addAll(fieldActions);
      List<FileKey> known = new ArrayList<>(parameters);
      known.addAll(fieldKeys);
      if (exit.forcesBeyond(known)) {
        // fsyncParent(target), forceAfterRename(directoryHandle, target): for the caller, a force
        // of a directory it cannot name, as an untouched file's force in its own code would be.
        actions.add(Action.on(Effect.FORCE_DIRECTORY, Operand.UNSEEN));
      }
    }
    actions.addAll(renames);
    return ImmutableList.copyOf(actions);
  }

  /**
   * Whether {@code method}'s body, on some path, replaces its target parameter with its source in
   * two steps ({@link HelperShapes#replacesInTwoSteps}): its callers' saves are then not atomic.
   */
  boolean replacesInTwoSteps(MethodSymbol method) {
    return bodyActions(method) != null && twoStepReplaces.contains(method);
  }

  /** The fields of {@code method}'s own object that name or hold a file and that its body uses. */
  List<Symbol.VarSymbol> ownFileFields(MethodSymbol method) {
    return ownFileFields.usedBy(method);
  }

  /**
   * The store a summarised method starts with: each file parameter dirty as far as it knows, so
   * that it ends forced only if the method forces it on every normal path; its own fields likewise.
   */
  FileStore entryStore(UnderlyingAST underlyingAST, List<LocalVariableNode> parameters) {
    FileStore store = FileStore.EMPTY;
    for (LocalVariableNode parameter : parameters) {
      Element element = parameter.getElement();
      FileKey file = new FileKey(element);
      if (types.isHandle(element.asType())) {
        store = store.bind(element, FileValue.handle(file, false, false));
      } else if (!types.isName(element.asType())) {
        continue;
      }
      store = store.update(file, s -> FileState.given());
    }
    if (underlyingAST instanceof UnderlyingAST.CFGMethod method
        && ASTHelpers.getSymbol(method.getMethod()) != null) {
      store = withOwnFields(store, ASTHelpers.getSymbol(method.getMethod()));
    }
    return store;
  }

  /**
   * A summarised method's own fields on entry: names as its parameters are; streams as handles on
   * files it does not know, buffered unless their type never is ({@code FileOutputStream}, {@code
   * FileChannel}), so that what it drains, writes and forces through them can be told apart for the
   * caller, who knows what they are open on.
   */
  private FileStore withOwnFields(FileStore store, MethodSymbol method) {
    for (Symbol.VarSymbol field : ownFileFields(method)) {
      FileKey file = new FileKey(field);
      if (types.isHandle(field.asType())) {
        boolean buffered = !types.isUnbuffered(field.asType());
        store = store.bind(field, FileValue.handle(file, buffered, false));
        store = store.update(file, s -> buffered ? FileState.givenBuffered() : FileState.given());
      } else {
        store = store.update(file, s -> FileState.given());
      }
    }
    return store;
  }

  /** The declaration of {@code method} when its source is in this compilation, else null. */
  MethodTree declarationOf(MethodSymbol method) {
    Declaration declaration = declaration(method);
    return declaration == null ? null : declaration.method();
  }

  /** Where a method of this compilation is declared. */
  private record Declaration(CompilationUnitTree unit, ClassTree owner, MethodTree method) {}

  /**
   * The declaration of {@code method} when its source is in this compilation, else null. Looks only
   * at the members of its class: {@code JavacTrees.getPath} would search the whole file for every
   * callee, which costs more than the rest of the check on large files.
   */
  private Declaration declaration(MethodSymbol method) {
    Symbol.ClassSymbol owner = method.enclClass();
    Env<AttrContext> env = owner == null ? null : Enter.instance(context).getEnv(owner);
    if (env == null || !(env.tree instanceof JCClassDecl classTree) || env.toplevel == null) {
      return null;
    }
    for (JCTree member : classTree.getMembers()) {
      if (member instanceof JCMethodDecl declared && declared.sym == method) {
        return new Declaration(env.toplevel, classTree, declared);
      }
    }
    return null;
  }
}
