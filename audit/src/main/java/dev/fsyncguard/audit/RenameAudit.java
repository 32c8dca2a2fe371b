package dev.fsyncguard.audit;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.FsyncOptions;
import dev.fsyncguard.checker.baseline.Baseline;
import dev.fsyncguard.checker.baseline.BaselineOptions;
import dev.fsyncguard.checker.protocol.ReplaceProtocol;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import dev.fsyncguard.checker.protocol.StepVerdict;
import java.util.Arrays;
import java.util.Map;
import javax.inject.Inject;

/**
 * Records every rename site with its verdict on each step of a crash-safe replace, using the same
 * analysis as the checks (RenameWithoutFsync, NonAtomicReplace, TempFileOutsideTargetDirectory,
 * RenameWithoutDirectoryFsync, FsyncFailureIgnored). Never reports a diagnostic, and is not
 * registered as a plugin: only the audit command runs it.
 */
// Not suppressible: Error Prone would skip the audit under @SuppressWarnings("all"), and the site
// would vanish instead of showing as suppressed. The audit judges suppressions itself, per step.
@BugPattern(
    summary = "Records rename sites for the audit",
    severity = WARNING,
    suppressionAnnotations = {})
public final class RenameAudit extends BugChecker implements MethodInvocationTreeMatcher {
  /** How each step's outcome reads in its table column; the force step has its own words. */
  private static final Map<ReplaceStep, Map<StepResult.Outcome, String>> LABELS =
      Map.of(
          ReplaceStep.ATOMIC,
          Map.of(
              StepResult.Outcome.PASS, "atomic",
              StepResult.Outcome.FAIL, "NOT ATOMIC",
              StepResult.Outcome.SUPPRESSED, "suppressed",
              StepResult.Outcome.BASELINED, "baselined",
              StepResult.Outcome.REVIEW, "review",
              StepResult.Outcome.NOT_APPLICABLE, "n/a",
              StepResult.Outcome.UNKNOWN, "?"),
          ReplaceStep.TEMP_LOCATION,
          Map.of(
              StepResult.Outcome.PASS, "ok",
              StepResult.Outcome.FAIL, "IN TMPDIR",
              StepResult.Outcome.SUPPRESSED, "suppressed",
              StepResult.Outcome.BASELINED, "baselined",
              StepResult.Outcome.REVIEW, "review",
              StepResult.Outcome.NOT_APPLICABLE, "n/a",
              StepResult.Outcome.UNKNOWN, "?"),
          ReplaceStep.DIRECTORY_FORCE,
          Map.of(
              StepResult.Outcome.PASS, "forced",
              StepResult.Outcome.FAIL, "NOT FORCED",
              StepResult.Outcome.SUPPRESSED, "suppressed",
              StepResult.Outcome.BASELINED, "baselined",
              StepResult.Outcome.REVIEW, "review",
              StepResult.Outcome.NOT_APPLICABLE, "n/a",
              StepResult.Outcome.UNKNOWN, "?"),
          // What a failed force does to the save: fails it, or is let go.
          ReplaceStep.FORCE_FAILURE,
          Map.of(
              StepResult.Outcome.PASS, "fails",
              StepResult.Outcome.FAIL, "IGNORED",
              StepResult.Outcome.SUPPRESSED, "suppressed",
              StepResult.Outcome.BASELINED, "baselined",
              StepResult.Outcome.REVIEW, "review",
              StepResult.Outcome.NOT_APPLICABLE, "n/a",
              StepResult.Outcome.UNKNOWN, "?"));

  private final FsyncOptions options;
  private final BaselineOptions baseline;

  /** Sites are placed where the build reports them, so the two can be matched. */
  private final BuildPosition positions = new BuildPosition();

