package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.Effect;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.Opening;
import dev.fsyncguard.checker.api.Operand;
import dev.fsyncguard.checker.dataflow.FileState.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Files an object opens for writing and keeps, so that its callers write them and another of its
 * methods commits them: a stream field set in a constructor or a {@code begin}-like method, the
 * stream a {@code FilterOutputStream} subclass hands its superclass, or a stream a method returns
 * for the caller to write and hand back. Each is tied to the object's {@code File} or {@code Path}
 * field naming the same file. A method of the object that renames that field starts with the file
 * written (by the callers, through the object) and the stream open on it, so the whole protocol,
 * spread over the object's methods, is judged where the object commits.
 */
final class KeptFiles {
  /** Subclasses of these keep the stream their constructor hands {@code super} in {@code out}. */
  private static final List<String> FILTERS =
      List.of("java.io.FilterOutputStream", "java.io.FilterWriter");

  /**
   * A file the object keeps open for writing.
   *
   * @param file the object's field naming the file
   * @param holder the field holding the stream on it; null when a method returns the stream
   * @param handleType the stream's type as the object declares it
   * @param buffered the stream keeps written bytes in a Java buffer
   * @param synchronous every write through it reaches the disk ({@code SYNC}/{@code DSYNC})
   * @param position where the stream is opened
   * @param openedIn the constructor or method that opens it
   */
  record Kept(
      VarSymbol file,
      Symbol holder,
      Type handleType,
      boolean buffered,
      boolean synchronous,
      int position,
      MethodSymbol openedIn) {}

  private final VisitorState state;
  private final ApiTable table;
  private final FileTypes types;
  private final Map<ClassTree, List<Kept>> byClass = new IdentityHashMap<>();
  private final Map<ClassTree, Set<Symbol>> calledInside = new IdentityHashMap<>();

  KeptFiles(VisitorState state, ApiTable table, FileTypes types) {
    this.state = state;
    this.table = table;
    this.types = types;
  }

  /** What {@code owner}'s methods open and keep. */
  List<Kept> of(ClassTree owner) {
    return byClass.computeIfAbsent(owner, this::compute);
  }

