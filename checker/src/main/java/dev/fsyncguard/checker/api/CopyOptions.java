package dev.fsyncguard.checker.api;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * The {@code StandardCopyOption}s a {@code Files.move} or {@code Files.copy} call passes, when they
 * are spelled out as constants; {@link #known} is false for an options array or any other
 * expression.
 */
public record CopyOptions(
    boolean known, boolean atomicMove, boolean replaceExisting, ExpressionTree replaceArgument) {
  private static final String STANDARD_COPY_OPTION = "java.nio.file.StandardCopyOption";
  private static final String LINK_OPTION = "java.nio.file.LinkOption";

  /** The options after the two paths of {@code call}. */
  public static CopyOptions of(MethodInvocationTree call) {
    List<? extends ExpressionTree> arguments = call.getArguments();
    boolean atomic = false;
    ExpressionTree replace = null;
    for (ExpressionTree argument :
        arguments.subList(Math.min(2, arguments.size()), arguments.size())) {
      Symbol symbol = ASTHelpers.getSymbol(argument);
      if (symbol == null || symbol.getKind() != ElementKind.ENUM_CONSTANT) {
        return new CopyOptions(false, false, false, null);
      }
      String owner = symbol.owner.getQualifiedName().toString();
      String name = symbol.getSimpleName().toString();
      if (owner.equals(STANDARD_COPY_OPTION) && name.equals("ATOMIC_MOVE")) {
        atomic = true;
      } else if (owner.equals(STANDARD_COPY_OPTION) && name.equals("REPLACE_EXISTING")) {
        replace = argument;
      } else if (!owner.equals(STANDARD_COPY_OPTION) && !owner.equals(LINK_OPTION)) {
        return new CopyOptions(false, false, false, null);
      }
    }
    return new CopyOptions(true, atomic, replace != null, replace);
  }
}
