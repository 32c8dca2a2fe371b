package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.KnownNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the force goes when the rename's statement does not handle IOException: at the end of the
 * {@code try} block right before it, whose catch clauses do. Only when that is as good as a force
 * right before the rename: nothing can write the file between the two points, and a catch clause
 * that may have run does not reach the rename.
 */
final class ForceInTry {
  private final StatementTree last;
  private final Indentation indentation;
  private final List<String> flushes;

  private ForceInTry(StatementTree last, Indentation indentation, List<String> flushes) {
    this.last = last;
    this.indentation = indentation;
    this.flushes = flushes;
  }

  /**
   * The end of the {@code try} before {@code statement}, or null when a force there may fall short.
   */
  static ForceInTry before(TreePath statement, ExpressionTree source, VisitorState state) {
    if (!(statement.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    int index = block.getStatements().indexOf(statement.getLeaf());
    if (index < 1 || !(block.getStatements().get(index - 1) instanceof TryTree tryTree)) {
      return null;
    }
    List<? extends StatementTree> body = tryTree.getBlock().getStatements();
    if (tryTree.getFinallyBlock() != null || tryTree.getCatches().isEmpty() || body.isEmpty()) {
      return null;
    }
    for (CatchTree catchTree : tryTree.getCatches()) {
      if (Reachability.canCompleteNormally(catchTree.getBlock())) {
        return null;
      }
    }
    StatementTree last = body.get(body.size() - 1);
    TreePath lastPath =
        new TreePath(
            new TreePath(new TreePath(statement.getParentPath(), tryTree), tryTree.getBlock()),
            last);
    Type ioException = state.getTypeFromString("java.io.IOException");
    if (!Reachability.canCompleteNormally(last)
        || ioException == null
        || !CheckedExceptions.isHandled(lastPath, ioException, state)
        || shadows(tryTree, source)) {
      return null;
    }
    List<String> flushes = new ArrayList<>();
    for (Tree resource : tryTree.getResources()) {
      String name = resourceName(resource);
      if (name == null || !closeWritesNothingMore(resource, state)) {
        return null;
      }
      if (ASTHelpers.isSubtype(
          ASTHelpers.getType(resource), state.getTypeFromString("java.io.Flushable"), state)) {
        // Later resources wrap earlier ones, so they flush first, as they close first.
        flushes.add(0, name + ".flush();");
      }
    }
    return new ForceInTry(last, Indentation.of(lastPath, state), flushes);
  }

  /** The names of the resources to flush before the force, outermost first. */
  List<String> flushes() {
    return flushes;
  }

  /** Adds {@code lines} after the block's last statement, on lines of their own. */
  void insert(SuggestedFix.Builder fix, List<String> lines, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int end = state.getEndPosition(last);
    int lineEnd = end;
    while (lineEnd < source.length() && source.charAt(lineEnd) != '\n') {
      lineEnd++;
    }
    String rest = source.subSequence(end, lineEnd).toString().strip();
    if (lineEnd < source.length() && (rest.isEmpty() || rest.startsWith("//"))) {
      fix.replace(lineEnd + 1, lineEnd + 1, indentation.asLines(lines));
    } else {
      String text = indentation.asLines(lines);
      fix.postfixWith(last, "\n" + text.substring(0, text.length() - 1));
    }
  }

  private static String resourceName(Tree resource) {
    if (resource instanceof VariableTree variable) {
      return variable.getName().toString();
    }
    return resource instanceof IdentifierTree identifier ? identifier.getName().toString() : null;
  }

  /** Whether closing {@code resource} after the force leaves nothing of the file unforced. */
  private static boolean closeWritesNothingMore(Tree resource, VisitorState state) {
    if (!isKnown(ASTHelpers.getType(resource), state) && !isOpenedByKnownCall(resource, state)) {
      return false;
    }
    if (!(resource instanceof VariableTree variable) || variable.getInitializer() == null) {
      return true;
    }
    boolean[] unknown = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        check(tree, isKnown(ASTHelpers.getType(tree), state));
        return super.visitNewClass(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        check(
            tree,
            FileApis.PLAIN_STREAM_FACTORIES.matches(tree, state)
                || FileApis.CHANNEL_OPEN.matches(tree, state));
        return super.visitMethodInvocation(tree, null);
      }

      private void check(ExpressionTree tree, boolean known) {
        if (!known && isOutput(ASTHelpers.getType(tree), state)) {
          unknown[0] = true;
        }
      }
    }.scan(variable.getInitializer(), null);
    return !unknown[0];
  }

  private static boolean isOpenedByKnownCall(Tree resource, VisitorState state) {
    return resource instanceof VariableTree variable
        && variable.getInitializer() instanceof MethodInvocationTree call
        && (FileApis.PLAIN_STREAM_FACTORIES.matches(call, state)
            || FileApis.CHANNEL_OPEN.matches(call, state));
  }

  private static boolean isKnown(Type type, VisitorState state) {
    return type != null
        && (KnownNames.CLOSE_ONLY_FLUSHES.contains(type.tsym.getQualifiedName().toString())
            || !isOutput(type, state));
  }

  /** A stream, writer or channel that may write: the kinds whose close may add data. */
  private static boolean isOutput(Type type, VisitorState state) {
    if (type == null) {
      return true;
    }
    for (String output :
        List.of(
            "java.io.OutputStream", "java.io.Writer", "java.nio.channels.WritableByteChannel")) {
      if (ASTHelpers.isSubtype(type, state.getTypeFromString(output), state)) {
        return true;
      }
    }
    // Any other closeable might write on close too; readers and input streams do not.
    return !ASTHelpers.isSubtype(type, state.getTypeFromString("java.io.InputStream"), state)
        && !ASTHelpers.isSubtype(type, state.getTypeFromString("java.io.Reader"), state)
        && ASTHelpers.isSubtype(type, state.getTypeFromString("java.lang.AutoCloseable"), state);
  }

  /**
   * Whether the {@code try} declares a name the rename's source uses: it would mean another thing.
   */
  private static boolean shadows(TryTree tryTree, ExpressionTree source) {
    Set<String> declared = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        declared.add(variable.getName().toString());
        return super.visitVariable(variable, null);
      }
    }.scan(tryTree, null);
    boolean[] shadowed = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        shadowed[0] |= declared.contains(identifier.getName().toString());
        return null;
      }
    }.scan(source, null);
    return shadowed[0];
  }
}
