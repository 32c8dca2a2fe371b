package dev.fsyncguard.checker.fix;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.protocol.RenameSites;
import dev.fsyncguard.checker.protocol.TempLocation;
import java.util.Optional;

/**
 * The fix for {@code TempFileOutsideTargetDirectory}: create the temp file in the target's
 * directory, when the target is a variable already known where the temp file is created. The target
 * is made absolute first, because a relative single-name path has no parent.
 */
final class TempLocationFixes {
  private TempLocationFixes() {}

  static Optional<Edit> fix(
      MethodInvocationTree tree,
      RenameSites.Site site,
      TempLocation.Finding finding,
      VisitorState state) {
    if (!(finding.creation() instanceof MethodInvocationTree creation)
        || !(variable(site.rename().targetIn(tree)) instanceof IdentifierTree target)
        || !isInMethod(creation, state)
        || !isKnownAt(ASTHelpers.getSymbol(target), ASTHelpers.getStartPosition(creation))) {
      return Optional.empty();
    }
    String name = target.getName().toString();
    Type type = ASTHelpers.getType(target);
    boolean path =
        type != null
            && ASTHelpers.isSubtype(type, state.getTypeFromString("java.nio.file.Path"), state);
    boolean file = type != null && type.tsym.getQualifiedName().contentEquals("java.io.File");
    if (!path && !file) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String directory;
    if (FileApis.NIO_CREATE_TEMP_FILE.matches(creation, state)
        && isString(ASTHelpers.getSymbol(creation).getParameters().get(0).asType())) {
      directory =
          path
              ? name + ".toAbsolutePath().getParent()"
              : name + ".getAbsoluteFile().getParentFile().toPath()";
      fix.prefixWith(creation.getArguments().get(0), directory + ", ");
    } else if (FileApis.IO_CREATE_TEMP_FILE.matches(creation, state)
        && creation.getArguments().size() == 2) {
      directory =
          path
              ? name + ".toAbsolutePath().getParent().toFile()"
              : name + ".getAbsoluteFile().getParentFile()";
      fix.postfixWith(creation.getArguments().get(1), ", " + directory);
    } else {
      return Optional.empty();
    }
    return Optional.of(new Edit(fix.build(), "create the temp file in `" + directory + "`"));
  }

  /**
   * The variable an operand names: {@code target}, or {@code target} of {@code target.toPath()}.
   */
  private static ExpressionTree variable(ExpressionTree operand) {
    if (operand instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && (select.getIdentifier().contentEquals("toPath")
            || select.getIdentifier().contentEquals("toFile"))) {
      return select.getExpression();
    }
    return operand;
  }

  private static boolean isString(Type type) {
    return type.tsym.getQualifiedName().contentEquals("java.lang.String");
  }

  private static boolean isInMethod(Tree creation, VisitorState state) {
    TreePath method = state.findPathToEnclosing(MethodTree.class);
    int start = ASTHelpers.getStartPosition(creation);
    return method != null
        && start >= ASTHelpers.getStartPosition(method.getLeaf())
        && start < state.getEndPosition(method.getLeaf());
  }

  /**
   * A parameter, a final field, or a local that never changes and is declared before {@code
   * position}.
   */
  private static boolean isKnownAt(Symbol symbol, int position) {
    if (!(symbol instanceof VarSymbol variable)) {
      return false;
    }
    boolean unchanging = (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
    switch (variable.getKind()) {
      case PARAMETER:
        return unchanging;
      case FIELD:
        return (variable.flags() & Flags.FINAL) != 0;
      case LOCAL_VARIABLE:
        return unchanging && variable.pos >= 0 && variable.pos < position;
      default:
        return false;
    }
  }
}
