package dev.fsyncguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.api.Action;
import dev.fsyncguard.checker.api.CopyOptions;
import dev.fsyncguard.checker.api.FileApis;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.dataflow.FileState;
import dev.fsyncguard.checker.protocol.AtomicReplace;
import dev.fsyncguard.checker.protocol.ForceCoverage;
import dev.fsyncguard.checker.protocol.ForceFailure;
import dev.fsyncguard.checker.protocol.RenameSites;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import dev.fsyncguard.checker.protocol.TempLocation;

/** The diagnostics of the checks of a replace's later steps: what happens, then what to do. */
final class ReplaceMessages {
  private static final String GONE = "a crash in between, even kill -9, leaves no ";

  private ReplaceMessages() {}

  /** The diagnostic of the check of {@code step} at a site where it fails. */
  static String of(
      ReplaceStep step, MethodInvocationTree tree, SiteVerdicts site, VisitorState state) {
    switch (step) {
      case FORCE:
        return forceMissing(tree, site.site().rename(), site.sourceState(), state);
      case ATOMIC:
        return nonAtomic(tree, site.site(), site.atomic(), state);
      case TEMP_LOCATION:
        return tempOutside(tree, site.site(), site.temp(), state);
      case DIRECTORY_FORCE:
        return directoryNotForced(tree, site.site(), state);
      default:
        throw new IllegalArgumentException(step + " is reported at the force, not at the site");
    }
  }

  /**
   * For a save spread over an object's methods, which ones it spans: the reader sees only the
   * commit, and the write it is judged with is in another method.
   */
  static String span(SiteVerdicts site) {
    SiteVerdicts.Span span = site.span();
    return span == null
        ? ""
        : " The save spans the object's methods: "
            + span.opens()
            + (span.handsOut()
                ? " opens the file for writing and returns the stream, its callers write through"
                    + " it and hand it back, and "
                : " opens the file for writing and keeps the stream, its callers write through it,"
                    + " and ")
            + span.commits()
            + " commits it.";
  }

  static String nonAtomic(
      MethodInvocationTree tree,
      RenameSites.Site site,
      AtomicReplace.Finding finding,
      VisitorState state) {
    String source = quoted(site.rename().operandIn(tree), state);
    String target = quoted(site.rename().targetIn(tree), state);
    switch (finding.kind()) {
      case REPLACE_WITHOUT_ATOMIC_MOVE:
        return "Files.move replaces "
            + target
            + " with "
            + source
            + " without ATOMIC_MOVE: the JDK"
            + " then deletes "
            + target
            + " before it renames (across file systems it copies), so "
            + GONE
            + target
            + " at all. Add StandardCopyOption.ATOMIC_MOVE, or use DurableFiles.rename.";
      case DELETE_BEFORE_RENAME:
        return target
            + " is deleted on line "
            + line(finding.verdict().position(), state)
            + " before "
            + source
            + " is renamed onto it: "
            + GONE
            + target
            + " at all. Drop the"
            + " delete and rename with Files.move(…, ATOMIC_MOVE), which replaces the target in one"
            + " step, or use DurableFiles.rename.";
      case COPY_OVER_TARGET:
        return "Files.copy with REPLACE_EXISTING replaces "
            + target
            + " by deleting it and copying "
            + source
            + " into it: "
            + GONE
            + target
            + ", or a partial one. Rename "
            + source
            + " onto "
            + target
            + " with Files.move(…, ATOMIC_MOVE) instead, or use DurableFiles.";
      case NON_ATOMIC_FALLBACK:
        boolean copy = site.isCopy();
        boolean deleted = site.verdict().targetDeleted();
        return "When the atomic move on line "
            + line(finding.verdict().position(), state)
            + " fails, this replaces "
            + target
            + (copy
                ? " by copying over it"
                : deleted ? " after deleting it" : " without ATOMIC_MOVE")
            + ": on that file system "
            + GONE
            + target
            + " or a partial one, and nobody is told. Let the failure fail the save (a temp file in"
            + " the target's directory can always be moved atomically), or use"
            + " DurableFiles.rename.";
      case TWO_STEP_HELPER:
        return quotedMethod(tree)
            + " can replace "
            + target
            + " in two steps (on some path it deletes the target before its rename, or falls back"
            + " to a move without ATOMIC_MOVE): "
            + GONE
            + target
            + " or a partial one. Rename with Files.move(…, ATOMIC_MOVE), or use"
            + " DurableFiles.rename.";
      default:
        return "The replace of " + target + " is not atomic.";
    }
  }

  private static boolean returnsBoolean(MethodInvocationTree call) {
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null && FileTypes.isBoolean(method.getReturnType());
  }

  /** The called method as the reader sees it: {@code `replace(…)`}. */
  private static String quotedMethod(MethodInvocationTree tree) {
    Symbol method = ASTHelpers.getSymbol(tree);
    return "`" + (method == null ? "the helper" : method.getSimpleName()) + "(…)`";
  }

  static String tempOutside(
      MethodInvocationTree tree,
      RenameSites.Site site,
      TempLocation.Finding finding,
      VisitorState state) {
    String source = quoted(site.rename().operandIn(tree), state);
    String target = quoted(site.rename().targetIn(tree), state);
    String consequence;
    if (FileApis.FILES_MOVE.matches(tree, state)) {
      CopyOptions options = CopyOptions.of(tree);
      consequence =
          options.known() && options.atomicMove()
              ? "this move throws AtomicMoveNotSupportedException"
              : "this move copies and deletes, which is neither atomic nor forced";
    } else if (FileApis.RENAME_TO.matches(tree, state)) {
      consequence = "File.renameTo fails and returns false";
    } else {
      consequence = "no rename onto " + target + " can be atomic";
    }
    return source
        + " is created in java.io.tmpdir (line "
        + line(finding.verdict().position(), state)
        + ") and renamed onto "
        + target
        + ", which is elsewhere: java.io.tmpdir is often another file"
        + " system (tmpfs, a container volume), where "
        + consequence
        + ". Create the temp file in the"
        + " target's directory, or use DurableFiles.";
  }

