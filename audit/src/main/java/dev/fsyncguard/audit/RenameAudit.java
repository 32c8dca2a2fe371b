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
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.flow.FileState;
import dev.fsyncguard.checker.flow.ForceCoverage;
import dev.fsyncguard.checker.flow.FsyncOptions;
import dev.fsyncguard.checker.flow.RenameSites;
import dev.fsyncguard.checker.flow.RenameVerdict;
import java.util.Arrays;
import javax.inject.Inject;

/**
 * Records every rename site with its verdict, using the same analysis as RenameWithoutFsync. Never
 * reports a diagnostic, and is not registered as a plugin: only the audit command runs it.
 */
// Not suppressible: Error Prone would skip the audit under @SuppressWarnings("all"), and the site
// would vanish instead of showing as suppressed. The audit judges suppressions itself.
@BugPattern(
    summary = "Records rename sites for the audit",
    severity = WARNING,
    suppressionAnnotations = {})
public final class RenameAudit extends BugChecker implements MethodInvocationTreeMatcher {
  private static final String CHECK = "RenameWithoutFsync";

  private final FsyncOptions options;
  /** Sites are placed where the build reports them, so the two can be matched. */
  private final BuildPosition positions = new BuildPosition();

  @Inject
  public RenameAudit(ErrorProneFlags flags) {
    this.options = FsyncOptions.from(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    RenameSites.Site site = RenameSites.at(tree, state, options);
    if (site == null) {
      return Description.NO_MATCH;
    }
    RenameVerdict verdict = site.verdict();
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    BuildPosition.LineColumn at = positions.of(tree, unit);
    FileState fileState = verdict == null ? null : verdict.state();
    Verdict kind = classify(fileState, state);
    int related = fileState == null ? -1 : fileState.position();
    long relatedLine = related < 0 ? 0 : unit.getLineMap().getLineNumber(related);
    AuditLog.instance(state.context)
        .add(
            new RenameSite(
                unit.getSourceFile().toUri().getPath(),
                at.line(),
                at.column(),
                oneLine(state.getSourceForNode(tree)),
                kind,
                detail(kind, fileState, related, relatedLine, state),
                relatedLine));
    return Description.NO_MATCH;
  }

  private Verdict classify(FileState fileState, VisitorState state) {
    if (fileState == null) {
      return Verdict.UNKNOWN;
    }
    if (!fileState.isDirty()) {
      return fileState.level() == FileState.Level.FORCED ? Verdict.FORCED : Verdict.NOT_WRITTEN_HERE;
    }
    if (isSuppressed(state)) {
      return Verdict.SUPPRESSED;
    }
    return fileState.excused() && !options.strict() ? Verdict.DURABILITY_SWITCH : Verdict.MISSING_FORCE;
  }

  private static String detail(
      Verdict kind, FileState fileState, int related, long relatedLine, VisitorState state) {
    String where = related < 0 ? "" : " at line " + relatedLine;
    String what = related < 0 ? "" : ": " + statementAt(related, state);
    switch (kind) {
      case FORCED:
        return "forced" + where + what;
      case MISSING_FORCE:
      case SUPPRESSED:
      case DURABILITY_SWITCH:
        return "written"
            + where
            + (fileState.level() == FileState.Level.BUFFERED ? " into a Java buffer, " : ", ")
            + ForceCoverage.of(fileState, state.getPath().getCompilationUnit().getLineMap())
            + what;
      case NOT_WRITTEN_HERE:
        return "the file is not written in this method";
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

  /** Whether an enclosing declaration carries {@code @SuppressWarnings("RenameWithoutFsync")}. */
  private static boolean isSuppressed(VisitorState state) {
    for (Tree tree : state.getPath()) {
      Symbol symbol = ASTHelpers.getDeclaredSymbol(tree);
      SuppressWarnings suppress = symbol == null ? null : symbol.getAnnotation(SuppressWarnings.class);
      if (suppress != null
          && Arrays.stream(suppress.value()).anyMatch(v -> v.equals(CHECK) || v.equals("all"))) {
        return true;
      }
    }
    return false;
  }
}