  /**
   * Where {@code method}, an instance method of {@code owner}, starts: each file the object keeps
   * is written as far as it knows (unflushed if its stream buffers), and its stream is bound to it:
   * the holding field, or a parameter of the returned stream's type. A method that opens the file
   * itself starts with nothing known about it, and so does one that another method of the object
   * calls: that caller, which sees the opening, the writes and the commit, is judged instead.
   */
  FileStore entry(MethodTree method, ClassTree owner) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null
        || symbol.isStatic()
        || symbol.isConstructor()
        || method.getBody() == null
        || of(owner).isEmpty()
        || calledInside(owner).contains(symbol)) {
      return FileStore.EMPTY;
    }
    FileStore store = FileStore.EMPTY;
    for (Kept kept : of(owner)) {
      if (kept.openedIn().equals(symbol)) {
        continue;
      }
      FileKey file = new FileKey(kept.file());
      FileValue handle = FileValue.handle(file, kept.buffered(), kept.synchronous());
      if (kept.holder() != null) {
        store = store.bind(kept.holder(), handle);
      } else {
        for (VariableTree parameter : method.getParameters()) {
          VarSymbol variable = ASTHelpers.getSymbol(parameter);
          if (variable != null
              && types.isHandle(variable.asType())
              && state.getTypes().isAssignable(kept.handleType(), variable.asType())) {
            store = store.bind(variable, handle);
          }
        }
      }
      FileState written =
          kept.synchronous()
              ? FileState.forced(kept.position(), true)
              : FileState.dirty(kept.buffered() ? Level.BUFFERED : Level.DIRTY, kept.position(), 0);
      store = store.update(file, s -> written);
    }
    return store;
  }

  /**
   * The constructor or method of {@code owner} that opens {@code file} for writing and keeps the
   * stream, when {@code method} is another of its methods; else null.
   */
  MethodSymbol openerOf(ClassTree owner, MethodSymbol method, Object file) {
    for (Kept kept : of(owner)) {
      if (kept.file().equals(file) && !kept.openedIn().equals(method)) {
        return kept.openedIn();
      }
    }
    return null;
  }

  /** The methods that {@code owner}'s own code calls on its own object. */
  private Set<Symbol> calledInside(ClassTree owner) {
    return calledInside.computeIfAbsent(
        owner,
        tree -> {
          Set<Symbol> called = new HashSet<>();
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
              ExpressionTree receiver = ASTHelpers.getReceiver(call);
              if (receiver == null || receiver.toString().equals("this")) {
                called.add(ASTHelpers.getSymbol(call));
              }
              return super.visitMethodInvocation(call, null);
            }
          }.scan(tree.getMembers(), null);
          return called;
        });
  }

  private List<Kept> compute(ClassTree owner) {
    ClassSymbol ownerSymbol = ASTHelpers.getSymbol(owner);
    if (ownerSymbol == null) {
      return List.of();
    }
    Symbol filterOut = filterOut(ownerSymbol);
    List<Opened> opened = new ArrayList<>();
    List<Named> named = new ArrayList<>();
    for (Tree member : owner.getMembers()) {
      if (member instanceof VariableTree field && field.getInitializer() != null) {
        // A field initializer runs in every constructor: judged as the first constructor's.
        MethodSymbol constructor = firstConstructor(ownerSymbol);
        if (constructor != null) {
          collect(
              ASTHelpers.getSymbol(field),
              field.getInitializer(),
              constructor,
              ownerSymbol,
              opened,
              named);
        }
      } else if (member instanceof MethodTree method && method.getBody() != null) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null) {
          scan(method, symbol, ownerSymbol, filterOut, opened, named);
        }
      }
    }
    List<Kept> kept = new ArrayList<>();
    for (Opened open : opened) {
      VarSymbol file = fileOf(open, named, ownerSymbol);
      if (file != null) {
        kept.add(
            new Kept(
                file,
                open.holder,
                open.handleType,
                open.buffered,
                open.synchronous,
                open.position,
                open.in));
      }
    }
    return List.copyOf(kept);
  }

  /** A write stream opened on {@code file} (the name expression) in {@code in}. */
  private record Opened(
      ExpressionTree file,
      Symbol holder,
      Type handleType,
      boolean buffered,
      boolean synchronous,
      int position,
      MethodSymbol in) {}

  /** {@code variable} (a field of the object, or a local of {@code in}) assigned {@code value}. */
  private record Named(Symbol variable, ExpressionTree value, MethodSymbol in) {}

  private void scan(
      MethodTree method,
      MethodSymbol symbol,
      ClassSymbol owner,
      Symbol filterOut,
      List<Opened> opened,
      List<Named> named) {
    Type returned = symbol.getReturnType();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // another object's code
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // runs whenever its caller decides
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        collect(
            ASTHelpers.getSymbol(tree.getVariable()),
            tree.getExpression(),
            symbol,
            owner,
            opened,
            named);
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (filterOut != null
            && symbol.isConstructor()
            && ASTHelpers.getSymbol(tree) != null
            && ASTHelpers.getSymbol(tree).isConstructor()
            && !ASTHelpers.getSymbol(tree).owner.equals(owner)
            && !tree.getArguments().isEmpty()) {
          add(opened, tree.getArguments().get(0), filterOut, filterOut.asType(), symbol);
        }
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        // Only the object's own begin method: a static factory's channel is handed to a new
        // object, whose constructor keeps it as it was given.
        if (tree.getExpression() != null && !symbol.isStatic() && types.isHandle(returned)) {
          add(opened, tree.getExpression(), null, returned, symbol);
        }
        return super.visitReturn(tree, null);
      }
    }.scan(method.getBody(), null);
  }

  private void collect(
      Symbol variable,
      ExpressionTree value,
      MethodSymbol in,
      ClassSymbol owner,
      List<Opened> opened,
      List<Named> named) {
    if (!(variable instanceof VarSymbol)) {
      return;
    }
    boolean ownField = variable.getKind() == ElementKind.FIELD && variable.owner.equals(owner);
    if (ownField && types.isHandle(variable.asType())) {
      add(opened, value, variable, variable.asType(), in);
    }
    named.add(new Named(variable, value, in));
  }

  private void add(
      List<Opened> opened, ExpressionTree expression, Symbol holder, Type type, MethodSymbol in) {
    Opened open =
        opening(expression, false, holder, type, in, ASTHelpers.getStartPosition(expression));
    if (open != null) {
      opened.add(open);
    }
  }

  /**
   * The write stream {@code expression} opens, through any wrappers around it; null when it opens
   * none, opens one only for reading or appending (a log the object grows, whose renames are
   * rotations), or with options the analysis cannot see.
   */
  private Opened opening(
      ExpressionTree expression,
      boolean buffered,
      Symbol holder,
      Type type,
      MethodSymbol in,
      int position) {
    ExpressionTree call = strip(expression);
    List<? extends ExpressionTree> arguments =
        call instanceof NewClassTree creation
            ? creation.getArguments()
            : call instanceof MethodInvocationTree invocation ? invocation.getArguments() : null;
    if (arguments == null) {
      return null;
    }
    Action action = table.first(call, ASTHelpers.getSymbol(call));
    if (action == null
        || action.effect() != Effect.OPEN
        || !(action.operand() instanceof Operand.Argument argument)
        || argument.index() >= arguments.size()) {
      return null;
    }
    ExpressionTree operand = arguments.get(argument.index());
    Type operandType = ASTHelpers.getType(operand);
    if (operandType == null) {
      return null;
    }
    if (types.isHandle(operandType)) {
      return opening(operand, buffered || action.buffered(), holder, type, in, position);
    }
    Opening.Mode mode = action.opening().of(call, state);
    if (!types.isName(operandType) || !mode.known() || !mode.truncates()) {
      return null;
    }
    return new Opened(
        operand, holder, type, buffered || action.buffered(), mode.synchronous(), position, in);
  }

  /**
   * The object's {@code File} or {@code Path} field naming the file {@code open} writes: the field
   * itself, or, in the opening method, a field set from the same local or from an expression
   * spelled the same (a constructor that must call {@code super} before it can keep the name); a
   * parameter assigned to a field is not an expression that names a file for this object.
   */
  private VarSymbol fileOf(Opened open, List<Named> named, ClassSymbol owner) {
    ExpressionTree name = sameFile(open.file);
    Symbol symbol = ASTHelpers.getSymbol(name);
    if (isNameField(symbol, owner)) {
      return (VarSymbol) symbol;
    }
    String spelled = spelling(name);
    for (Named assignment : named) {
      if (!isNameField(assignment.variable, owner)) {
        continue;
      }
      ExpressionTree value = sameFile(assignment.value);
      Symbol from = ASTHelpers.getSymbol(value);
      if (!assignment.in.equals(open.in)) {
        continue; // a name spelled alike in another method may name another file
      }
      boolean sameLocal =
          from != null && from.equals(symbol) && from.getKind() == ElementKind.LOCAL_VARIABLE;
      boolean sameExpression =
          !(value instanceof IdentifierTree) && spelling(value).equals(spelled);
      if (sameLocal || sameExpression) {
        return (VarSymbol) assignment.variable;
      }
    }
    return null;
  }

  private boolean isNameField(Symbol symbol, ClassSymbol owner) {
    return symbol instanceof VarSymbol
        && symbol.getKind() == ElementKind.FIELD
        && symbol.owner.equals(owner)
        && !symbol.getModifiers().contains(Modifier.STATIC)
        && types.isName(symbol.asType())
        && !symbol.asType().tsym.getQualifiedName().contentEquals("java.lang.String");
  }

  /** {@code expression} without the calls that name the same file ({@code getAbsoluteFile()}). */
  private ExpressionTree sameFile(ExpressionTree expression) {
    ExpressionTree at = strip(expression);
    while (at instanceof MethodInvocationTree invocation
        && invocation.getArguments().isEmpty()
        && ASTHelpers.getReceiver(invocation) != null) {
      Action action = table.first(invocation, ASTHelpers.getSymbol(invocation));
      if (action == null
          || action.effect() != Effect.NAME_OF
          || action.operand() != Operand.RECEIVER) {
        break;
      }
      at = strip(ASTHelpers.getReceiver(invocation));
    }
    return at;
  }

  private static ExpressionTree strip(ExpressionTree expression) {
    ExpressionTree at = expression;
    while (true) {
      if (at instanceof ParenthesizedTree parenthesized) {
        at = parenthesized.getExpression();
      } else if (at instanceof TypeCastTree cast) {
        at = cast.getExpression();
      } else {
        return at;
      }
    }
  }

  /** The expression as javac prints it: two spellings of one name expression compare equal. */
  private static String spelling(ExpressionTree expression) {
    return expression.toString();
  }

  private Symbol filterOut(ClassSymbol owner) {
    for (String filter : FILTERS) {
      Symbol type = state.getSymbolFromString(filter);
      if (type instanceof ClassSymbol filterClass
          && !owner.equals(filterClass)
          && owner.isSubClass(filterClass, state.getTypes())) {
        for (Symbol member : filterClass.getEnclosedElements()) {
          if (member.getKind() == ElementKind.FIELD
              && member.getSimpleName().contentEquals("out")) {
            return member;
          }
        }
      }
    }
    return null;
  }

  private static MethodSymbol firstConstructor(ClassSymbol owner) {
    for (Symbol member : owner.getEnclosedElements()) {
      if (member instanceof MethodSymbol method && method.isConstructor()) {
        return method;
      }
    }
    return null;
  }
}
