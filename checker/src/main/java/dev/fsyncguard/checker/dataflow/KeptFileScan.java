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
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
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
import dev.fsyncguard.checker.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Finds, in one class, the streams it opens for writing and keeps (a field, the {@code out} of a
 * filter stream, a stream its own method returns), and the {@code File} or {@code Path} field that
 * names each one's file; for {@link KeptFiles}.
 */
final class KeptFileScan {
  /** Subclasses of these keep the stream their constructor hands {@code super} in {@code out}. */
  private static final List<String> FILTERS =
      List.of("java.io.FilterOutputStream", "java.io.FilterWriter");

  private final VisitorState state;
  private final ApiTable table;
  private final FileTypes types;

  KeptFileScan(VisitorState state, ApiTable table, FileTypes types) {
    this.state = state;
    this.table = table;
    this.types = types;
  }

  /** What {@code owner}'s constructors and methods open for writing and keep. */
  List<KeptFiles.Kept> keptBy(ClassTree owner) {
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
    List<KeptFiles.Kept> kept = new ArrayList<>();
    for (Opened open : opened) {
      VarSymbol file = fileOf(open, named, ownerSymbol);
      if (file != null) {
        kept.add(
            new KeptFiles.Kept(
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
    ExpressionTree call = Trees.withoutParensAndCasts(expression);
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
    ExpressionTree at = Trees.withoutParensAndCasts(expression);
    while (at instanceof MethodInvocationTree invocation
        && invocation.getArguments().isEmpty()
        && ASTHelpers.getReceiver(invocation) != null) {
      Action action = table.first(invocation, ASTHelpers.getSymbol(invocation));
      if (action == null
          || action.effect() != Effect.NAME_OF
          || action.operand() != Operand.RECEIVER) {
        break;
      }
      at = Trees.withoutParensAndCasts(ASTHelpers.getReceiver(invocation));
    }
    return at;
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
