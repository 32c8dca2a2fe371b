package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.CopyOptions;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * The repairs that hand the whole replace to {@code DurableFiles}: one {@code DurableFiles.write}
 * for the plain "write to tmp, move tmp over target", or {@code DurableFiles.rename} for the rename
 * itself (force, atomic rename and directory force in one call).
 */
final class DurableRewrites {
  private DurableRewrites() {}

  /**
   * The rename statement {@code Files.move(tmp, target, …);} or {@code tmp.renameTo(target);}, its
   * result unused, as {@code DurableFiles.rename(tmp, target);}, after a flush of the buffered
   * stream still open on {@code tmp}. Only for a move that replaces its target (with {@code
   * REPLACE_EXISTING} or {@code ATOMIC_MOVE}, or {@code renameTo}, which is rename(2)): a move that
   * fails on an existing target may mean it.
   */
  static Optional<Edit> rename(
      MethodInvocationTree rename, RenameVerdict verdict, VisitorState state) {
    TreePath statement = RenameFixes.enclosingStatement(state.getPath());
    Type ioException = state.getTypeFromString("java.io.IOException");
    boolean move = FileApis.FILES_MOVE.matches(rename, state);
    ExpressionTree source;
    ExpressionTree target;
    if (move && rename.getArguments().size() >= 2) {
      CopyOptions options = CopyOptions.of(rename);
      if (!options.known() || !(options.replaceExisting() || options.atomicMove())) {
        return Optional.empty();
      }
      source = rename.getArguments().get(0);
      target = rename.getArguments().get(1);
    } else if (FileApis.RENAME_TO.matches(rename, state)
        && rename.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select) {
      source = select.getExpression();
      target = rename.getArguments().get(0);
    } else {
      return Optional.empty();
    }
    if (statement == null
        || ioException == null
        || !(statement.getLeaf() instanceof ExpressionStatementTree expression)
        || expression.getExpression() != rename
        || !RenameFixes.isRepeatable(source)
        || !RenameFixes.isRepeatable(target)
        || !CheckedExceptions.isHandled(statement, ioException, state)) {
      return Optional.empty();
    }
    boolean buffered =
        verdict.state().level() == dev.fsyncguard.checker.dataflow.FileState.Level.BUFFERED;
    String flush = RenameFixes.flushLine(verdict, statement);
    if (buffered && flush == null) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String from = RenameFixes.asPath(source, fix, state);
    String to = RenameFixes.asPath(target, fix, state);
    if (from == null || to == null) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    if (flush != null) {
      lines.add(flush);
    }
    lines.add(
        SuggestedFixes.qualifyType(state, fix, RenameFixes.DURABLE_FILES)
            + ".rename("
            + from
            + ", "
            + to
            + ");");
    String text = Indentation.of(statement, state).before(lines);
    // before() ends with the indentation of the line that would follow: the statement it replaces.
    fix.replace(statement.getLeaf(), text.substring(0, text.lastIndexOf('\n')));
    List<Tree> deleted = new ArrayList<>();
    deleted.add(rename.getMethodSelect());
    for (ExpressionTree argument : rename.getArguments()) {
      if (argument != source && argument != target) {
        deleted.add(argument);
      }
    }
    return Optional.of(
        new Edit(
            fix.build(),
            (flush != null ? "flush `" + flush.substring(0, flush.indexOf('.')) + "`, then " : "")
                + "rename with DurableFiles.rename, which forces `"
                + state.getSourceForNode(source)
                + "`, renames it atomically and forces the directory",
            deleted));
  }

