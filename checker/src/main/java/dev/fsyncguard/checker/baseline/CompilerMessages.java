package dev.fsyncguard.checker.baseline;

import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import javax.tools.JavaFileObject;

/**
 * Messages about the baseline itself, through javac's log rather than as a check's finding: they
 * are not about code, and a check's severity must not turn a stale entry into an error.
 */
final class CompilerMessages {
  // javac's own key for a plain message, the one annotation processors' Messager uses.
  private static final String PLAIN = "proc.messager";

  private final Log log;

  CompilerMessages(Context context) {
    this.log = Log.instance(context);
  }

  void error(String message) {
    report(() -> log.error(new JCDiagnostic.Error("compiler", PLAIN, message)));
  }

  void warning(String message) {
    report(() -> log.warning(new JCDiagnostic.Warning("compiler", PLAIN, message)));
  }

  /** A note even under {@code -nowarn}, which silences plain notes: the user asked for this one. */
  void note(String message) {
    report(() -> log.mandatoryNote(null, new JCDiagnostic.Note("compiler", PLAIN, message)));
  }

  /** Reports with no source file: the message is about the baseline, not the file being checked. */
  private void report(Runnable report) {
    JavaFileObject previous = log.useSource(null);
    try {
      report.run();
    } finally {
      log.useSource(previous);
    }
  }
}
