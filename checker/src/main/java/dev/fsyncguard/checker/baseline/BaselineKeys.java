package dev.fsyncguard.checker.baseline;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Type;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** How a finding is keyed in a baseline: by place and code, never by line. */
final class BaselineKeys {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private BaselineKeys() {}

  /**
   * The entry for a finding of {@code check} at the leaf of {@code state}'s path, or null when the
   * code is not inside a named class's member (the finding is then reported as usual).
   */
  static BaselineEntry of(String check, VisitorState state, Path baselineDirectory) {
    TreePath path = state.getPath();
    Tree leaf = path.getLeaf();
    Tree member = null;
    ClassSymbol type = null;
    Tree child = leaf;
    for (TreePath at = path.getParentPath(); at != null; at = at.getParentPath()) {
      if (at.getLeaf() instanceof ClassTree
          && isNamed(ASTHelpers.getSymbol((ClassTree) at.getLeaf()))) {
        type = ASTHelpers.getSymbol((ClassTree) at.getLeaf());
        member = child;
        break;
      }
      child = at.getLeaf();
    }
    String code = code(leaf, state);
    if (type == null || member == null || code.isEmpty()) {
      return null;
    }
    String file = file(path.getCompilationUnit(), baselineDirectory);
    if (file == null) {
      return null;
    }
    return new BaselineEntry(
        check,
        file,
        type.flatName().toString(),
        memberName(member),
        code,
        occurrence(member, leaf, code, state));
  }

  /** A class a person can name: top-level or a member class, neither anonymous nor local. */
  private static boolean isNamed(ClassSymbol symbol) {
    return symbol != null
        && !symbol.getSimpleName().isEmpty()
        && (symbol.owner instanceof PackageSymbol || symbol.owner instanceof ClassSymbol);
  }

  private static String memberName(Tree member) {
    if (member instanceof MethodTree) {
      Symbol.MethodSymbol method = ASTHelpers.getSymbol((MethodTree) member);
      StringJoiner parameters = new StringJoiner(",", "(", ")");
      if (method != null) {
        method.getParameters().forEach(p -> parameters.add(typeName(p.type)));
      }
      return (method == null ? ((MethodTree) member).getName() : method.getSimpleName())
          + parameters.toString();
    }
    if (member instanceof VariableTree) {
      return ((VariableTree) member).getName().toString();
    }
    if (member instanceof BlockTree) {
      return ((BlockTree) member).isStatic() ? "static{}" : "{}";
    }
    return member.getKind().toString();
  }

  /** The erased simple name: stable when imports change, distinct enough between overloads. */
  private static String typeName(Type type) {
    if (type instanceof Type.ArrayType) {
      return typeName(((Type.ArrayType) type).elemtype) + "[]";
    }
    return type.tsym == null ? type.toString() : type.tsym.getSimpleName().toString();
  }

  /** The code's text without whitespace, so that reformatting keeps the key. */
  private static String code(Tree tree, VisitorState state) {
    String source = state.getSourceForNode(tree);
    return WHITESPACE.matcher(source == null ? tree.toString() : source).replaceAll("");
  }

  /** Which of the member's trees of the leaf's kind with the same code the leaf is, from 1. */
  private static int occurrence(Tree member, Tree leaf, String code, VisitorState state) {
    int leafStart = ASTHelpers.getStartPosition(leaf);
    int[] before = {0};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null
            && tree != leaf
            && tree.getKind() == leaf.getKind()
            && ASTHelpers.getStartPosition(tree) < leafStart
            && code.equals(code(tree, state))) {
          before[0]++;
        }
        return super.scan(tree, null);
      }
    }.scan(member, null);
    return before[0] + 1;
  }

  /**
   * The unit's file relative to the baseline's directory, real paths where both exist (a link in
   * either path would otherwise give two names for one file), with {@code /} separators.
   */
  static String file(CompilationUnitTree unit, Path baselineDirectory) {
    URI uri = unit.getSourceFile().toUri();
    Path source;
    try {
      source = "file".equals(uri.getScheme()) ? Paths.get(uri) : Paths.get(uri.getPath());
    } catch (RuntimeException e) {
      return null;
    }
    try {
      Path relative = realOrAbsolute(baselineDirectory).relativize(realOrAbsolute(source));
      return relative.toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      // Another root (a Windows drive): the absolute path is the only name.
      return realOrAbsolute(source).toString().replace('\\', '/');
    }
  }

  static Path realOrAbsolute(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | RuntimeException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
