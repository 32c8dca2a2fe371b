package dev.fsyncguard.checker.baseline;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ScannerSupplier;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * One compile of the {@code .java} files under a project directory with every check, as a build
 * runs them: the findings the checks report, and what javac says about the baseline.
 */
final class BaselineRun {
  /** A check's finding: its check, file name and line. */
  record Finding(String check, String file, long line) {
    @Override
    public String toString() {
      return check + " " + file + ":" + line;
    }
  }

  private final ImmutableList<Finding> findings;
  private final ImmutableList<String> messages;

  private BaselineRun(ImmutableList<Finding> findings, ImmutableList<String> messages) {
    this.findings = findings;
    this.messages = messages;
  }

  /**
   * Compiles the project's sources into a directory of {@code project}'s parent's temp space with
   * {@code checks} enabled and {@code flags}; fails the test when javac rejects the code itself.
   */
  static BaselineRun compile(
      Path project, List<Class<? extends BugChecker>> checks, List<String> flags)
      throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(project)) {
      sources =
          files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    Path output =
        Files.createDirectories(project.resolveSibling(project.getFileName() + "-classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                output.toString(),
                "-proc:none",
                "-encoding",
                "UTF-8",
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW"));
    args.addAll(flags);
    ErrorProneJavaCompiler compiler =
        new ErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(checks));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiler
          .getTask(
              new StringWriter(),
              files,
              diagnostics,
              args,
              null,
              files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    ImmutableList.Builder<Finding> findings = ImmutableList.builder();
    ImmutableList.Builder<String> messages = ImmutableList.builder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.startsWith("[")) {
        String check = message.substring(1, message.indexOf(']'));
        String file = Path.of(d.getSource().toUri()).getFileName().toString();
        findings.add(new Finding(check, file, d.getLineNumber()));
      } else if (message.startsWith("fsync-guard:")) {
        messages.add(d.getKind() + ": " + message);
      } else {
        assertWithMessage("javac rejected the test's code")
            .that(d.getKind())
            .isNotEqualTo(Diagnostic.Kind.ERROR);
      }
    }
    return new BaselineRun(findings.build(), messages.build());
  }

  ImmutableList<Finding> findings() {
    return findings;
  }

  /** javac's messages about the baseline, each as {@code KIND: text}. */
  ImmutableList<String> messages() {
    return messages;
  }
}
