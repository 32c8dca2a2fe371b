import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles each library of the config twice per round, in this JVM: Error Prone alone (its default
 * checks) and Error Prone plus fsync-guard's checks. Prints a table of medians and writes every finding.
 * Launched by bench/real-libraries.sh as a single-file program; see bench/README.md.
 */
public final class Runner {
  static final List<String> OUR_CHECKS =
      List.of(
          "RenameWithoutFsync",
          "FsyncsWithoutForce",
          "NonAtomicReplace",
          "TempFileOutsideTargetDirectory",
          "RenameWithoutDirectoryFsync",
          "FsyncFailureIgnored");
  static final String CRASH = "An unhandled exception was thrown by the Error Prone";
  static final String STRICT_PROPERTY = "dev.fsyncguard.failOnAnalysisError";

  record Lib(String name, Path src, String classpath, List<Path> files, List<Path> excluded) {}

  record Finding(String check, String file, long line, String message) {
    String render() {
      return file + ":" + line + ": [" + check + "] " + message;
    }
  }

  static final class Result {
    long wallNanos;
    long cpuNanos;
    java.time.Instant start;
    java.time.Instant end;
    /** CPU samples of the compiling thread during this compilation, and those in our checks' code. */
    int samples;
    int ourSamples;
    int warnings;
    final List<Finding> findings = new ArrayList<>();
    final List<String> ourCrashes = new ArrayList<>();
    final List<String> otherCrashes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
  }

