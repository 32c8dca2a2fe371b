package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fsyncguard.checker.bench.MethodGenerator;
import dev.fsyncguard.checker.util.NeverThrow;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check must never crash the compiler. Compiles a large, varied body of Java with Error Prone
 * running only {@code RenameWithoutFsync} (as a warning) and requires a clean compilation with no
 * Error Prone crash report.
 *
 * <p>Two corpora: hand-written sources under {@code src/test/resources/corpus} (every language
 * shape, renames in odd places), and real library sources unpacked by maven-dependency-plugin in
 * {@code generate-test-resources} (commons-io, Guava's {@code com.google.common.io}). The pom
 * passes both locations as system properties.
 *
 * <p>This is a surefire test rather than an integration test: robustness is a property of the
 * analysis, not of the packaging, so it runs on every {@code mvn test} against the freshly compiled
 * classes. The processor path is the checker's class output plus the jars of the test class path
 * (Error Prone and its dependencies). With {@code dev.fsyncguard.failOnAnalysisError=true} the
 * check rethrows internal analysis errors instead of swallowing them, and Error Prone turns those
 * into a compile error, so any internal failure fails this test.
 */
class CorpusRobustnessTest {
  private static final String FAIL_ON_ANALYSIS_ERROR = NeverThrow.FAIL_ON_ANALYSIS_ERROR;
  private static final String HANDWRITTEN_PROPERTY = "fsyncguard.corpus.handwritten";
  private static final String SOURCES_PROPERTY = "fsyncguard.corpus.sources";
  private static final String REPORT_PROPERTY = "fsyncguard.corpus.report";
  private static final String CHECK_TAG = "[RenameWithoutFsync]";
  private static final List<String> OUR_CHECKS =
      List.of(
          "RenameWithoutFsync",
          "NonAtomicReplace",
          "TempFileOutsideTargetDirectory",
          "RenameWithoutDirectoryFsync",
          "FsyncFailureIgnored",
          "FsyncsWithoutForce");
  private static final String DURABLE_PROPERTY = "fsyncguard.durable.sources";
  private static final String DURABLE_APP_PROPERTY = "fsyncguard.samples.durableapp";

  private static String previousFailOnAnalysisError;
  private static List<Path> processorPath;
  private static List<Path> classPath;

  @TempDir Path out;

  @BeforeAll
  static void setUp() throws URISyntaxException, IOException {
    previousFailOnAnalysisError = System.setProperty(FAIL_ON_ANALYSIS_ERROR, "true");
    // This run's findings only: each compilation below appends its own.
    Files.deleteIfExists(Path.of(requiredProperty(REPORT_PROPERTY)));

    Path checkerClasses =
        Path.of(
            RenameWithoutFsync.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertWithMessage("checker location %s", checkerClasses)
        .that(
            Files.isRegularFile(
                checkerClasses.resolve(
                    "META-INF/services/com.google.errorprone.bugpatterns.BugChecker")))
        .isTrue();

    Set<Path> jars = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
        jars.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    assertWithMessage("error_prone_core on the test class path %s", jars)
        .that(
            jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("error_prone_core-")))
        .isTrue();

    List<Path> pp = new ArrayList<>();
    pp.add(checkerClasses);
    pp.addAll(jars);
    processorPath = List.copyOf(pp);
    // The library sources compile against the same jars (Guava's io package needs the rest of
    // Guava),
    // and the durable utility against the annotations, which a reactor build gives as a directory.
    List<Path> cp = new ArrayList<>(jars);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && entry.contains("annotations") && Files.isDirectory(Path.of(entry))) {
        cp.add(Path.of(entry));
      }
    }
    classPath = List.copyOf(cp);
  }

  @AfterAll
  static void tearDown() {
    if (previousFailOnAnalysisError == null) {
      System.clearProperty(FAIL_ON_ANALYSIS_ERROR);
    } else {
      System.setProperty(FAIL_ON_ANALYSIS_ERROR, previousFailOnAnalysisError);
    }
  }

  @Test
  void handWrittenCorpus() throws IOException {
    Path dir = Path.of(requiredProperty(HANDWRITTEN_PROPERTY));
    List<Path> files = javaFiles(dir);
    assertWithMessage("hand-written corpus files in %s", dir).that(files.size()).isAtLeast(5);
    int findings = compileCleanly("hand-written corpus", files);
    // The corpus holds plain write-then-rename methods: no finding at all means the check did not
    // run.
    assertWithMessage("RenameWithoutFsync findings in the hand-written corpus")
        .that(findings)
        .isGreaterThan(0);
  }

  @Test
  void commonsIoSources() throws IOException {
    Path dir = Path.of(requiredProperty(SOURCES_PROPERTY), "commons-io");
    List<Path> files = javaFiles(dir);
    assertWithMessage("commons-io sources unpacked into %s", dir).that(files.size()).isAtLeast(200);
    compileCleanly("commons-io", files);
  }

  @Test
  void guavaIoSources() throws IOException {
    Path dir = Path.of(requiredProperty(SOURCES_PROPERTY), "guava-io");
    List<Path> files = javaFiles(dir);
    assertWithMessage("Guava io sources unpacked into %s", dir).that(files.size()).isAtLeast(30);
    compileCleanly("guava com.google.common.io", files);
  }

  /**
   * The reference utility and the sample written the right way stay quiet under every check: the
   * checks' own advice, followed, must not be reported.
   */
  @Test
  void durableUtilityAndItsSampleAreQuietUnderEveryCheck() throws IOException {
    List<Path> files = new ArrayList<>(javaFiles(Path.of(requiredProperty(DURABLE_PROPERTY))));
    files.addAll(javaFiles(Path.of(requiredProperty(DURABLE_APP_PROPERTY))));
    assertWithMessage("durable and durable-app sources").that(files.size()).isAtLeast(5);
    List<String> diagnostics = compileCleanlyDiagnostics("durable + samples/durable-app", files);
    assertWithMessage("diagnostics of our checks").that(ourFindings(diagnostics)).isEmpty();
  }

  /**
   * Cutting long methods into segments must not change a finding: the hand-written corpus and a
   * generated method of about 1,500 statements (branches, loops, try/finally, temps written early
   * and renamed at its end) give the same diagnostics analysed whole, in segments of the default
   * size, and one top-level statement at a time.
   */
  @Test
  void segmentedAnalysisReportsWhatWholeMethodsDo() throws IOException {
    MethodGenerator.Generated generated = MethodGenerator.generate("LongMethod", 1_500);
    Path source =
        Files.createDirectories(out.resolve("generated/bench")).resolve("LongMethod.java");
    Files.writeString(source, generated.source());
    List<Path> files = new ArrayList<>(javaFiles(Path.of(requiredProperty(HANDWRITTEN_PROPERTY))));
    files.add(source);
    try {
      SegmentSize.whole();
      List<String> whole =
          ourFindings(compileCleanlyDiagnostics("corpus + generated, whole methods", files));
      SegmentSize.reset();
      List<String> segmented =
          ourFindings(compileCleanlyDiagnostics("corpus + generated, default segments", files));
      SegmentSize.set(1);
      List<String> perStatement =
          ourFindings(compileCleanlyDiagnostics("corpus + generated, one statement each", files));

      assertWithMessage("findings in the generated method")
          .that(whole.stream().filter(f -> f.contains("LongMethod.java")).count())
          .isGreaterThan(10L);
      assertWithMessage("findings with default segments").that(segmented).isEqualTo(whole);
      assertWithMessage("findings with one statement per segment")
          .that(perStatement)
          .isEqualTo(whole);
    } finally {
      SegmentSize.reset();
    }
  }

  private static List<String> findings(List<String> diagnostics) {
    return diagnostics.stream().filter(d -> d.contains(CHECK_TAG)).collect(Collectors.toList());
  }

  /** The diagnostics of any of our checks. */
  private static List<String> ourFindings(List<String> diagnostics) {
    return diagnostics.stream()
        .filter(d -> OUR_CHECKS.stream().anyMatch(check -> d.contains("[" + check + "]")))
        .collect(Collectors.toList());
  }

  /** Compiles {@code files} with only our check on; returns its number of findings. */
  private int compileCleanly(String name, List<Path> files) throws IOException {
    return findings(compileCleanlyDiagnostics(name, files)).size();
  }

  /** Compiles {@code files} with only our check on; returns every diagnostic, formatted. */
  private List<String> compileCleanlyDiagnostics(String name, List<Path> files) throws IOException {
    assertWithMessage("system property %s", FAIL_ON_ANALYSIS_ERROR)
        .that(System.getProperty(FAIL_ON_ANALYSIS_ERROR))
        .isEqualTo("true");

    long start = System.nanoTime();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    Boolean ok;
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      fm.setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH, processorPath);
      fm.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
      fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      List<String> options =
          List.of(
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              // -Xep:RenameWithoutFsync also proves the plugin loaded: Error Prone rejects unknown
              // check names.
              "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:RenameWithoutFsync:WARN"
                  + " -Xep:NonAtomicReplace:WARN -Xep:TempFileOutsideTargetDirectory:WARN"
                  + " -Xep:RenameWithoutDirectoryFsync:WARN -Xep:FsyncFailureIgnored:WARN"
                  + " -Xep:FsyncsWithoutForce:WARN",
              "-implicit:none",
              // No -Xlint:none or -nowarn: javac would drop Error Prone's warnings with its own.
              "-Xmaxerrs",
              "100000",
              "-Xmaxwarns",
              "100000",
              "-encoding",
              "UTF-8");
      ok =
          javac
              .getTask(
                  output, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    List<Diagnostic<? extends JavaFileObject>> all = diagnostics.getDiagnostics();
    List<String> errors = new ArrayList<>();
    List<String> crashes = new ArrayList<>();
    int findings = 0;
    for (Diagnostic<? extends JavaFileObject> d : all) {
      String message = d.getMessage(Locale.ROOT);
      if (message.contains("An unhandled exception was thrown by the Error Prone")
          || message.contains("crashed")) {
        crashes.add(format(d));
      }
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(format(d));
      }
      if (message.contains(CHECK_TAG)) {
        findings++;
      }
    }
    // The findings go to a file: a passing build's log should not read as a build full of warnings.
    StringBuilder report = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : all) {
      if (d.getKind() == Diagnostic.Kind.WARNING && d.getMessage(Locale.ROOT).contains("] ")) {
        report
            .append("[corpus] ")
            .append(name)
            .append(": ")
            .append(format(d).replace('\n', ' '))
            .append('\n');
      }
    }
    Path reportFile = Path.of(requiredProperty(REPORT_PROPERTY));
    Files.createDirectories(reportFile.getParent());
    Files.writeString(reportFile, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.printf(
        Locale.ROOT,
        "[corpus] %s: %d files compiled, %d RenameWithoutFsync warnings, %d diagnostics, %d ms"
            + " (listed in %s)%n",
        name,
        files.size(),
        findings,
        all.size(),
        millis,
        reportFile);

    assertWithMessage("Error Prone crash reports for %s", name).that(crashes).isEmpty();
    assertWithMessage("compile errors for %s (javac output: %s)", name, output)
        .that(errors)
        .isEmpty();
    assertWithMessage("compilation of %s succeeded (javac output: %s)", name, output)
        .that(ok)
        .isTrue();
    assertWithMessage("javac output for %s", name)
        .that(output.toString())
        .doesNotContain("crashed");
    return all.stream().map(CorpusRobustnessTest::format).collect(Collectors.toList());
  }

  private static String format(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "?" : d.getSource().getName();
    return d.getKind() + " " + file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    assertWithMessage("system property %s (set for surefire in checker/pom.xml)", key)
        .that(value)
        .isNotNull();
    return value;
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    assertWithMessage("corpus directory %s", dir).that(Files.isDirectory(dir)).isTrue();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
