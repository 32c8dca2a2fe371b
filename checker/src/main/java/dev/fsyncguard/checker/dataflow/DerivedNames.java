package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.KnownNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;

/**
 * Methods whose result is a file name computed only from their arguments, final fields and
 * constants, through calls that change nothing ({@code Path.resolve}, {@code new File(dir, name)},
 * string concatenation): {@code tempPath()}, {@code tempFor(target)}, a record's accessor. Two
 * calls with the same receiver and arguments name the same file, so a write through one and a
 * rename of the other are one file's story. A method that reads a field that can change, or calls
 * anything else, names a file of its own at each call, as any unexplained expression does.
 */
final class DerivedNames {
  /** A call, deeper than this through other such methods, is not followed. */
  private static final int MAX_DEPTH = 3;

  private final Summaries summaries;
  private final Map<MethodSymbol, Boolean> derives = new HashMap<>();

  DerivedNames(Summaries summaries) {
    this.summaries = summaries;
  }

  /**
   * The file that a call of {@code method} names, given what identifies its receiver ({@link #THIS}
   * for its own object, a final variable, or null for a static method) and each argument (a file
   * key, a constant or a final variable); null when the method may name another file each time or
   * an operand is not identified.
   */
  FileKey keyOf(MethodSymbol method, Object receiver, List<Object> arguments) {
    if (arguments.contains(null) || (receiver == null && !method.isStatic())) {
      return null;
    }
    return derivesName(method) ? FileKey.derived(method, receiver, arguments) : null;
  }

  /** Whether every call of {@code method} with the same receiver and arguments names one file. */
  boolean derivesName(MethodSymbol method) {
    return derivesName(method, 0);
  }

  /** Stands for the receiver of a call on the caller's own object. */
  static final Object THIS =
      new Object() {
        @Override
        public String toString() {
          return "this";
        }
      };

  private boolean derivesName(MethodSymbol method, int depth) {
    Boolean known = derives.get(method);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return false;
    }
    derives.put(method, false); // cuts recursion
    boolean result = computeDerives(method, depth);
    derives.put(method, result);
    return result;
  }

  private boolean computeDerives(MethodSymbol method, int depth) {
    MethodTree declaration = summaries.declarationOf(method);
    if (declaration == null) {
      return isRecordAccessor(method);
    }
    BlockTree body = declaration.getBody();
    if ((method.flags() & Flags.SYNCHRONIZED) != 0 || body == null) {
      return false;
    }
    return body.getStatements().size() == 1
        && body.getStatements().get(0) instanceof ReturnTree ret
        && ret.getExpression() != null
        && isPure(ret.getExpression(), depth);
  }

  /** An accessor of a record compiled elsewhere: a record's component fields are final. */
  private static boolean isRecordAccessor(MethodSymbol method) {
    return method.owner instanceof ClassSymbol owner
        && owner.isRecord()
        && method.getParameters().isEmpty()
        && owner.getRecordComponents().stream()
            .anyMatch(c -> c.getSimpleName().equals(method.getSimpleName()));
  }

  private boolean isPure(ExpressionTree tree, int depth) {
    if (tree instanceof LiteralTree) {
      return true;
    }
    if (tree instanceof ParenthesizedTree parenthesized) {
      return isPure(parenthesized.getExpression(), depth);
    }
    if (tree instanceof TypeCastTree cast) {
      return isPure(cast.getExpression(), depth);
    }
    if (tree instanceof BinaryTree binary) {
      return isPure(binary.getLeftOperand(), depth) && isPure(binary.getRightOperand(), depth);
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      return isPure(conditional.getCondition(), depth)
          && isPure(conditional.getTrueExpression(), depth)
          && isPure(conditional.getFalseExpression(), depth);
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      return isStableVariable(ASTHelpers.getSymbol(tree))
          && (!(tree instanceof MemberSelectTree select)
              || isQualifierPure(select.getExpression(), depth));
    }
    if (tree instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      return (receiver == null || isQualifierPure(receiver, depth))
          && call.getArguments().stream().allMatch(a -> isPure(a, depth))
          && ASTHelpers.getSymbol(call) != null
          && isPureCallee(ASTHelpers.getSymbol(call), depth);
    }
    if (tree instanceof NewClassTree created) {
      return created.getClassBody() == null
          && created.getEnclosingExpression() == null
          && ASTHelpers.getSymbol(created) != null
          && ASTHelpers.getSymbol(created).owner.getQualifiedName().contentEquals(FileApis.FILE)
          && created.getArguments().stream().allMatch(a -> isPure(a, depth));
    }
    return false;
  }

  /** A class name, {@code this}, or a pure expression. */
  private boolean isQualifierPure(ExpressionTree qualifier, int depth) {
    Symbol symbol = ASTHelpers.getSymbol(qualifier);
    if (symbol != null
        && (isTypeOrPackage(symbol) || symbol.getSimpleName().contentEquals("this"))) {
      return true;
    }
    return isPure(qualifier, depth);
  }

  /**
   * A parameter (a body that is one pure return cannot assign it), a class, or a final field: a
   * field that can change may name another file at the second call.
   */
  private static boolean isStableVariable(Symbol symbol) {
    if (!(symbol instanceof VarSymbol variable)) {
      return symbol != null && isTypeOrPackage(symbol);
    }
    return variable.getKind() == ElementKind.PARAMETER
        || (variable.getKind() == ElementKind.FIELD && (variable.flags() & Flags.FINAL) != 0);
  }

  private static boolean isTypeOrPackage(Symbol symbol) {
    ElementKind kind = symbol.getKind();
    return kind.isClass() || kind.isInterface() || kind == ElementKind.PACKAGE;
  }

  private boolean isPureCallee(MethodSymbol callee, int depth) {
    String owner = callee.owner.getQualifiedName().toString();
    String name = callee.getSimpleName().toString();
    if (KnownNames.PURE_NAME_OWNERS.contains(owner)) {
      return !(owner.equals(FileApis.PATH) && KnownNames.IMPURE_PATH_METHODS.contains(name));
    }
    if (owner.equals(FileApis.FILE)) {
      return KnownNames.PURE_FILE_METHODS.contains(name);
    }
    return derivesName(callee, depth + 1);
  }
}
