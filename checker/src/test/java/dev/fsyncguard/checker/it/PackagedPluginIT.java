package dev.fsyncguard.checker.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the packaged checker jar the way a user's build does: the jar and Error Prone on the
 * annotation processor path, {@code -Xplugin:ErrorProne -Xep:RenameWithoutFsync:ERROR}.
 *
 * <p>Runs under maven-failsafe-plugin after {@code package}. The pom passes the jar's location in
 * {@value #CHECKER_JAR_PROPERTY} and keeps the checker's classes off the test class path, so a
 * finding can only come from the plugin loaded out of the jar.
 */
class PackagedPluginIT {

  static final String CHECKER_JAR_PROPERTY = "fsyncguard.checker.jar";
  private static final String CHECKER_CLASS = "dev.fsyncguard.checker.RenameWithoutFsync";
  private static final String SERVICE_FILE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  private static final String UNFORCED =
      String.join(
          "\n",
          "package demo;",
          "",
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "",
          "public final class ConfigWriter {",
          "  public static void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
          "    try {",
          "      Files.writeString(tmp, s);",
          "      Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);",
          "    } finally {",
          "      Files.deleteIfExists(tmp);",
          "    }",
          "  }",
          "}",
          "");

  private static final String FORCED =
      String.join(
          "\n",
          "package demo;",
          "",
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
          "",
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardOpenOption;",
          "",
          "public final class ConfigWriter {",
          "  public static void save(Path target, String s) throws IOException {",
          "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
          "    try {",
          "      Files.writeString(tmp, s);",
          "      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "        ch.force(true);",
          "      }",
          "      Files.move(tmp, target, REPLACE_EXISTING, ATOMIC_MOVE);",
          "      Path dir = target.toAbsolutePath().getParent();",
          "      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {",
          "        ch.force(true);",
          "      }",
          "    } finally {",
          "      Files.deleteIfExists(tmp);",
          "    }",
          "  }",
          "}",
          "");

  @TempDir Path sourceDir;

  private static Path checkerJar;
  private static List<File> processorPath;

  @BeforeAll
  static void buildProcessorPath() throws IOException {
    String jar = System.getProperty(CHECKER_JAR_PROPERTY);
    assertWithMessage(
            "system property %s (the packaged checker jar; set by failsafe in checker/pom.xml)",
            CHECKER_JAR_PROPERTY)
        .that(jar)
        .isNotNull();
    checkerJar = Path.of(jar).toAbsolutePath().normalize();
    assertWithMessage("packaged checker jar %s (run after `package`)", checkerJar)
        .that(Files.isRegularFile(checkerJar))
        .isTrue();
    try (JarFile jf = new JarFile(checkerJar.toFile())) {
      assertWithMessage("%s registers the check for ServiceLoader", checkerJar)
          .that(jf.getEntry(SERVICE_FILE))
          .isNotNull();
      String services =
          new String(
              jf.getInputStream(jf.getEntry(SERVICE_FILE)).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(services).contains(CHECKER_CLASS);
    }

    // Processor path = the packaged jar + every jar of the failsafe class path (Error Prone and its
    // dependencies, plus test libraries that carry no processors or checks). Directories
    // (test-classes)
    // are left out, and the checker's own classes must not be on the class path at all.
    Set<File> path = new LinkedHashSet<>();
    path.add(checkerJar.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
        path.add(p.toFile());
      }
    }
    processorPath = new ArrayList<>(path);

    assertWithMessage("error_prone_core on the processor path %s", processorPath)
        .that(processorPath.stream().anyMatch(f -> f.getName().startsWith("error_prone_core-")))
        .isTrue();
    List<File> providers = new ArrayList<>();
    for (File f : processorPath) {
      try (JarFile jf = new JarFile(f)) {
        if (jf.getEntry(CHECKER_CLASS.replace('.', '/') + ".class") != null) {
          providers.add(f);
        }
      }
    }
    assertWithMessage("jars on the processor path that hold the checker")
        .that(providers)
        .containsExactly(checkerJar.toFile());
  }

  @Test
  void checkerIsNotOnTheTestClassPath() {
    // If it were, Error Prone could find it through the parent class loader and this test would not
    // prove that the packaged jar loads as a plugin.
    ClassLoader loader = PackagedPluginIT.class.getClassLoader();
    assertThat(loader.getResource(CHECKER_CLASS.replace('.', '/') + ".class")).isNull();
  }

  @Test
  void unforcedRenameFailsTheBuild() throws IOException {
    JavaFileObject source = sourceFile(UNFORCED);
    Compilation compilation = compile("ERROR", source);

    assertWithMessage("diagnostics: %s", describe(compilation))
        .that(compilation.status())
        .isEqualTo(Compilation.Status.FAILURE);
    assertThat(compilation)
        .hadErrorContaining("[RenameWithoutFsync]")
        .inFile(source)
        .onLine(lineOf(UNFORCED, "Files.move("));
    assertNoCrash(compilation);
  }

  /**
   * Written in java.io.tmpdir, never forced, moved without ATOMIC_MOVE: three steps broken at one
   * call.
   */
  private static final String EVERY_STEP_BROKEN =
      String.join(
          "\n",
          "package demo;",
          "",
          "import java.io.IOException;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "",
          "public final class ConfigWriter {",
          "  public static void save(Path target, String s) throws IOException {",
          "    Path tmp = Files.createTempFile(\"config\", \".tmp\");",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);",
          "  }",
          "}",
          "");

  /**
   * With no {@code -Xep} flag at all, every check of the plugin runs at its default severity, and a
   * call that breaks three steps of the replace gets each check's diagnostic exactly once.
   */
  @Test
  void eachCheckReportsASiteOnceAtItsDefaultSeverity() throws IOException {
    JavaFileObject source = sourceFile(EVERY_STEP_BROKEN);
    Compilation compilation =
        javac()
            .withAnnotationProcessorPath(processorPath)
            .withOptions(
                "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", "-Xplugin:ErrorProne")
            .compile(source);

    long line = lineOf(EVERY_STEP_BROKEN, "Files.move(");
    for (String check :
        List.of("RenameWithoutFsync", "NonAtomicReplace", "TempFileOutsideTargetDirectory")) {
      List<String> reports =
          compilation.errors().stream()
              .filter(
                  d -> d.getLineNumber() == line && d.getMessage(null).contains("[" + check + "]"))
              .map(d -> d.getMessage(null))
              .collect(Collectors.toList());
      assertWithMessage("%s errors on line %s: %s", check, line, describe(compilation))
          .that(reports)
          .hasSize(1);
    }
    assertWithMessage("diagnostics: %s", describe(compilation))
        .that(compilation.errors())
        .hasSize(3);
    assertNoCrash(compilation);
  }

  @Test
  void reopenAndForceBeforeTheMoveCompilesCleanly() throws IOException {
    Compilation compilation = compile("ERROR", sourceFile(FORCED));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void checkTurnedOffCompilesTheUnforcedRename() throws IOException {
    Compilation compilation = compile("OFF", sourceFile(UNFORCED));

    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A source file on disk, as in a user's build. (Error Prone's own PackageInfo check cannot handle
   * the scheme-less URIs of in-memory sources, so {@code forSourceString} would crash it.)
   */
  private JavaFileObject sourceFile(String text) throws IOException {
    Path file = sourceDir.resolve("demo").resolve("ConfigWriter.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return JavaFileObjects.forResource(file.toUri().toURL());
  }

  /**
   * Compiles with the user's flags. {@code -Xep:RenameWithoutFsync:<level>} is itself a loading
   * check: Error Prone rejects a check name it does not know, so a successful compilation means the
   * plugin was found.
   */
  private static Compilation compile(String level, JavaFileObject source) {
    return javac()
        .withAnnotationProcessorPath(processorPath)
        .withOptions(
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -Xep:RenameWithoutFsync:" + level)
        .compile(source);
  }

  private static void assertNoCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(null);
      assertWithMessage("Error Prone crashed")
          .that(message)
          .doesNotContain("An unhandled exception was thrown by the Error Prone");
    }
  }

  private static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null))
        .collect(Collectors.joining("\n", "\n", ""));
  }

  private static long lineOf(String source, String needle) {
    String[] lines = source.split("\n", -1);
    long found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        assertWithMessage("'%s' occurs once in the test source", needle).that(found).isEqualTo(-1);
        found = i + 1;
      }
    }
    assertWithMessage("'%s' occurs in the test source", needle).that(found).isGreaterThan(0);
    return found;
  }
}