  static final class Stats {
    final List<Result> alone = new ArrayList<>();
    final List<Result> withUs = new ArrayList<>();
    Result strict;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path out = Path.of(opt.get("out"));
    String errorProne = opt.get("errorprone");
    String checker = opt.get("checker");
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "1"));
    boolean strict = !"0".equals(opt.getOrDefault("strict", "1"));
    control = "1".equals(opt.getOrDefault("control", "0"));
    List<Lib> libs = readConfig(Path.of(opt.get("config")));
    Files.createDirectories(out);
    PrintStream log = System.out;

    int totalFiles = libs.stream().mapToInt(l -> l.files().size()).sum();
    log.printf(
        "%d libraries, %d source files; %d warm-up round(s), %d measured round(s); java %s%n",
        libs.size(), totalFiles, warmup, rounds, System.getProperty("java.version"));

    // One processor path and one class loader for every compilation of both configurations, which
    // differ only in their -Xep flags: Error Prone is loaded and compiled by the JIT once, as in a
    // build daemon, instead of again for every compilation, which made single timings vary by 10-20 %.
    String processorPath = checker + java.io.File.pathSeparator + errorProne;
    plugins = new SharedLoader(processorPath);

    // Started before the warm-up, which then also absorbs the cost of starting JFR.
    Profile profile = new Profile();

    // Warm-up (JIT, caches): the first library in both configurations, N times, discarded.
    for (int w = 0; w < warmup && !libs.isEmpty(); w++) {
      Lib lib = libs.get(0);
      long t0 = System.nanoTime();
      compile(lib, false, out);
      compile(lib, true, out);
      log.printf("  warm-up %d %-22s %6.1fs%n", w + 1, lib.name(), (System.nanoTime() - t0) / 1e9);
    }

    Map<String, Stats> stats = new LinkedHashMap<>();
    for (Lib lib : libs) {
      stats.put(lib.name(), new Stats());
    }
    for (int r = 0; r < rounds; r++) {
      List<Result> compiled = new ArrayList<>();
      for (int i = 0; i < libs.size(); i++) {
        Lib lib = libs.get(i);
        Stats s = stats.get(lib.name());
        boolean aloneFirst = (r + i) % 2 == 0; // both orders in every round, swapped each round
        Result a;
        Result b;
        if (aloneFirst) {
          a = compile(lib, false, out);
          b = compile(lib, true, out);
        } else {
          b = compile(lib, true, out);
          a = compile(lib, false, out);
        }
        s.alone.add(a);
        s.withUs.add(b);
        compiled.add(a);
        compiled.add(b);
        log.printf(
            "  round %d %-22s alone %6.1fs  +fsync-guard %6.1fs  (%s first)  ratio %.3f%n",
            r + 1, lib.name(), a.wallNanos / 1e9, b.wallNanos / 1e9,
            aloneFirst ? "alone" : "fsync-guard", (double) b.wallNanos / a.wallNanos);
      }
      profile.attribute(compiled, out.resolve("profile.jfr"));
      // Files after every round, so that a run cut short still leaves its table and findings.
      report(libs, stats, r + 1, false, out, null);
    }

    profile.recording.close();

    // Strict pass (not timed): our analysis rethrows internal errors it otherwise hides as "no finding".
    if (strict) {
      System.setProperty(STRICT_PROPERTY, "true");
      try {
        for (Lib lib : libs) {
          Result strictResult = compile(lib, true, out);
          stats.get(lib.name()).strict = strictResult;
          log.printf("  strict  %-22s done: %d hidden analysis error(s)%n",
              lib.name(), strictResult.ourCrashes.size());
        }
      } finally {
        System.clearProperty(STRICT_PROPERTY);
      }
    }

    report(libs, stats, rounds, strict, out, log);
  }

  static List<Lib> readConfig(Path config) throws IOException {
    List<Lib> libs = new ArrayList<>();
    for (String line : Files.readAllLines(config)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Path src = Path.of(f[1]);
      String classpath = Files.readString(Path.of(f[2])).strip();
      List<PathMatcher> excludes = new ArrayList<>();
      if (f.length > 3 && !f[3].isBlank()) {
        for (String glob : f[3].split(",")) {
          excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
      }
      List<Path> files = new ArrayList<>();
      List<Path> excluded = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path p : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          Path rel = src.relativize(p);
          // module-info would turn the compilation into a module compilation; the class path is flat.
          if (rel.getFileName().toString().equals("module-info.java")
              || excludes.stream().anyMatch(m -> m.matches(rel))) {
            excluded.add(rel);
          } else {
            files.add(p);
          }
        }
      }
      libs.add(new Lib(f[0], src, classpath, files, excluded));
    }
    return libs;
  }

  /**
   * CPU samples (JFR, every 10 ms) of the compiling thread, attributed to the compilation running at
   * the time; a sample with a frame of our code in its stack is time our checks cost. Unlike two
   * wall-clock timings, this share does not vary with what else the machine is doing.
   */
  static final class Profile {
    final jdk.jfr.Recording recording = new jdk.jfr.Recording();
    final long thread = Thread.currentThread().getId();

    Profile() {
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
      recording.start();
    }

    /** Counts the samples taken during {@code compilations} (the recording goes on). */
    void attribute(List<Result> compilations, Path file) throws IOException {
      recording.dump(file);
      try (jdk.jfr.consumer.RecordingFile events = new jdk.jfr.consumer.RecordingFile(file)) {
        while (events.hasMoreEvents()) {
          jdk.jfr.consumer.RecordedEvent event = events.readEvent();
          jdk.jfr.consumer.RecordedThread sampled = event.getThread("sampledThread");
          if (!event.getEventType().getName().equals("jdk.ExecutionSample")
              || sampled == null
              || sampled.getJavaThreadId() != thread) {
            continue;
          }
          java.time.Instant at = event.getStartTime();
          for (Result result : compilations) {
            if (!at.isBefore(result.start) && at.isBefore(result.end)) {
              result.samples++;
              jdk.jfr.consumer.RecordedStackTrace stack = event.getStackTrace();
              if (stack != null
                  && stack.getFrames().stream()
                      .anyMatch(f -> f.getMethod().getType().getName().startsWith("dev.fsyncguard."))) {
                result.ourSamples++;
              }
              break;
            }
          }
        }
      }
      Files.delete(file);
    }
  }

  /**
   * A control run: our checks off in both configurations, so that any ratio other than 1 is what
   * this machine's noise alone produces.
   */
  static boolean control;

  /** Error Prone and our checker, loaded once. */
  static SharedLoader plugins;

  /**
   * A class loader over the processor path that javac cannot close (it closes the processor loader
   * after each compilation when it is {@link java.io.Closeable}), so loaded classes stay loaded.
   */
  static final class SharedLoader extends ClassLoader {
    final String path;

    SharedLoader(String path) throws IOException {
      super(urlLoader(path));
      this.path = path;
    }

    private static ClassLoader urlLoader(String path) throws IOException {
      List<java.net.URL> urls = new ArrayList<>();
      for (String entry : path.split(java.io.File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      // The parent javac gives its own processor loaders: the one that has javac's classes.
      ClassLoader javacLoader = ToolProvider.getSystemJavaCompiler().getClass().getClassLoader();
      return new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), javacLoader);
    }
  }

  /** The file manager of one compilation, handing javac the shared loader for the processor path. */
  static final class SharedPluginsFileManager
      extends javax.tools.ForwardingJavaFileManager<StandardJavaFileManager> {
    SharedPluginsFileManager(StandardJavaFileManager fm) {
      super(fm);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
      return location == javax.tools.StandardLocation.ANNOTATION_PROCESSOR_PATH
          ? plugins
          : super.getClassLoader(location);
    }
  }

  static Result compile(Lib lib, boolean withUs, Path out) {
    String processorPath = plugins.path;
    Result result = new Result();
    Path classes;
    try {
      classes = Files.createTempDirectory(out, "classes-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> options = new ArrayList<>(List.of(
        "-XDcompilePolicy=simple",
        "--should-stop=ifError=FLOW",
        "-proc:none",
        "-encoding", "UTF-8",
        "-d", classes.toString(),
        "-cp", lib.classpath(),
        "-processorpath", processorPath,
        "-Xmaxwarns", "1000000",
        "-Xmaxerrs", "1000000"));
    // Error Prone's own ERROR checks become warnings so that a library with a default-check finding
    // still compiles cleanly and every compilation unit is analysed in both configurations.
    String ours = withUs && !control ? "WARN" : "OFF";
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne -XepAllErrorsAsWarnings");
    for (String check : OUR_CHECKS) {
      plugin.append(" -Xep:").append(check).append(':').append(ours);
    }
    options.add(plugin.toString());
    DiagnosticListener<JavaFileObject> listener = d -> collect(d, lib, result);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    result.start = java.time.Instant.now();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(listener, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(lib.files());
      javac.getTask(null, new SharedPluginsFileManager(fm), listener, options, null, units).call();
    } catch (Throwable e) {
      String trace = stackTrace(e);
      if (OUR_CHECKS.stream().anyMatch(trace::contains) || trace.contains("dev.fsyncguard")) {
        result.ourCrashes.add(trace);
      } else {
        result.otherCrashes.add(trace);
      }
    }
    result.end = java.time.Instant.now();
    result.wallNanos = System.nanoTime() - t0;
    result.cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
    deleteTree(classes);
    return result;
  }

  static void collect(Diagnostic<? extends JavaFileObject> d, Lib lib, Result result) {
    if (d.getKind() != Diagnostic.Kind.ERROR
        && d.getKind() != Diagnostic.Kind.WARNING
        && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
      return;
    }
    String message = d.getMessage(Locale.ROOT);
    String where = "";
    if (d.getSource() != null) {
      Path p = Path.of(d.getSource().toUri());
      where = (p.startsWith(lib.src()) ? lib.src().relativize(p) : p) + ":" + d.getLineNumber();
    }
    if (message.contains(CRASH)) {
      String entry = where + ": " + message;
      if (OUR_CHECKS.stream().anyMatch(message::contains) || message.contains("dev.fsyncguard")) {
        result.ourCrashes.add(entry);
      } else {
        result.otherCrashes.add(entry);
      }
      return;
    }
    for (String check : OUR_CHECKS) {
      if (message.startsWith("[" + check + "]")) {
        String file = d.getSource() == null ? "?" : where.substring(0, where.lastIndexOf(':'));
        String text = message.substring(check.length() + 2).strip();
        result.findings.add(new Finding(check, file, d.getLineNumber(), text));
        return;
      }
    }
    if (d.getKind() == Diagnostic.Kind.ERROR) {
      result.errors.add(where + ": " + message);
    } else {
      result.warnings++;
    }
  }

  static void report(
      List<Lib> libs, Map<String, Stats> stats, int rounds, boolean strict, Path out, PrintStream log)
      throws IOException {
    StringBuilder table = new StringBuilder();
    String header = String.format(
        "%-22s %6s %10s %10s %7s %9s %9s %8s %7s %7s %7s%n",
        "library", "files", "EP alone", "EP+fsync", "ratio", "ratio cpu", "our share", "findings",
        "crashes", "hidden", "errors");
    table.append(header);
    table.append("-".repeat(header.length() - 1)).append('\n');
    double sumAlone = 0;
    double sumWithUs = 0;
    double sumCpuAlone = 0;
    double sumCpuWithUs = 0;
    int files = 0;
    int findings = 0;
    int crashes = 0;
    int hidden = 0;
    int errors = 0;
    int samples = 0;
    int ourSamples = 0;
    List<String> perRound = new ArrayList<>();
    StringBuilder findingsText = new StringBuilder();
    StringBuilder problems = new StringBuilder();
    for (Lib lib : libs) {
      Stats s = stats.get(lib.name());
      double alone = median(s.alone.stream().mapToLong(r -> r.wallNanos).toArray()) / 1e9;
      double withUs = median(s.withUs.stream().mapToLong(r -> r.wallNanos).toArray()) / 1e9;
      double cpuAlone = median(s.alone.stream().mapToLong(r -> r.cpuNanos).toArray()) / 1e9;
      double cpuWithUs = median(s.withUs.stream().mapToLong(r -> r.cpuNanos).toArray()) / 1e9;
      Result first = s.withUs.get(0);
      int libCrashes = s.withUs.stream().mapToInt(r -> r.ourCrashes.size()).max().orElse(0);
      int libHidden = s.strict == null ? 0 : s.strict.ourCrashes.size();
      int libErrors = s.alone.get(0).errors.size();
      int libSamples = s.withUs.stream().mapToInt(r -> r.samples).sum();
      int libOurSamples = s.withUs.stream().mapToInt(r -> r.ourSamples).sum();
      table.append(String.format(
          "%-22s %6d %9.2fs %9.2fs %7.3f %9.3f %8.2f%% %8d %7d %7s %7d%n",
          lib.name(), lib.files().size(), alone, withUs, withUs / alone, cpuWithUs / cpuAlone,
          share(libOurSamples, libSamples), first.findings.size(), libCrashes,
          strict ? String.valueOf(libHidden) : "-", libErrors));
      samples += libSamples;
      ourSamples += libOurSamples;
      if (s.alone.stream().anyMatch(r -> r.ourSamples > 0)) {
        problems.append(lib.name()).append(": samples in our code with our checks off\n");
      }
      perRound.add(String.format("%-22s %s", lib.name(),
          java.util.stream.IntStream.range(0, rounds)
              .mapToObj(i -> String.format("%.3f", (double) s.withUs.get(i).wallNanos
                  / s.alone.get(i).wallNanos))
              .collect(Collectors.joining(" "))));
      sumAlone += alone;
      sumWithUs += withUs;
      sumCpuAlone += cpuAlone;
      sumCpuWithUs += cpuWithUs;
      files += lib.files().size();
      findings += first.findings.size();
      crashes += libCrashes;
      hidden += libHidden;
      errors += libErrors;
      for (Finding f : first.findings) {
        findingsText.append(lib.name()).append('/').append(f.render()).append('\n');
      }
      for (int i = 1; i < s.withUs.size(); i++) {
        if (!s.withUs.get(i).findings.equals(first.findings)) {
          problems.append(lib.name()).append(": findings differ between rounds\n");
        }
      }
      if (s.strict != null && !s.strict.findings.equals(first.findings)) {
        problems.append(lib.name()).append(": strict pass findings differ: ")
            .append(s.strict.findings.size()).append('\n');
      }
      if (s.alone.get(0).warnings != first.warnings) {
        problems.append(lib.name()).append(": Error Prone's own warnings differ: ")
            .append(s.alone.get(0).warnings).append(" alone vs ").append(first.warnings).append('\n');
      }
      List<String> crashText = new ArrayList<>();
      s.withUs.forEach(r -> crashText.addAll(r.ourCrashes));
      if (s.strict != null) {
        s.strict.ourCrashes.forEach(c -> crashText.add("[strict pass] " + c));
      }
      s.alone.forEach(r -> crashText.addAll(r.otherCrashes));
      s.withUs.forEach(r -> crashText.addAll(r.otherCrashes));
      for (String c : crashText.stream().distinct().toList()) {
        problems.append(lib.name()).append(" crash: ").append(c).append('\n');
      }
      for (String e : s.alone.get(0).errors) {
        problems.append(lib.name()).append(" javac error: ").append(e).append('\n');
      }
      if (!lib.excluded().isEmpty()) {
        problems.append(lib.name()).append(" excluded: ").append(lib.excluded()).append('\n');
      }
    }
    table.append("-".repeat(header.length() - 1)).append('\n');
    table.append(String.format(
        "%-22s %6d %9.2fs %9.2fs %7.3f %9.3f %8.2f%% %8d %7d %7s %7d%n",
        "TOTAL", files, sumAlone, sumWithUs, sumWithUs / sumAlone, sumCpuWithUs / sumCpuAlone,
        share(ourSamples, samples), findings, crashes, strict ? String.valueOf(hidden) : "-",
        errors));
    double ourShare = samples == 0 ? 0 : (double) ourSamples / samples;
    table.append(String.format(
        "%nProfile: %d of %d CPU samples (10 ms) of the EP+fsync compilations were in our checks'"
            + " code: a ratio of %.4f over the same compilations without them.%n",
        ourSamples, samples, 1 / (1 - ourShare)));
    String legend = """

        Times: median wall time of one in-process javac run over the %d measured rounds; ratio = EP+fsync / EP alone
        (TOTAL: sum of medians); ratio cpu: the same for the compiling thread's CPU time;
        our share: of the compiling thread's CPU samples during EP+fsync, those with our code on the stack.
        findings: diagnostics of all our checks; crashes: Error Prone crash reports
        naming our checks (or any exception) in the measured runs; hidden: internal analysis errors our
        checks swallow as "no finding", surfaced by the untimed strict pass (-D%s=true);
        errors: javac errors (must be 0: Error Prone skips compilation units with errors).
        """.formatted(rounds, STRICT_PROPERTY);
    String perRoundText = "\nPer-round ratios (wall):\n" + String.join("\n", perRound) + "\n";
    Files.writeString(out.resolve("results.txt"), table + legend + perRoundText);
    Files.writeString(out.resolve("findings.txt"), findingsText.toString());
    Files.writeString(out.resolve("problems.txt"), problems.toString());
    if (log == null) {
      return;
    }
    log.println();
    log.print(table);
    log.print(legend);
    log.print(perRoundText);
    if (problems.length() > 0) {
      log.println("\nNotes (full text in " + out.resolve("problems.txt") + "):");
      problems.toString().lines().limit(40).forEach(l -> log.println("  " + abbreviate(l)));
    }
    log.println("\nFindings (" + findings + ") written to " + out.resolve("findings.txt"));
    log.print(findingsText);
  }

  static double share(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  static String abbreviate(String line) {
    return line.length() > 300 ? line.substring(0, 300) + " ..." : line;
  }

  static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  }

  static String stackTrace(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
