package dev.fsyncguard.checker.protocol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.KnownNames;
import dev.fsyncguard.checker.dataflow.RenameVerdict;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Whether a renamed file was created in the system temp directory (step 1 of a crash-safe replace):
 * by {@code Files.createTempFile(prefix, suffix)} or {@code File.createTempFile(prefix, suffix)},
 * which take no directory, or under {@code java.io.tmpdir} as the code spells it. Such a file is
 * often on another file system than its target (tmpfs), where no rename onto the target is atomic.
 */
public final class TempLocation {
  private static final String TMPDIR = "java.io.tmpdir";

  private static final int MAX_DEPTH = 8;

  /**
   * The verdict at a site.
   *
   * @param creation for a failed step, the expression that created the temp file; otherwise null
   */
  public record Finding(StepVerdict verdict, ExpressionTree creation) {}

  private TempLocation() {}

  /** The finding at {@code site}, the call at {@code state.getPath()}. Never throws. */
  static Finding of(RenameSites.Site site, VisitorState state) {
    Finding found =
        NeverThrow.orNull(
            () -> judge(site, (MethodInvocationTree) state.getPath().getLeaf(), state));
    return found != null ? found : new Finding(StepVerdict.unknown("not analysed"), null);
  }

  private static Finding judge(
      RenameSites.Site site, MethodInvocationTree call, VisitorState state) {
    if (site.isCopy()) {
      return new Finding(StepVerdict.notApplicable("a copy"), null);
    }
    ExpressionTree source = site.rename().operandIn(call);
    ExpressionTree target = site.rename().targetIn(call);
    if (source == null || target == null) {
      return new Finding(StepVerdict.unknown("operands not known"), null);
    }
    RenameVerdict verdict = site.verdict();
    // The analysis knows which expression last named the file; a variable may have been reassigned.
    ExpressionTree key =
        verdict != null && verdict.source() != null ? verdict.source().expression() : null;
    ExpressionTree named = key != null ? key : source;
    TreePath method = Trees.enclosingMethodOrClass(state.getPath());
    ExpressionTree creation = systemTemp(named, method, state, 0);
    if (creation == null && named != source) {
      creation = systemTemp(source, method, state, 0);
    }
    if (creation == null) {
      // Created in this method, by an expression that does not put it in java.io.tmpdir.
      return new Finding(
          key != null
              ? StepVerdict.pass("created outside java.io.tmpdir")
              : StepVerdict.notApplicable("not created here"),
          null);
    }
    if (systemTemp(target, method, state, 0) != null) {
      return new Finding(StepVerdict.notApplicable("a move within java.io.tmpdir"), null);
    }
    return new Finding(
        StepVerdict.fail("created in java.io.tmpdir", ASTHelpers.getStartPosition(creation)),
        creation);
  }

  /**
   * The expression that puts {@code expression}'s file in the system temp directory, or null when
   * it is not known to be there.
   */
  static ExpressionTree systemTemp(
      ExpressionTree expression, TreePath code, VisitorState state, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return null;
    }
    ExpressionTree tree = Trees.withoutParensAndCasts(expression);
    if (tree instanceof MethodInvocationTree call) {
      return systemTempCall(call, code, state, depth) ? call : null;
    }
    if (tree instanceof NewClassTree created) {
      Symbol constructor = ASTHelpers.getSymbol(created);
      return constructor != null
              && constructor.owner.getQualifiedName().contentEquals(FileApis.FILE)
              && !created.getArguments().isEmpty()
              && systemTemp(created.getArguments().get(0), code, state, depth + 1) != null
          ? created
          : null;
    }
    if (tree instanceof BinaryTree concatenation && tree.getKind() == Tree.Kind.PLUS) {
      return systemTemp(concatenation.getLeftOperand(), code, state, depth + 1) != null
          ? tree
          : null;
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      ExpressionTree initializer = initializer(ASTHelpers.getSymbol(tree), code, state);
      return initializer != null && systemTemp(initializer, code, state, depth + 1) != null
          ? initializer
          : null;
    }
    return null;
  }

  private static boolean systemTempCall(
      MethodInvocationTree call, TreePath code, VisitorState state, int depth) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    List<? extends ExpressionTree> arguments = call.getArguments();
    switch (owner) {
      case FileApis.FILES:
        if (!name.equals("createTempFile") && !name.equals("createTempDirectory")) {
          return false;
        }
        // Without a directory parameter the JDK uses java.io.tmpdir.
        return method.getParameters().get(0).asType().toString().equals("java.lang.String")
            || systemTemp(arguments.get(0), code, state, depth + 1) != null;
      case FileApis.FILE:
        if (name.equals("createTempFile")) {
          // A null directory means java.io.tmpdir here, unlike in java.nio.file.Files.
          return arguments.size() == 2
              || isNull(arguments.get(2))
              || systemTemp(arguments.get(2), code, state, depth + 1) != null;
        }
        break;
      case "java.lang.System":
        return name.equals("getProperty")
            && arguments.size() >= 1
            && TMPDIR.equals(ASTHelpers.constValue(arguments.get(0), String.class));
      case "java.nio.file.Paths":
      case FileApis.PATH:
        if ((name.equals("get") || name.equals("of")) && !arguments.isEmpty()) {
          return systemTemp(arguments.get(0), code, state, depth + 1) != null;
        }
        break;
      case "org.apache.commons.io.FileUtils":
        return name.equals("getTempDirectory") || name.equals("getTempDirectoryPath");
      default:
        break;
    }
    return (KnownNames.SAME_PLACE.contains(name) || KnownNames.SAME_DIRECTORY.contains(name))
        && ASTHelpers.getReceiver(call) != null
        && systemTemp(ASTHelpers.getReceiver(call), code, state, depth + 1) != null;
  }

  /** What a variable that never changes was initialised with; null for any other. */
  private static ExpressionTree initializer(Symbol symbol, TreePath code, VisitorState state) {
    if (!(symbol instanceof VarSymbol variable)
        || (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return null;
    }
    if (variable.getKind() == ElementKind.FIELD) {
      return JavacTrees.instance(state.context).getTree(variable) instanceof VariableTree declared
          ? declared.getInitializer()
          : null;
    }
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE || code == null) {
      return null;
    }
    ExpressionTree[] found = new ExpressionTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable) {
          found[0] = tree.getInitializer();
        }
        return super.visitVariable(tree, null);
      }
    }.scan(code.getLeaf(), null);
    return found[0];
  }

  private static boolean isNull(ExpressionTree tree) {
    return Trees.withoutParensAndCasts(tree) instanceof LiteralTree literal
        && literal.getKind() == Tree.Kind.NULL_LITERAL;
  }
}
