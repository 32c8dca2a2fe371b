package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.api.KnownNames;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * The fixes for a rename whose source is not forced. Preferred: the durable-write utility, as one
 * call for the plain "write to tmp, move tmp over target" or as a force before the rename; without
 * the utility on the class path, a force through {@code FileChannel}. Either way the code's shape
 * stays.
 */
final class RenameFixes {
  static final String DURABLE_FILES = "dev.fsyncguard.durable.DurableFiles";

  private RenameFixes() {}

  /**
   * The force of {@code rename}'s source before {@code statement}, the rename's statement or one
   * that holds it, or at the end of the {@code try} block before it where that statement cannot
   * throw IOException. With a buffered stream still open on the file, it is flushed first.
   */
  static Optional<Edit> force(
      MethodInvocationTree rename,
      ExpressionTree source,
      RenameVerdict verdict,
      boolean durable,
      TreePath statement,
      VisitorState state) {
    if (source == null || statement == null || !isRepeatable(source)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String path = asPath(source, fix, state);
    Type ioException = state.getTypeFromString("java.io.IOException");
    if (path == null || ioException == null) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    boolean buffered = verdict.state().level() == FileState.Level.BUFFERED;
    String where;
    if (CheckedExceptions.isHandled(statement, ioException, state)) {
      String flush = flushLine(verdict, statement);
      if (flush != null) {
        lines.add(flush);
      }
      lines.addAll(forceLines(path, durable, fix, state));
      fix.prefixWith(statement.getLeaf(), Indentation.of(statement, state).before(lines));
      where = "before the rename";
    } else {
      // The rename's statement may not throw IOException: force where the write's try catches it.
      ForceInTry end = buffered ? null : ForceInTry.before(statement, source, state);
      if (end == null) {
        return Optional.empty();
      }
      lines.addAll(end.flushes());
      lines.addAll(forceLines(path, durable, fix, state));
      end.insert(fix, lines, state);
      where = "at the end of the try block before the rename, where IOException is caught";
    }
    return Optional.of(new Edit(fix.build(), summary(lines, source, durable, where, state)));
  }

  /**
   * {@code writer.flush();} for the buffered stream still open on the renamed file, when its
   * variable is in scope at {@code statement}; null when nothing is buffered. Forcing from another
   * descriptor cannot reach bytes still in this stream's buffer.
   */
  static String flushLine(RenameVerdict verdict, TreePath statement) {
    Element handle = verdict.bufferedHandle();
    return verdict.state().level() == FileState.Level.BUFFERED
            && handle != null
            && isInScope(handle, statement)
        ? handle.getSimpleName() + ".flush();"
        : null;
  }

  /** "flush `writer`, then force `tmp` with DurableFiles.force before the rename". */
  private static String summary(
      List<String> lines,
      ExpressionTree source,
      boolean durable,
      String where,
      VisitorState state) {
    StringBuilder summary = new StringBuilder();
    List<String> flushed = new ArrayList<>();
    for (String line : lines) {
      if (line.endsWith(".flush();")) {
        flushed.add("`" + line.substring(0, line.length() - ".flush();".length()) + "`");
      }
    }
    if (!flushed.isEmpty()) {
      summary.append("flush ").append(String.join(", ", flushed)).append(", then ");
    }
    return summary
        .append("force `")
        .append(state.getSourceForNode(source))
        .append(durable ? "` with DurableFiles.force " : "` through FileChannel.force ")
        .append(where)
        .toString();
  }

  /** The force of {@code path}; a leading tab nests a line one level. */
  private static List<String> forceLines(
      String path, boolean durable, SuggestedFix.Builder fix, VisitorState state) {
    if (durable) {
      return List.of(
          SuggestedFixes.qualifyType(state, fix, DURABLE_FILES) + ".force(" + path + ");");
    }
    String channel = unusedName("channel", state);
    String fileChannel = SuggestedFixes.qualifyType(state, fix, "java.nio.channels.FileChannel");
    String write =
        SuggestedFixes.qualifyType(state, fix, "java.nio.file.StandardOpenOption") + ".WRITE";
    return List.of(
        "try ("
            + fileChannel
            + " "
            + channel
            + " = "
            + fileChannel
            + ".open("
            + path
            + ", "
            + write
            + ")) {",
        "\t" + channel + ".force(true);",
        "}");
  }

  /** Whether {@code DurableFiles} is on the compilation's class path: the repairs then use it. */
  static boolean durableOnClassPath(VisitorState state) {
    return JavacElements.instance(state.context).getTypeElement(DURABLE_FILES) != null;
  }

  /** Deletes a statement together with its line when nothing else is on it. */
  static void deleteLines(SuggestedFix.Builder fix, Tree statement, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(statement);
    int end = state.getEndPosition(statement);
    int lineStart = start;
    while (lineStart > 0
        && (source.charAt(lineStart - 1) == ' ' || source.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < source.length()
        && (source.charAt(lineEnd) == ' ' || source.charAt(lineEnd) == '\t')) {
      lineEnd++;
    }
    boolean wholeLine =
        (lineStart == 0 || source.charAt(lineStart - 1) == '\n')
            && lineEnd < source.length()
            && source.charAt(lineEnd) == '\n';
    if (wholeLine) {
      fix.replace(lineStart, lineEnd + 1, "");
    } else {
      fix.delete(statement);
    }
  }

  /** {@code source} as a {@code Path} expression, or null when its type is not a file name. */
  static String asPath(ExpressionTree source, SuggestedFix.Builder fix, VisitorState state) {
    Type type = ASTHelpers.getType(source);
    String text = state.getSourceForNode(source);
    if (type == null || text == null) {
      return null;
    }
    String name = type.tsym.getQualifiedName().toString();
    if (ASTHelpers.isSubtype(type, state.getTypeFromString("java.nio.file.Path"), state)) {
      return text;
    }
    if (name.equals("java.io.File")) {
      return text + ".toPath()";
    }
    if (name.equals("java.lang.String")) {
      return SuggestedFixes.qualifyType(state, fix, "java.nio.file.Path") + ".of(" + text + ")";
    }
    return null;
  }

  /** Names and zero-argument conversions ({@code tmp.toPath()}): safe to evaluate twice. */
  static boolean isRepeatable(ExpressionTree tree) {
    if (tree instanceof IdentifierTree) {
      return true;
    }
    if (tree instanceof MemberSelectTree select) {
      return isRepeatable(select.getExpression());
    }
    return tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && KnownNames.SAME_FILE_CONVERSIONS.contains(select.getIdentifier().toString())
        && isRepeatable(select.getExpression());
  }

  /** The statement, directly in a block, that contains the rename. */
  static TreePath enclosingStatement(TreePath path) {
    for (TreePath p = path; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (p.getLeaf() instanceof StatementTree
          && (parent instanceof BlockTree
              || (parent instanceof com.sun.source.tree.CaseTree caseTree
                  && caseTree.getCaseKind() == com.sun.source.tree.CaseTree.CaseKind.STATEMENT))) {
        return p;
      }
      if (p.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree
          || p.getLeaf() instanceof com.sun.source.tree.ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether the variable is declared in a block or try-with-resources that encloses the statement.
   */
  private static boolean isInScope(Element variable, TreePath statement) {
    for (TreePath p = statement; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof BlockTree block) {
        for (StatementTree s : block.getStatements()) {
          if (s instanceof VariableTree v && variable.equals(ASTHelpers.getSymbol(v))) {
            return true;
          }
        }
      } else if (leaf instanceof TryTree tryTree) {
        for (Tree resource : tryTree.getResources()) {
          if (resource instanceof VariableTree v && variable.equals(ASTHelpers.getSymbol(v))) {
            return true;
          }
        }
      } else if (leaf instanceof MethodTree) {
        return false;
      }
    }
    return false;
  }

  private static final Context.Key<Map<Tree, Set<String>>> DECLARED_NAMES = new Context.Key<>();

  /**
   * A name no local of the outermost enclosing member (method, initialiser or field) uses. Locals
   * cannot shadow each other (fields can be shadowed), and collecting them once per member keeps
   * many fixes in one long method cheap.
   */
  private static String unusedName(String base, VisitorState state) {
    Tree member = null;
    for (TreePath p = state.getPath(); p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree
          || p.getParentPath().getLeaf() instanceof com.sun.source.tree.ClassTree) {
        member = p.getLeaf();
      }
    }
    Set<String> taken = member == null ? Set.of() : declaredNames(member, state.context);
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    return name;
  }

  private static Set<String> declaredNames(Tree method, Context context) {
    Map<Tree, Set<String>> cache = context.get(DECLARED_NAMES);
    if (cache == null) {
      cache = new HashMap<>();
      context.put(DECLARED_NAMES, cache);
    }
    return cache.computeIfAbsent(
        method,
        m -> {
          Set<String> names = new HashSet<>();
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
              names.add(variable.getName().toString());
              return super.visitVariable(variable, null);
            }
          }.scan(m, null);
          return names;
        });
  }
}
