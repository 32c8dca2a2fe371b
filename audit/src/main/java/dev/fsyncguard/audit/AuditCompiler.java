package dev.fsyncguard.audit;

import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.BasicJavacTask;
import dev.fsyncguard.checker.AllChecks;
import dev.fsyncguard.checker.baseline.BaselineOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles sources with Error Prone running only the audit, into a temporary directory: the audited
 * project is never written to.
 */
final class AuditCompiler {
  /** The sources did not compile; the audit cannot analyse code javac rejects. */
  static final class CompilationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The files javac reported errors in. */
    final transient Set<Path> files;

    /** The packages javac said do not exist: what the class path lacks. */
    final transient Set<String> missingPackages;

    CompilationFailedException(String message, Set<Path> files, Set<String> missingPackages) {
      super(message);
      this.files = files;
      this.missingPackages = missingPackages;
    }
  }

  /**
   * What a best-effort audit found, and what it left out.
   *
   * @param sites the sites of the files that compiled
   * @param leftOut the files that do not compile against the class path, and those that need them
   * @param missingPackages the packages javac could not find, sorted
   */
  record Partial(List<RenameSite> sites, List<Path> leftOut, List<String> missingPackages) {}

  /** A best-effort audit gives up after this many compiles: files that fail pull others down. */
  private static final int BEST_EFFORT_ROUNDS = 6;

  private static final Pattern MISSING_PACKAGE = Pattern.compile("package (\\S+) does not exist");

  /** The checks that write a baseline when the options ask for an update. */
  private static final List<Class<? extends BugChecker>> CHECKS = AllChecks.CLASSES;

  private final PrintStream progress;
  private final boolean terminal;
  private final List<String> baselineMessages = new ArrayList<>();

  /** Progress goes to {@code progress}: as a bar if it is standard error on a terminal. */
  AuditCompiler(PrintStream progress) {
    this(progress, progress == System.err && ProgressBar.onTerminal());
  }

  /**
   * @param terminal whether {@code progress} is a terminal: the files analysed are then counted on
   *     one line redrawn in place, not in a line for every tenth
   */
  AuditCompiler(PrintStream progress, boolean terminal) {
    this.progress = progress;
    this.terminal = terminal;
  }

  /** Audits the sources under {@code sourceRoots}, compiled into a directory deleted after. */
  List<RenameSite> audit(List<Path> sourceRoots, List<String> classPath, List<String> options)
      throws IOException, CompilationFailedException {
    Path output = Files.createTempDirectory("fsync-guard-audit");
    try {
      return audit(sourceRoots, classPath, options, output);
    } finally {
      deleteTree(output);
    }
  }

  /**
   * Audits the sources under {@code sourceRoots}, compiled into {@code output}, which the caller
   * owns: a later module of the same build compiles against it.
   */
  List<RenameSite> audit(
      List<Path> sourceRoots, List<String> classPath, List<String> options, Path output)
      throws IOException, CompilationFailedException {
    List<Path> sources = sourcesUnder(sourceRoots);
    if (sources.isEmpty()) {
      return List.of();
    }
    progress.printf(
        "fsync-guard audit: analysing %s from %s%n",
        count(sources.size(), "file"), count(sourceRoots.size(), "source root"));
    return compile(sources, classPath, options, output);
  }

  /**
   * Audits what compiles: the files javac rejects (and then those that need them) are left out, one
   * compile after another, and named in the result. For published sources, whose class path can
   * lack what their build had (a shaded or generated class).
   */
  Partial auditBestEffort(List<Path> sourceRoots, List<String> classPath, List<String> options)
      throws IOException, CompilationFailedException {
    List<Path> sources = sourcesUnder(sourceRoots);
    List<Path> excluded = new ArrayList<>();
    Set<String> missing = new TreeSet<>();
    progress.printf(
        "fsync-guard audit: analysing %s from %s%n",
        count(sources.size(), "file"), count(sourceRoots.size(), "source root"));
    for (int round = 1; ; round++) {
      Path output = Files.createTempDirectory("fsync-guard-audit");
      try {
        List<RenameSite> sites =
            sources.isEmpty() ? List.of() : compile(sources, classPath, options, output);
        return new Partial(sites, List.copyOf(excluded), List.copyOf(missing));
      } catch (CompilationFailedException e) {
        missing.addAll(e.missingPackages);
        if (e.files.isEmpty() || round == BEST_EFFORT_ROUNDS) {
          throw e;
        }
        excluded.addAll(e.files);
        sources.removeAll(e.files);
        progress.printf(
            "fsync-guard audit: %s do not compile against the class path; analysing the other %s%n",
            count(e.files.size(), "file"), count(sources.size(), "file"));
      } finally {
        deleteTree(output);
      }
    }
  }

  /**
   * The {@code .java} files under the roots, each once, sorted; {@code module-info.java} left out.
   */
  private static List<Path> sourcesUnder(List<Path> sourceRoots) throws IOException {
    // A set: roots can nest, and a file compiled twice is a duplicate class.
    Set<Path> found = new LinkedHashSet<>();
    for (Path root : sourceRoots) {
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
            .filter(f -> !f.getFileName().toString().equals("module-info.java"))
            .map(f -> f.toAbsolutePath().normalize())
            .sorted()
            .forEach(found::add);
      }
    }
    return new ArrayList<>(found);
  }

  /** Deletes a directory the audit compiled into. */
  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
    }
  }

  private List<RenameSite> compile(
      List<Path> sources, List<String> classPath, List<String> options, Path output)
      throws IOException, CompilationFailedException {
    List<Class<? extends BugChecker>> checkers = new ArrayList<>(CHECKS);
    checkers.add(RenameAudit.class);
    ErrorProneJavaCompiler compiler =
        new ErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(checkers));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-d",
            output.toString(),
            "-proc:none",
            "-encoding",
            "UTF-8",
            "-nowarn",
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-XepDisableAllChecks",
            "-Xep:RenameAudit:WARN"));
    if (!classPath.isEmpty()) {
      args.add("-classpath");
      args.add(String.join(java.io.File.pathSeparator, classPath));
    }
    if (options.contains("-XepOpt:" + BaselineOptions.UPDATE_FLAG + "=true")) {
      // The baseline lists what the checks report: they run, each recording its findings.
      CHECKS.forEach(check -> args.add("-Xep:" + check.getSimpleName() + ":WARN"));
    }
    args.addAll(options);
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              compiler.getTask(
                  new StringWriter(),
                  files,
                  diagnostics,
                  args,
                  null,
                  files.getJavaFileObjectsFromPaths(sources));
      Progress listener = new Progress(sources.size());
      task.addTaskListener(listener);
      // Taken before the call: javac lets go of its context when the task ends.
      AuditLog log = AuditLog.instance(((BasicJavacTask) task).getContext());
      boolean ok;
      try {
        ok = task.call();
      } finally {
        listener.finish();
      }
      List<Diagnostic<? extends JavaFileObject>> errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .collect(Collectors.toList());
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        if (d.getSource() == null && message.startsWith("fsync-guard:")) {
          baselineMessages.add(message);
        }
      }
      if (!ok || !errors.isEmpty()) {
        Set<Path> failing = new LinkedHashSet<>();
        Set<String> missing = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> error : errors) {
          if (error.getSource() != null) {
            failing.add(Paths.get(error.getSource().toUri()).toAbsolutePath().normalize());
          }
          Matcher pkg = MISSING_PACKAGE.matcher(error.getMessage(Locale.ROOT));
          if (pkg.find()) {
            missing.add(pkg.group(1));
          }
        }
        throw new CompilationFailedException(describe(errors), failing, missing);
      }
      return List.copyOf(log.sites());
    }
  }

  /** What the compiles said about the baseline: that it was written, or why it was not. */
  List<String> baselineMessages() {
    return List.copyOf(baselineMessages);
  }

  private static String describe(List<Diagnostic<? extends JavaFileObject>> errors) {
    StringBuilder text = new StringBuilder();
    errors.stream()
        .limit(20)
        .forEach(
            d ->
                text.append(d.getSource() == null ? "" : d.getSource().getName())
                    .append(':')
                    .append(d.getLineNumber())
                    .append(": ")
                    .append(d.getMessage(Locale.ROOT))
                    .append('\n'));
    if (errors.size() > 20) {
      text.append("... and ").append(errors.size() - 20).append(" more errors\n");
    }
    return text.toString();
  }

  /**
   * Counts the files analysed: on a terminal with a bar, else in a line for every tenth, for runs
   * long enough to need it.
   */
  private final class Progress implements TaskListener {
    private final int total;
    private final ProgressBar bar;

    /**
     * The files whose analysis has begun to finish: javac ends analysis once per top-level class,
     * and a file can hold several, so files are counted by their compilation unit.
     */
    private final Set<CompilationUnitTree> analysed =
        Collections.newSetFromMap(new IdentityHashMap<>());

    private int lastTenth;

    Progress(int total) {
      this.total = total;
      this.bar = terminal ? new ProgressBar(progress, total) : null;
    }

    @Override
    public void finished(TaskEvent event) {
      if (event.getKind() != TaskEvent.Kind.ANALYZE || !analysed.add(event.getCompilationUnit())) {
        return;
      }
      if (bar != null) {
        bar.show(analysed.size());
        return;
      }
      if (total < 100) {
        return;
      }
      int tenth = analysed.size() * 10 / total;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        progress.printf(
            "fsync-guard audit: %d%% (%d/%d files)%n", tenth * 10, analysed.size(), total);
      }
    }

    void finish() {
      if (bar != null) {
        bar.finish();
      }
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