  @Inject
  public RenameAudit(ErrorProneFlags flags) {
    this.options = FsyncOptions.from(flags);
    this.baseline = BaselineOptions.from(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    SiteVerdicts verdicts = ReplaceProtocol.at(tree, state, options);
    if (verdicts == null) {
      return Description.NO_MATCH;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    BuildPosition.LineColumn at = positions.of(tree, unit);
    SiteVerdicts.Data data = verdicts.data();
    // RenameWithoutFsync judges renames only; a copy is judged on its other steps.
    Verdict kind =
        verdicts.isCopy()
            ? Verdict.NOT_A_RENAME
            : classify(data, verdicts.verdict(ReplaceStep.FORCE), state);
    int related =
        kind == Verdict.NOT_A_RENAME || data == SiteVerdicts.Data.UNKNOWN
            ? -1
            : verdicts.dataPosition();
    long relatedLine = related < 0 ? 0 : unit.getLineMap().getLineNumber(related);
    StepVerdict atomic = verdicts.verdict(ReplaceStep.ATOMIC);
    String atomicDetail = atomic.detail();
    if (verdicts.fallsBackAfterAtomicMove()) {
      // The verdict's position is the atomic move whose failure the site handles, not the site.
      atomicDetail += " when the atomic move fails";
    }
    AuditLog.instance(state.context)
        .add(
            new RenameSite(
                unit.getSourceFile().toUri().getPath(),
                at.line(),
                at.column(),
                oneLine(state.getSourceForNode(tree)),
                kind,
                detail(kind, verdicts, related, relatedLine, state),
                relatedLine,
                step(ReplaceStep.ATOMIC, atomic, atomicDetail, tree, state),
                step(
                    ReplaceStep.TEMP_LOCATION,
                    verdicts.verdict(ReplaceStep.TEMP_LOCATION),
                    null,
                    tree,
                    state),
                // Reported by the build at the rename itself.
                step(
                    ReplaceStep.DIRECTORY_FORCE,
                    verdicts.verdict(ReplaceStep.DIRECTORY_FORCE),
                    null,
                    tree,
                    state),
                forceFailure(verdicts.verdict(ReplaceStep.FORCE_FAILURE), tree, state)));
    return Description.NO_MATCH;
  }

  /**
   * The verdict on what a failed force does. The build reports FsyncFailureIgnored at the force
   * whose failure is let go, so the step is suppressed where that force is: its related line is the
   * force's.
   */
  private StepResult forceFailure(
      StepVerdict verdict, MethodInvocationTree call, VisitorState state) {
    TreePath force = verdict.failed() ? invocationAt(verdict.position(), state) : null;
    return step(
        ReplaceStep.FORCE_FAILURE,
        verdict,
        null,
        call,
        state,
        force == null ? state : state.withPath(force));
  }

  /** The path of the call that starts at {@code position} in the compilation unit, or null. */
  private static TreePath invocationAt(int position, VisitorState state) {
    TreePath[] found = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (found[0] == null && ASTHelpers.getStartPosition(tree) == position) {
          found[0] = getCurrentPath();
          return null;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return found[0];
  }

  private StepResult step(
      ReplaceStep step,
      StepVerdict verdict,
      String detail,
      MethodInvocationTree call,
      VisitorState state) {
    return step(step, verdict, detail, call, state, state);
  }

  /**
   * The audit's verdict on a step the checker judged: suppressed where the step's check is at the
   * code the build reports ({@code reported}), and placed at the code it rests on unless that is
   * the call itself.
   */
  private StepResult step(
      ReplaceStep step,
      StepVerdict verdict,
      String detail,
      MethodInvocationTree call,
      VisitorState state,
      VisitorState reported) {
    StepResult.Outcome outcome =
        switch (verdict.outcome()) {
          case PASS -> StepResult.Outcome.PASS;
          case FAIL ->
              isSuppressed(step.check(), reported)
                  ? StepResult.Outcome.SUPPRESSED
                  : isBaselined(step.check(), reported)
                      ? StepResult.Outcome.BASELINED
                      : StepResult.Outcome.FAIL;
          case NOT_APPLICABLE -> StepResult.Outcome.NOT_APPLICABLE;
          case UNKNOWN -> StepResult.Outcome.UNKNOWN;
        };
    String words = detail != null ? detail : verdict.detail();
    int position = verdict.position();
    long relatedLine =
        position < 0
            ? 0
            : state.getPath().getCompilationUnit().getLineMap().getLineNumber(position);
    if (position >= 0 && position != ASTHelpers.getStartPosition(call)) {
      words += " at line " + relatedLine + ": " + statementAt(position, state);
    }
    return new StepResult(outcome, LABELS.get(step).get(outcome), words, relatedLine);
  }

  private Verdict classify(SiteVerdicts.Data data, StepVerdict force, VisitorState state) {
    switch (data) {
      case UNKNOWN:
        return Verdict.UNKNOWN;
      case FORCED:
        // A force whose failure is caught was still made: RenameWithoutFsync is content, and the
        // failure is FsyncFailureIgnored's step.
        return Verdict.FORCED;
      case NOT_WRITTEN_HERE:
        return Verdict.NOT_WRITTEN_HERE;
      default:
        break;
    }
    if (isSuppressed(ReplaceStep.FORCE.check(), state)) {
      return Verdict.SUPPRESSED;
    }
    if (!force.failed()) {
      return Verdict.DURABILITY_SWITCH;
    }
    return isBaselined(ReplaceStep.FORCE.check(), state)
        ? Verdict.BASELINED
        : Verdict.MISSING_FORCE;
  }

  /** The force step's detail, then for a save spread over an object's methods, which ones. */
  private static String detail(
      Verdict kind, SiteVerdicts verdicts, int related, long relatedLine, VisitorState state) {
    String detail = forceDetail(kind, verdicts, related, relatedLine, state);
    SiteVerdicts.Span span = verdicts.span();
    return span == null
        ? detail
        : detail + "; opened in " + span.opens() + ", committed in " + span.commits();
  }

  private static String forceDetail(
      Verdict kind, SiteVerdicts verdicts, int related, long relatedLine, VisitorState state) {
    String where = related < 0 ? "" : " at line " + relatedLine;
    String what = related < 0 ? "" : ": " + statementAt(related, state);
    switch (kind) {
      case FORCED:
        return "forced" + where + what;
      case MISSING_FORCE:
      case SUPPRESSED:
      case BASELINED:
      case DURABILITY_SWITCH:
        return "written"
            + where
            + (verdicts.data() == SiteVerdicts.Data.UNFORCED_IN_BUFFER
                ? " into a Java buffer, "
                : ", ")
            + verdicts.forceCoverage(state.getPath().getCompilationUnit().getLineMap())
            + what;
      case NOT_WRITTEN_HERE:
        return "the file is not written in this method";
      case NOT_A_RENAME:
        return "a copy, not a rename: the force step does not apply";
      default:
        return "the analysis could not decide";
    }
  }

  /** The source text from a position to the end of its statement or line. */
  private static String statementAt(int position, VisitorState state) {
    CharSequence source = state.getSourceCode();
    if (source == null || position >= source.length()) {
      return "";
    }
    int end = position;
    while (end < source.length() && source.charAt(end) != '\n' && source.charAt(end) != ';') {
      end++;
    }
    return oneLine(source.subSequence(position, end).toString());
  }

  /** The text on one line, whole: machine output is never cut (only the table shortens calls). */
  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  /**
   * Whether the build's baseline lists the finding {@code check} reports at {@code reported}'s
   * leaf.
   */
  private boolean isBaselined(String check, VisitorState reported) {
    Baseline accepted = Baseline.of(reported, baseline);
    return accepted != null && accepted.holds(check, reported);
  }

  /**
   * Whether an enclosing declaration carries {@code @SuppressWarnings} naming {@code check} (as
   * {@link ReplaceStep#check()} spells it) or {@code "all"}.
   */
  private static boolean isSuppressed(String check, VisitorState state) {
    for (Tree tree : state.getPath()) {
      Symbol symbol = ASTHelpers.getDeclaredSymbol(tree);
      SuppressWarnings suppress =
          symbol == null ? null : symbol.getAnnotation(SuppressWarnings.class);
      if (suppress != null
          && Arrays.stream(suppress.value()).anyMatch(v -> v.equals(check) || v.equals("all"))) {
        return true;
      }
    }
    return false;
  }
}
