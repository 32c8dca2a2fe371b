package dev.fsyncguard.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.util.NeverThrow;
import dev.fsyncguard.checker.util.Trees;
import javax.inject.Inject;

/**
 * Verifies {@code @Fsyncs}: callers trust it and skip their own force, so a method that promises to
 * force a parameter must do so on every normal return.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "@Fsyncs parameter not forced on every normal return",
    explanation =
        "RenameWithoutFsync trusts @Fsyncs at call sites: a rename after the call is taken as safe."
            + " A method that does not keep the promise hides exactly the bug the check looks for.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "docs/FsyncsWithoutForce.md")
public final class FsyncsWithoutForce extends FsyncGuardCheck implements MethodTreeMatcher {
  private static final String FSYNCS = "dev.fsyncguard.annotations.Fsyncs";

  /** With default options. */
  public FsyncsWithoutForce() {
    super(null);
  }

  /** With the build's {@code -XepOpt:RenameWithoutFsync:…} options, shared with that check. */
  @Inject
  public FsyncsWithoutForce(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (tree.getBody() == null
        || tree.getParameters().stream()
            .noneMatch(p -> ASTHelpers.hasAnnotation(p, FSYNCS, state))) {
      return Description.NO_MATCH;
    }
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    ImmutableList<Action> actions =
        NeverThrow.orNull(() -> FsyncAnalysis.instance(state, options).bodyActions(method));
    if (actions == null) {
      return Description.NO_MATCH;
    }
    for (int i = 0; i < tree.getParameters().size(); i++) {
      VariableTree parameter = tree.getParameters().get(i);
      if (ASTHelpers.hasAnnotation(parameter, FSYNCS, state)
          && !forces(actions, i)
          && !isHandedOn(ASTHelpers.getSymbol(parameter), tree, state)
          && !isBaselined(state.withPath(new TreePath(state.getPath(), parameter)))) {
        state.reportMatch(
            buildDescription(parameter)
                .setMessage(
                    "`"
                        + parameter.getName()
                        + "` is annotated @Fsyncs, but "
                        + tree.getName()
                        + " can return normally without forcing it: callers that rename it"
                        + " afterwards would not be warned. Force it on every path"
                        + " (FileChannel.force), or remove the annotation.")
                .build());
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * Whether the method passes the parameter (or a name derived from it) to code that may force it
   * where the analysis cannot see: then the annotation may well be kept, and nothing is reported.
   */
  private boolean isHandedOn(Symbol parameter, MethodTree method, VisitorState state) {
    FsyncAnalysis analysis = FsyncAnalysis.instance(state, options);
    return Trees.anyCall(
        method.getBody(),
        (call, arguments) -> {
          for (int i = 0; i < arguments.size(); i++) {
            if (Trees.mentions(arguments.get(i), parameter) && analysis.mayHandOn(call, i)) {
              return true;
            }
          }
          return false;
        });
  }

  private static boolean forces(ImmutableList<Action> actions, int parameter) {
    return actions.stream().anyMatch(action -> action.forces(parameter));
  }
}