  static String directoryNotForced(
      MethodInvocationTree tree, RenameSites.Site site, VisitorState state) {
    String source = quoted(site.rename().operandIn(tree), state);
    String target = quoted(site.rename().targetIn(tree), state);
    return source
        + " is renamed onto "
        + target
        + ", but on some path to the method's return the"
        + " directory holding "
        + target
        + " is not forced after the rename: after a power loss or"
        + " kernel crash the rename can be undone, and "
        + target
        + " is back to its old content"
        + " although the save returned. Force the directory after the rename"
        + " (DurableFiles.forceDirectory), or rename with DurableFiles.rename.";
  }

  static String forceFailureIgnored(
      MethodInvocationTree force, ForceFailure.Finding finding, VisitorState state) {
    String lost =
        "after a failed fsync, Linux may mark the unwritten pages clean, so the data can be gone"
            + " although a later fsync succeeds.";
    switch (finding.kind()) {
      case RETRIED:
        int failed = ASTHelpers.getStartPosition(finding.related());
        boolean same = finding.related() == force;
        return (same
                ? "This force is retried in a loop after it failed: "
                : "This force retries the one on line "
                    + line(failed, state)
                    + " after it failed: ")
            + lost
            + " Treat the first failure as final: let it fail the save, and abandon the temp file.";
      case SWALLOWED_THEN_PUBLISHED:
        if (finding.handler() == null && returnsBoolean(force)) {
          return "This call forces the file, and `"
              + ASTHelpers.getSymbol(force).getSimpleName()
              + "` returns false when the force fails, but the file is published on line "
              + line(ASTHelpers.getStartPosition(finding.related()), state)
              + " whatever it returned: "
              + lost
              + " Fail the save when it returns false, and abandon the temp file.";
        }
        if (finding.handler() == null) {
          return "This call forces the file, but `"
              + ASTHelpers.getSymbol(force).getSimpleName()
              + "` catches the force's failure and lets it go, and the file is then published on"
              + " line "
              + line(ASTHelpers.getStartPosition(finding.related()), state)
              + " as if its data were safe: "
              + lost
              + " Let the failure reach this method (rethrow it in the helper) and abandon the temp"
              + " file.";
        }
        return "The failure of this force is caught on line "
            + line(ASTHelpers.getStartPosition(finding.handler()), state)
            + " and let go, and the file is then published on line "
            + line(ASTHelpers.getStartPosition(finding.related()), state)
            + " as if its data were safe: "
            + lost
            + " Let the failure fail the save (rethrow it, or return failure) and abandon the temp"
            + " file.";
      default:
        if (finding.related() == null) {
          return "The failure of this force is caught on line "
              + line(ASTHelpers.getStartPosition(finding.handler()), state)
              + " and let go, and the method returns as if the data written before it were"
              + " durable: "
              + lost
              + " Let the failure reach the caller.";
        }
        return "The failure of this force of the directory is caught on line "
            + line(ASTHelpers.getStartPosition(finding.handler()), state)
            + " and let go, and the method returns as if the rename on line "
            + line(ASTHelpers.getStartPosition(finding.related()), state)
            + " were durable: after a crash it can be undone. Let the failure reach the caller.";
    }
  }

  /**
   * The diagnostic for a rename whose source is still dirty, for example "`tmp` is renamed before
   * the write on line 26 was forced to disk (never forced on any path): after a power loss …"; the
   * parenthesis is {@link ForceCoverage}'s.
   */
  static String forceMissing(
      MethodInvocationTree tree, Action rename, FileState verdict, VisitorState state) {
    String source = quoted(rename.operandIn(tree), rename.field(), state);
    String target = quoted(rename.targetIn(tree), rename.targetField(), state);
    LineMap lines = state.getPath().getCompilationUnit().getLineMap();
    StringBuilder message = new StringBuilder(source).append(" is renamed before ");
    if (verdict.position() >= 0) {
      message.append("the write on line ").append(lines.getLineNumber(verdict.position()));
    } else {
      message.append("its last write");
    }
    message.append(
        verdict.level() == FileState.Level.BUFFERED
            ? " left its Java buffer, let alone reached the disk"
            : " was forced to disk");
    message.append(" (").append(ForceCoverage.of(verdict, lines)).append(")");
    message
        .append(": after a power loss or kernel crash, ")
        .append(target)
        .append(" can be empty or partial, and its old content is gone. ");
    if (verdict.excused()) {
      message.append("The force is skipped when the durability switch is off. ");
    }
    message.append(
        verdict.level() == FileState.Level.BUFFERED
            ? "Flush or close the buffered stream, then force the file"
            : "Force the file (FileChannel.force)");
    message.append(" before the rename, or write it with DurableFiles.");
    return message.toString();
  }

  /** The operand as the code spells it, or the callee's field it stands for, or "the file". */
  private static String quoted(ExpressionTree expression, Symbol field, VisitorState state) {
    String source = expression == null ? null : state.getSourceForNode(expression);
    if (source == null && field != null) {
      source = field.getSimpleName().toString();
    }
    return source == null ? "the file" : "`" + source + "`";
  }

  private static String quoted(ExpressionTree expression, VisitorState state) {
    String source = expression == null ? null : state.getSourceForNode(expression);
    return source == null ? "the file" : "`" + source + "`";
  }

  private static long line(int position, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(position);
  }
}