  /**
   * {@code Files.write(tmp, x); Files.move(tmp, target, …);} with {@code tmp} a local used nowhere
   * else becomes {@code DurableFiles.write(target, x);}: temp file, force, rename and directory
   * force in one call. Only when {@code tmp} is declared right before the write: the fix is then
   * one edit whose first line, the one build logs show, is the new call.
   */
  static Optional<Edit> oneWrite(MethodInvocationTree move, VisitorState state) {
    ExpressionTree source = move.getArguments().isEmpty() ? null : move.getArguments().get(0);
    TreePath statement = RenameFixes.enclosingStatement(state.getPath());
    if (source == null || statement == null) {
      return Optional.empty();
    }
    if (!FileApis.FILES_MOVE.matches(move, state)
        || !(statement.getLeaf() instanceof ExpressionStatementTree moveStatement)
        || moveStatement.getExpression() != move
        || !(source instanceof IdentifierTree)
        || !(statement.getParentPath().getLeaf() instanceof BlockTree block)) {
      return Optional.empty();
    }
    Symbol tmp = ASTHelpers.getSymbol(source);
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(moveStatement);
    if (tmp == null || tmp.getKind() != ElementKind.LOCAL_VARIABLE || index < 1) {
      return Optional.empty();
    }
    if (!(statements.get(index - 1) instanceof ExpressionStatementTree writeStatement)
        || !(writeStatement.getExpression() instanceof MethodInvocationTree write)
        || !FileApis.FILES_WRITE.matches(write, state)
        || !tmp.equals(ASTHelpers.getSymbol(write.getArguments().get(0)))) {
      return Optional.empty();
    }
    MethodTree method = ASTHelpers.findEnclosingNode(statement, MethodTree.class);
    if (index < 2
        || !(statements.get(index - 2) instanceof VariableTree declaration)
        || !tmp.equals(ASTHelpers.getSymbol(declaration))
        || method == null
        || uses(tmp, method) != 2) {
      return Optional.empty();
    }
    int start = ASTHelpers.getStartPosition(declaration);
    String between =
        state
            .getSourceCode()
            .subSequence(
                state.getEndPosition(declaration), ASTHelpers.getStartPosition(writeStatement))
            .toString();
    String arguments = durableWriteArguments(write, state);
    if (arguments == null || !between.isBlank()) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String durableFiles = SuggestedFixes.qualifyType(state, fix, RenameFixes.DURABLE_FILES);
    ExpressionTree target = move.getArguments().get(1);
    fix.replace(
        start,
        state.getEndPosition(writeStatement),
        durableFiles + ".write(" + state.getSourceForNode(target) + ", " + arguments + ");");
    RenameFixes.deleteLines(fix, moveStatement, state);
    List<Tree> deleted = new ArrayList<>(List.of(declaration, write.getMethodSelect()));
    deleted.add(move.getMethodSelect());
    for (ExpressionTree argument : move.getArguments()) {
      if (argument != target) {
        deleted.add(argument);
      }
    }
    String summary =
        "replace the write of `"
            + state.getSourceForNode(source)
            + "` and the move by DurableFiles.write(`"
            + state.getSourceForNode(target)
            + "`, …), which writes a temp file next to it, forces it, renames it atomically and"
            + " forces the directory";
    return Optional.of(new Edit(fix.build(), summary, deleted));
  }

  /**
   * The content (and charset) arguments for {@code DurableFiles.write}; null for other overloads.
   */
  private static String durableWriteArguments(MethodInvocationTree write, VisitorState state) {
    List<? extends ExpressionTree> args = write.getArguments();
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(write);
    boolean writeString = method.getSimpleName().contentEquals("writeString");
    Type second = ASTHelpers.getType(args.get(1));
    if (args.size() == 2 && !writeString && second != null && isByteArray(second, state)) {
      return state.getSourceForNode(args.get(1));
    }
    if (writeString && args.size() == 2) {
      return state.getSourceForNode(args.get(1)) + ", java.nio.charset.StandardCharsets.UTF_8";
    }
    if (writeString
        && args.size() == 3
        && ASTHelpers.isSameType(
            ASTHelpers.getType(args.get(2)),
            state.getTypeFromString("java.nio.charset.Charset"),
            state)) {
      return state.getSourceForNode(args.get(1)) + ", " + state.getSourceForNode(args.get(2));
    }
    return null;
  }

  private static boolean isByteArray(Type type, VisitorState state) {
    return state.getTypes().isArray(type)
        && state.getTypes().elemtype(type).getKind() == javax.lang.model.type.TypeKind.BYTE;
  }

  private static int uses(Symbol variable, Tree scope) {
    Integer count =
        new TreeScanner<Integer, Void>() {
          @Override
          public Integer visitIdentifier(IdentifierTree identifier, Void unused) {
            return variable.equals(ASTHelpers.getSymbol(identifier)) ? 1 : 0;
          }

          @Override
          public Integer reduce(Integer a, Integer b) {
            return (a == null ? 0 : a) + (b == null ? 0 : b);
          }
        }.scan(scope, null);
    return count == null ? 0 : count;
  }
}
