package dev.fsyncguard.audit;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.util.DiagnosticSource;

/**
 * The line and column at which the build's RenameWithoutFsync diagnostic for a call appears: javac
 * puts a diagnostic at the tree's preferred position (a call's opening parenthesis) and counts
 * columns with tabs expanded, so the audit does the same through javac's own code.
 */
final class BuildPosition {
  /** Reading a file's text once per file, not once per rename site. */
  private CompilationUnitTree unit;

  private DiagnosticSource source;

  record LineColumn(long line, long column) {}

  LineColumn of(Tree tree, CompilationUnitTree in) {
    if (in != unit) {
      unit = in;
      source = new DiagnosticSource(in.getSourceFile(), null);
    }
    int at = ((JCTree) tree).getPreferredPosition();
    try {
      return new LineColumn(source.getLineNumber(at), source.getColumnNumber(at, true));
    } catch (RuntimeException unreadable) {
      // DiagnosticSource reports an unreadable file to its log, and has none here: count without
      // expanding tabs rather than lose the site.
      return new LineColumn(in.getLineMap().getLineNumber(at), in.getLineMap().getColumnNumber(at));
    }
  }
}
