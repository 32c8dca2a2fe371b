package dev.fsyncguard.checker.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/** How an API that opens or writes a file by name decides whether it truncates or syncs. */
public enum Opening {
  /** Open options among the arguments; with none, the file is created or truncated. */
  OPTIONS_DEFAULT_TRUNCATE,
  /** Open options among the arguments; with none, the file is only read. */
  OPTIONS_DEFAULT_READ,
  /** Truncates unless a {@code boolean append} argument is the constant {@code true}. */
  APPEND_FLAG,
  /** Always creates or truncates. */
  TRUNCATES,
  /**
   * Open options among the arguments, read only for {@code SYNC}/{@code DSYNC}: the file is opened
   * by each write through the result, never by this call (Guava's sinks).
   */
  OPTIONS_ON_WRITE,
  /**
   * A deflater over a handle: {@code flush()} never completes its output. Without sync-flush it
   * keeps the deflated data; with it, still the final block and the GZIP trailer or ZIP directory,
   * which only {@code finish()} or {@code close()} write.
   */
  DEFLATES,
  /** {@code RandomAccessFile} mode string: {@code rws}/{@code rwd} are synchronous. */
  MODE,
  /** Neither truncates nor syncs. */
  NONE;

  /**
   * How the opening treats the file.
   *
   * @param known false when the options are not visible (a variable, an array built elsewhere): the
   *     analysis then takes writes through the handle as durable, which never produces a finding,
   *     and still sees a force through it
   */
  public record Mode(boolean truncates, boolean synchronous, boolean known) {
    Mode(boolean truncates, boolean synchronous) {
      this(truncates, synchronous, true);
    }
  }

  private static final String OPEN_OPTION = "java.nio.file.OpenOption";
  private static final Mode UNKNOWN = new Mode(false, false, false);

  public Mode of(Tree call, VisitorState state) {
    List<? extends ExpressionTree> args = arguments(call);
    switch (this) {
      case OPTIONS_DEFAULT_TRUNCATE:
      case OPTIONS_DEFAULT_READ:
        return fromOptions(args, this == OPTIONS_DEFAULT_TRUNCATE, state);
      case APPEND_FLAG:
        for (ExpressionTree arg : args) {
          if (FileTypes.isBoolean(ASTHelpers.getType(arg))) {
            Boolean append = ASTHelpers.constValue(arg, Boolean.class);
            return new Mode(Boolean.FALSE.equals(append), false);
          }
        }
        return new Mode(true, false);
      case OPTIONS_ON_WRITE:
        Mode options = fromOptions(args, false, state);
        return new Mode(false, options.synchronous(), options.known());
      case DEFLATES:
        return new Mode(false, false);
      case TRUNCATES:
        return new Mode(true, false);
      case MODE:
        String mode = args.size() > 1 ? ASTHelpers.constValue(args.get(1), String.class) : null;
        if (mode == null) {
          return UNKNOWN;
        }
        return new Mode(false, mode.equals("rws") || mode.equals("rwd"));
      case NONE:
      default:
        return new Mode(false, false);
    }
  }

  private static Mode fromOptions(
      List<? extends ExpressionTree> args, boolean defaultTruncates, VisitorState state) {
    Type openOption = state.getTypeFromString(OPEN_OPTION);
    if (openOption == null) {
      // Not loaded: nothing in this compilation passes an OpenOption.
      return new Mode(defaultTruncates, false);
    }
    boolean any = false;
    boolean truncates = false;
    boolean synchronous = false;
    for (ExpressionTree arg : args) {
      Type type = ASTHelpers.getType(arg);
      if (type == null) {
        continue;
      }
      Type element =
          type.getKind() == javax.lang.model.type.TypeKind.ARRAY
              ? state.getTypes().elemtype(type)
              : type;
      boolean isOption = ASTHelpers.isSubtype(element, openOption, state);
      boolean isOptionSet = !isOption && mentionsOpenOption(type, openOption, state);
      if (!isOption && !isOptionSet) {
        continue;
      }
      List<ExpressionTree> constants = optionConstants(arg, isOptionSet);
      if (constants == null) {
        return UNKNOWN;
      }
      for (ExpressionTree constant : constants) {
        Symbol symbol = ASTHelpers.getSymbol(constant);
        if (symbol == null
            || symbol.getKind() != javax.lang.model.element.ElementKind.ENUM_CONSTANT) {
          return UNKNOWN;
        }
        any = true;
        switch (symbol.getSimpleName().toString()) {
          case "SYNC", "DSYNC" -> synchronous = true;
          case "CREATE", "CREATE_NEW", "TRUNCATE_EXISTING" -> truncates = true;
          default -> {}
        }
      }
    }
    return new Mode(any ? truncates : defaultTruncates, synchronous);
  }

  /** The option constants an argument spells out, or null when they are not visible. */
  private static List<ExpressionTree> optionConstants(ExpressionTree arg, boolean isSet) {
    if (!isSet) {
      if (arg instanceof com.sun.source.tree.NewArrayTree array
          && array.getInitializers() != null) {
        return List.copyOf(array.getInitializers());
      }
      Symbol symbol = ASTHelpers.getSymbol(arg);
      return symbol != null
              && symbol.getKind() == javax.lang.model.element.ElementKind.ENUM_CONSTANT
          ? List.of(arg)
          : null;
    }
    // EnumSet.of(...), Set.of(...), List.of(...): the constants are the call's arguments.
    if (arg instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) != null
        && ASTHelpers.getSymbol(call).getSimpleName().contentEquals("of")) {
      return List.copyOf(call.getArguments());
    }
    return null;
  }

  private static boolean mentionsOpenOption(Type type, Type openOption, VisitorState state) {
    for (Type argument : type.getTypeArguments()) {
      Type upper = state.getTypes().wildUpperBound(argument);
      if (upper != null && ASTHelpers.isSubtype(upper, openOption, state)) {
        return true;
      }
    }
    return false;
  }

  private static List<? extends ExpressionTree> arguments(Tree call) {
    if (call instanceof MethodInvocationTree invocation) {
      return invocation.getArguments();
    }
    if (call instanceof NewClassTree creation) {
      return creation.getArguments();
    }
    return List.of();
  }
}
