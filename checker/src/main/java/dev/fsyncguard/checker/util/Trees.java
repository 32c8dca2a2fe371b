package dev.fsyncguard.checker.util;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** Questions about javac's trees that the protocol and the repairs both ask. */
public final class Trees {
  private Trees() {}

  /** How far a search goes into nested code. */
  public enum Reach {
    /** Into lambdas and classes declared inside. */
    EVERYWHERE,
    /** Into lambdas, not into classes: their code runs in another method. */
    NOT_INTO_CLASSES,
    /** Neither: code that may run later, or elsewhere, is not this code's. */
    THIS_CODE_ONLY
  }

  /**
   * The innermost method or lambda around {@code path}: the code that runs when it runs. Null when
   * a class comes first (an initializer).
   */
  public static TreePath enclosingCode(TreePath path) {
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return at;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * The innermost method or class around {@code path}, past lambdas: where a local variable a
   * lambda captures is declared (it captures only effectively final locals of the method around).
   */
  public static TreePath enclosingMethodOrClass(TreePath path) {
    for (TreePath at = path; at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return at;
      }
    }
    return null;
  }

  /** {@code tree} without the parentheses and casts around it: the value it stands for. */
  public static ExpressionTree withoutParensAndCasts(ExpressionTree tree) {
    ExpressionTree at = tree;
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

  /** The types {@code handler} catches: each alternative of a multi-catch. */
  public static List<Type> caughtTypes(CatchTree handler) {
    Tree type = handler.getParameter().getType();
    List<Type> types = new ArrayList<>();
    for (Tree alternative :
        type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type)) {
      Type caught = ASTHelpers.getType(alternative);
      if (caught != null) {
        types.add(caught);
      }
    }
    return types;
  }

  /** Whether {@code handler} catches {@code thrown}: one of its types is a supertype of it. */
  public static boolean catches(CatchTree handler, Type thrown, Types types) {
    for (Type caught : caughtTypes(handler)) {
      if (types.isSubtype(thrown, caught)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an identifier in {@code tree} refers to {@code variable}. */
  public static boolean mentions(Tree tree, Symbol variable) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree identifier, Void unused) {
            return ASTHelpers.getSymbol(identifier) == variable;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Whether some call in {@code root}, of a method or a constructor, passes {@code test}, which is
   * given the call and its arguments.
   */
  public static boolean anyCall(
      Tree root, BiPredicate<ExpressionTree, List<? extends ExpressionTree>> test) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return test.test(call, call.getArguments())
                || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean visitNewClass(NewClassTree call, Void unused) {
            return test.test(call, call.getArguments())
                || Boolean.TRUE.equals(super.visitNewClass(call, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(root, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * The path of the first call in {@code root}, in source order, that {@code test} accepts, not
   * searching deeper than {@code reach}; null when there is none.
   */
  public static TreePath firstCall(
      TreePath root, Reach reach, Predicate<MethodInvocationTree> test) {
    FirstCall search = new FirstCall(reach, test);
    search.scan(root, null);
    return search.found;
  }

  /** The path of the call that starts at source position {@code position} in {@code root}. */
  public static TreePath callAt(TreePath root, int position) {
    return position < 0
        ? null
        : firstCall(root, Reach.EVERYWHERE, call -> ASTHelpers.getStartPosition(call) == position);
  }

  private static final class FirstCall extends TreePathScanner<Void, Void> {
    private final Reach reach;
    private final Predicate<MethodInvocationTree> test;
    private TreePath found;

    FirstCall(Reach reach, Predicate<MethodInvocationTree> test) {
      this.reach = reach;
      this.test = test;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return found != null ? null : super.scan(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (test.test(call)) {
        found = getCurrentPath();
        return null;
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return reach == Reach.THIS_CODE_ONLY ? null : super.visitLambdaExpression(tree, null);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return reach == Reach.EVERYWHERE ? super.visitClass(tree, null) : null;
    }
  }
}
