package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.scanner.ScannerSupplier;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fsyncguard.checker.FsyncFailureIgnored;
import dev.fsyncguard.checker.NonAtomicReplace;
import dev.fsyncguard.checker.RenameWithoutDirectoryFsync;
import dev.fsyncguard.checker.RenameWithoutFsync;
import dev.fsyncguard.checker.TempFileOutsideTargetDirectory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit names each rename where the build's RenameWithoutFsync reports it, and says the same;
 * so for NonAtomicReplace, TempFileOutsideTargetDirectory and RenameWithoutDirectoryFsync. The
 * build reports FsyncFailureIgnored at the force: the audit's failing sites name that force's line.
 */
class AuditAgreesWithBuildTest {
  @TempDir Path dir;

  /** Calls of every shape whose reported position differs from the start of the expression. */
  private static final String PLACES =
      String.join(
          "\n",
          "package demo;",
          "import static java.nio.file.Files.move;",
          "import java.io.*;",
          "import java.nio.file.*;",
          "public class Places {",
          "  void plain(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target);",
          "  }",
          "  void tabbed(Path tmp, Path target, String s) throws IOException {",
          "\t\tFiles.writeString(tmp, s);",
          "\t\tFiles.move(tmp, target);",
          "  }",
          "  void split(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    java.nio.file.Files",
          "        .move(",
          "            tmp,",
          "            target);",
          "  }",
          "  void imported(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    move(tmp, target);",
          "  }",
          "  void renamed(File tmp, File target, byte[] d) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(d);",
          "    }",
          "    tmp.renameTo(target);",
          "  }",
          "  void branch(Path tmp, Path target, byte[] d) throws IOException {",
          "    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,",
          "        StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {",
          "      ch.write(java.nio.ByteBuffer.wrap(d));",
          "      if (d.length > 4096) {",
          "        ch.force(true);",
          "      }",
          "    }",
          "    Files.move(tmp, target);",
          "  }",
          "  void longCall(Path temporaryFileWithALongName, Path destinationWithAnEvenLongerName,",
          "      String s) throws IOException {",
          "    Files.writeString(temporaryFileWithALongName, s);",
          "    Files.move(temporaryFileWithALongName, destinationWithAnEvenLongerName,"
              + " StandardCopyOption.REPLACE_EXISTING);",
          "  }",
          "}",
          "");

  private static final String LONG_CALL =
      "Files.move(temporaryFileWithALongName, destinationWithAnEvenLongerName,"
          + " StandardCopyOption.REPLACE_EXISTING)";

  private static final String[] CHECKS = {
    "RenameWithoutFsync",
    "NonAtomicReplace",
    "TempFileOutsideTargetDirectory",
    "RenameWithoutDirectoryFsync",
    "FsyncFailureIgnored"
  };

  /** The checks the build reports at the rename, where the audit places the site. */
  private static final List<String> AT_THE_RENAME =
      List.of(
          "RenameWithoutFsync",
          "NonAtomicReplace",
          "TempFileOutsideTargetDirectory",
          "RenameWithoutDirectoryFsync");

  private static final String FORCED_WRITE =
      String.join(
          "\n",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,",
          "        StandardOpenOption.CREATE)) {",
          "      ch.write(ByteBuffer.wrap(b));",
          "      ch.force(true);",
          "    }");

  /**
   * Sites of every kind for the atomicity and temp-location checks, in shapes whose reported
   * position differs from the start of the call; suppressed ones, which neither reports.
   */
  private static final String STEPS =
      String.join(
          "\n",
          "package demo;",
          "import static java.nio.file.Files.move;",
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;",
          "import java.io.*;",
          "import java.nio.ByteBuffer;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.*;",
          "public class Steps {",
          "  void tabbed(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "\t\tFiles.move(tmp, target, REPLACE_EXISTING);",
          "  }",
          "  void split(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "    java.nio.file.Files",
          "        .move(",
          "            tmp,",
          "            target,",
          "            StandardCopyOption.REPLACE_EXISTING);",
          "  }",
          "  void imported(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "    move(tmp, target, REPLACE_EXISTING);",
          "  }",
          "  void deleteFirst(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "    Files.deleteIfExists(target);",
          "    Files.move(tmp, target);",
          "  }",
          "  void fileDeleteFirst(File tmp, File target, byte[] b) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(b);",
          "      out.getFD().sync();",
          "    }",
          "    target.delete();",
          "    tmp.renameTo(target);",
          "  }",
          "  void fallback(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "    try {",
          "      Files.move(tmp, target, ATOMIC_MOVE);",
          "    } catch (AtomicMoveNotSupportedException e) {",
          "      Files.move(tmp, target, REPLACE_EXISTING);",
          "    }",
          "  }",
          "  void copied(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    Files",
          "        .copy(tmp, target, REPLACE_EXISTING);",
          "  }",
          "  void systemTemp(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");",
          FORCED_WRITE,
          "\t\tFiles.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "  void oldTemp(File target, byte[] b) throws IOException {",
          "    File tmp = File.createTempFile(\"x\", \".tmp\");",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(b);",
          "      out.getFD().sync();",
          "    }",
          "    tmp",
          "        .renameTo(",
          "            target);",
          "  }",
          "  void tmpdir(Path target, byte[] b) throws IOException {",
          "    Path tmp = Paths.get(System.getProperty(\"java.io.tmpdir\"), \"x.tmp\");",
          FORCED_WRITE,
          "    move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "  void withinTmpdir(byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");",
          "    Path target = Files.createTempFile(\"y\", \".dat\");",
          FORCED_WRITE,
          "    Files.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "  @SuppressWarnings(\"NonAtomicReplace\")",
          "  void suppressed(Path tmp, Path target, byte[] b) throws IOException {",
          FORCED_WRITE,
          "    Files.move(tmp, target, REPLACE_EXISTING);",
          "  }",
          "  @SuppressWarnings(\"all\")",
          "  void everything(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");",
          "    Files.write(tmp, b);",
          "    Files.move(tmp, target, REPLACE_EXISTING);",
          "  }",
          "  void local(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");",
          FORCED_WRITE,
          "    @SuppressWarnings(\"TempFileOutsideTargetDirectory\")",
          "    Path moved = Files.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "  void clean(Path target, byte[] b) throws IOException {",
          "    Path tmp = target.resolveSibling(\"x.tmp\");",
          FORCED_WRITE,
          "    Files.move(tmp, target, ATOMIC_MOVE);",
          "  }",
          "}",
          "");

  private Path sources() throws IOException {
    return sources("Places", PLACES);
  }

  private Path sources(String name, String text) throws IOException {
    Path source = dir.resolve("src/demo/" + name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, text);
    return dir.resolve("src");
  }

  /** "line:column" of each RenameWithoutFsync diagnostic of a build, with its message. */
  private Map<String, String> build(Path sources) throws IOException {
    return buildAll(sources, "Places").get("RenameWithoutFsync");
  }

  /**
   * For each check, "line:column" of each of its diagnostics in a build of {@code name} with all
   * five checks, with its message. Warnings count: RenameWithoutDirectoryFsync is one by default.
   */
  private Map<String, Map<String, String>> buildAll(Path sources, String name) throws IOException {
    ErrorProneJavaCompiler compiler =
        new ErrorProneJavaCompiler(
            ScannerSupplier.fromBugCheckerClasses(
                RenameWithoutFsync.class,
                NonAtomicReplace.class,
                TempFileOutsideTargetDirectory.class,
                RenameWithoutDirectoryFsync.class,
                FsyncFailureIgnored.class));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiler
          .getTask(
              new StringWriter(),
              files,
              diagnostics,
              List.of(
                  "-d",
                  classes.toString(),
                  "-proc:none",
                  "-XDcompilePolicy=simple",
                  "--should-stop=ifError=FLOW"),
              null,
              files.getJavaFileObjects(sources.resolve("demo/" + name + ".java")))
          .call();
    }
    Map<String, Map<String, String>> found = new HashMap<>();
    for (String check : CHECKS) {
      found.put(check, new HashMap<>());
    }
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      for (String check : CHECKS) {
        boolean reported =
            d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING;
        if (reported && message.startsWith("[" + check + "]")) {
          found.get(check).put(d.getLineNumber() + ":" + d.getColumnNumber(), message);
        }
      }
    }
    return found;
  }

  private static String audit(String... args) {
    return audit(Audit.FINDINGS, args);
  }

  private static String audit(int exit, String... args) {
    AuditTest.Result result = AuditTest.audit(args);
    assertEquals(exit, result.exit, result.err);
    return result.out;
  }

  @Test
  void tableJsonAndSarifNameTheBuildsPositions() throws IOException {
    Path sources = sources();
    Set<String> built = new TreeSet<>(build(sources).keySet());
    assertEquals(7, built.size(), built.toString());

    Set<String> fromJson = new TreeSet<>();
    JsonArray sites =
        JsonParser.parseString(audit("--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites");
    for (JsonElement element : sites) {
      JsonObject site = element.getAsJsonObject();
      assertEquals("MISSING_FORCE", site.get("verdict").getAsString());
      fromJson.add(site.get("line").getAsLong() + ":" + site.get("column").getAsLong());
    }
    assertEquals(built, fromJson);

    Set<String> fromSarif = new TreeSet<>();
    JsonArray results =
        JsonParser.parseString(audit("--format", "sarif", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("results");
    for (JsonElement element : results) {
      if (!element.getAsJsonObject().get("ruleId").getAsString().equals("RenameWithoutFsync")) {
        continue;
      }
      JsonObject region =
          element
              .getAsJsonObject()
              .getAsJsonArray("locations")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("physicalLocation")
              .getAsJsonObject("region");
      fromSarif.add(
          region.get("startLine").getAsLong() + ":" + region.get("startColumn").getAsLong());
    }
    assertEquals(built, fromSarif);

    String table = audit("--sources", sources.toString());
    for (String position : built) {
      assertTrue(table.contains("\n  " + position + " "), position + " in\n" + table);
    }
  }

  @Test
  void buildAndAuditUseTheSameWords() throws IOException {
    Path sources = sources();
    Map<String, String> built = build(sources);
    JsonArray sites =
        JsonParser.parseString(audit("--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites");
    for (JsonElement element : sites) {
      JsonObject site = element.getAsJsonObject();
      String message =
          built.get(site.get("line").getAsLong() + ":" + site.get("column").getAsLong());
      String detail = site.get("detail").getAsString();
      String words = detail.substring(detail.indexOf(", ") + 2, detail.indexOf(": "));
      assertTrue(message.contains("(" + words + ")"), message + "\nvs " + detail);
    }
    String branch = built.get("39:15");
    assertTrue(branch.contains("(forced on line 36 on some paths only)"), branch);
    assertTrue(built.get("8:15").contains("(never forced on any path)"), built.get("8:15"));
  }

  @Test
  void machineOutputCarriesLongCallsWhole() throws IOException {
    Path sources = sources();
    JsonArray sites =
        JsonParser.parseString(audit("--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites");
    boolean found = false;
    for (JsonElement element : sites) {
      String call = element.getAsJsonObject().get("call").getAsString();
      assertTrue(!call.endsWith("..."), call);
      found |= call.equals(LONG_CALL);
    }
    assertTrue(found, sites.toString());
    String sarif = audit("--format", "sarif", "--sources", sources.toString());
    assertTrue(sarif.contains(LONG_CALL), sarif);
    // The table is for people: a long call is cut to keep the columns readable.
    String table = audit("--sources", sources.toString());
    assertTrue(!table.contains(LONG_CALL) && table.contains("..."), table);
  }

  /**
   * "line:column" of each site whose step for {@code check} fails, in the audit's JSON and SARIF.
   */
  private static Map<String, Set<String>> auditedFailures(Path sources, String check) {
    return auditedFailures(sources, check, Audit.FINDINGS);
  }

  private static Map<String, Set<String>> auditedFailures(Path sources, String check, int exit) {
    Set<String> fromJson = new TreeSet<>();
    JsonArray sites =
        JsonParser.parseString(audit(exit, "--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites");
    for (JsonElement element : sites) {
      JsonObject site = element.getAsJsonObject();
      String outcome =
          site.getAsJsonObject("steps").getAsJsonObject(check).get("outcome").getAsString();
      if (outcome.equals("FAIL")) {
        fromJson.add(site.get("line").getAsLong() + ":" + site.get("column").getAsLong());
      }
    }
    Set<String> fromSarif = new TreeSet<>();
    JsonArray results =
        JsonParser.parseString(audit(exit, "--format", "sarif", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("results");
    for (JsonElement element : results) {
      JsonObject result = element.getAsJsonObject();
      if (result.get("ruleId").getAsString().equals(check)
          && result.get("kind").getAsString().equals("fail")
          && !result.has("suppressions")) {
        JsonObject region =
            result
                .getAsJsonArray("locations")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("physicalLocation")
                .getAsJsonObject("region");
        fromSarif.add(
            region.get("startLine").getAsLong() + ":" + region.get("startColumn").getAsLong());
      }
    }
    return Map.of("json", fromJson, "sarif", fromSarif);
  }

  @Test
  void everyChecksFindingsAreWhereTheBuildReportsThem() throws IOException {
    Path sources = sources("Steps", STEPS);
    Map<String, Map<String, String>> built = buildAll(sources, "Steps");
    Map<String, Integer> counts = new TreeMap<>();
    for (String check : AT_THE_RENAME) {
      Set<String> positions = new TreeSet<>(built.get(check).keySet());
      counts.put(check, positions.size());
      Map<String, Set<String>> audited = auditedFailures(sources, check);
      assertEquals(positions, audited.get("json"), check + " in JSON");
      assertEquals(positions, audited.get("sarif"), check + " in SARIF");
    }
    assertForceFailuresAgree(sources, built, Audit.FINDINGS);
    // Only the copy misses its force, and the build does not judge copies' forces. No method forces
    // its directory, and no suppression names RenameWithoutDirectoryFsync: each of the 13 methods
    // with a forced JDK rename has one finding (the fallback's two moves into one directory, one).
    assertEquals(
        Map.of(
            "RenameWithoutFsync", 0,
            "NonAtomicReplace", 7,
            "TempFileOutsideTargetDirectory", 3,
            "RenameWithoutDirectoryFsync", 13),
        counts,
        built.toString());
  }

  @Test
  void theNewChecksAgreeOnPlacesToo() throws IOException {
    Path sources = sources();
    Map<String, Map<String, String>> built = buildAll(sources, "Places");
    // The long call replaces without ATOMIC_MOVE.
    assertEquals(Set.of("44:15"), built.get("NonAtomicReplace").keySet());
    assertEquals(Set.of(), built.get("TempFileOutsideTargetDirectory").keySet());
    for (String check : AT_THE_RENAME) {
      Map<String, Set<String>> audited = auditedFailures(sources, check);
      assertEquals(new TreeSet<>(built.get(check).keySet()), audited.get("json"), check);
      assertEquals(new TreeSet<>(built.get(check).keySet()), audited.get("sarif"), check);
    }
    assertForceFailuresAgree(sources, built, Audit.FINDINGS);
  }

  /**
   * The lines of the forces whose failure the audit's failing sites name (the step's related line),
   * in JSON and in SARIF (the result's related location).
   */
  private static Map<String, Set<Long>> auditedForceLines(Path sources, int exit) {
    String check = "FsyncFailureIgnored";
    Set<Long> fromJson = new TreeSet<>();
    for (JsonElement element :
        JsonParser.parseString(audit(exit, "--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites")) {
      JsonObject step = element.getAsJsonObject().getAsJsonObject("steps").getAsJsonObject(check);
      if (step.get("outcome").getAsString().equals("FAIL")) {
        fromJson.add(step.get("relatedLine").getAsLong());
      }
    }
    Set<Long> fromSarif = new TreeSet<>();
    for (JsonElement element :
        JsonParser.parseString(audit(exit, "--format", "sarif", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("results")) {
      JsonObject result = element.getAsJsonObject();
      if (result.get("ruleId").getAsString().equals(check)
          && result.get("kind").getAsString().equals("fail")
          && !result.has("suppressions")) {
        fromSarif.add(
            result
                .getAsJsonArray("relatedLocations")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("physicalLocation")
                .getAsJsonObject("region")
                .get("startLine")
                .getAsLong());
      }
    }
    return Map.of("json", fromJson, "sarif", fromSarif);
  }

  /**
   * Each FsyncFailureIgnored finding of the build is on a line some audited failure names, and
   * back.
   */
  private static void assertForceFailuresAgree(
      Path sources, Map<String, Map<String, String>> built, int exit) {
    Set<Long> lines = new TreeSet<>();
    for (String position : built.get("FsyncFailureIgnored").keySet()) {
      lines.add(Long.parseLong(position.substring(0, position.indexOf(':'))));
    }
    Map<String, Set<Long>> audited = auditedForceLines(sources, exit);
    assertEquals(lines, audited.get("json"), "FsyncFailureIgnored in JSON");
    assertEquals(lines, audited.get("sarif"), "FsyncFailureIgnored in SARIF");
  }

  /**
   * The directory and failure steps: RenameWithoutDirectoryFsync where the build reports it (at the
   * rename), FsyncFailureIgnored on the line of the force the build reports, suppressed where the
   * build suppresses them (a variable's annotation at the rename does not cover the force).
   */
  @Test
  void directoryAndFailureStepsAgreeWithTheBuild() throws IOException {
    Path sources = sources("Durable", AuditDurabilityStepsTest.DURABLE);
    Map<String, Map<String, String>> built = buildAll(sources, "Durable");
    assertEquals(
        Set.of("14:15"), built.get("RenameWithoutDirectoryFsync").keySet(), built.toString());
    assertEquals(
        Set.of("33:17", "49:17", "75:17"),
        built.get("FsyncFailureIgnored").keySet(),
        built.toString());
    Map<String, Set<String>> audited = auditedFailures(sources, "RenameWithoutDirectoryFsync");
    assertEquals(Set.of("14:15"), audited.get("json"));
    assertEquals(Set.of("14:15"), audited.get("sarif"));
    assertForceFailuresAgree(sources, built, Audit.FINDINGS);
  }

  /** A retry in the handler, and a swallowed failure of the directory's force before a return. */
  private static final String RETRIES =
      String.join(
          "\n",
          "package demo;",
          "",
          "import java.io.IOException;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Files;",
          "import java.nio.file.Path;",
          "import java.nio.file.StandardCopyOption;",
          "import java.nio.file.StandardOpenOption;",
          "",
          "public class Retries {",
          "  void retried(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "      try {",
          "        ch.force(true);",
          "      } catch (IOException e) {",
          "        ch.force(true);",
          "      }",
          "    }",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    forceDirectory(target);",
          "  }",
          "",
          "  boolean directoryLetGo(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "    Path dir = target.toAbsolutePath().getParent();",
          "    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {",
          "      try {",
          "        d.force(true);",
          "      } catch (IOException e) {",
          "        System.err.println(e);",
          "      }",
          "    }",
          "    return true;",
          "  }",
          "",
          "  private static void forceDirectory(Path target) throws IOException {",
          "    try (FileChannel d = FileChannel.open(target.toAbsolutePath().getParent(),"
              + " StandardOpenOption.READ)) {",
          "      d.force(true);",
          "    }",
          "  }",
          "}",
          "");

  /**
   * The build reports both at a force that is not the rename's; the audit's sites name those lines.
   */
  @Test
  void retriesAndSwallowedDirectoryForcesAgreeWithTheBuild() throws IOException {
    Path sources = sources("Retries", RETRIES);
    Map<String, Map<String, String>> built = buildAll(sources, "Retries");
    assertEquals(
        Set.of("17:17", "33:16"), built.get("FsyncFailureIgnored").keySet(), built.toString());
    assertForceFailuresAgree(sources, built, Audit.FINDINGS);
  }

  @Test
  void suppressedDirectoryAndFailureStepsAreSilentInBoth() throws IOException {
    Path sources = sources("Quiet", AuditDurabilityStepsTest.QUIET);
    Map<String, Map<String, String>> built = buildAll(sources, "Quiet");
    assertEquals(Set.of(), built.get("RenameWithoutDirectoryFsync").keySet(), built.toString());
    assertEquals(Set.of(), built.get("FsyncFailureIgnored").keySet(), built.toString());
    Map<String, Set<String>> audited =
        auditedFailures(sources, "RenameWithoutDirectoryFsync", Audit.OK);
    assertEquals(Set.of(), audited.get("json"));
    assertEquals(Set.of(), audited.get("sarif"));
    assertForceFailuresAgree(sources, built, Audit.OK);
  }

  /**
   * Where the build's message names a line (a delete, an atomic attempt, a temp file's creation).
   */
  @Test
  void relatedLinesAreTheLinesTheBuildNames() throws IOException {
    Path sources = sources("Steps", STEPS);
    Map<String, Map<String, String>> built = buildAll(sources, "Steps");
    JsonArray sites =
        JsonParser.parseString(audit("--format", "json", "--sources", sources.toString()))
            .getAsJsonObject()
            .getAsJsonArray("sites");
    Pattern named = Pattern.compile("(?:on line |\\(line )(\\d+)");
    int compared = 0;
    for (JsonElement element : sites) {
      JsonObject site = element.getAsJsonObject();
      String position = site.get("line").getAsLong() + ":" + site.get("column").getAsLong();
      for (String check : List.of("NonAtomicReplace", "TempFileOutsideTargetDirectory")) {
        String message = built.get(check).get(position);
        Matcher line = message == null ? null : named.matcher(message);
        if (line != null && line.find()) {
          JsonObject step = site.getAsJsonObject("steps").getAsJsonObject(check);
          assertEquals(
              Long.parseLong(line.group(1)),
              step.get("relatedLine").getAsLong(),
              message + "\nvs " + step);
          assertTrue(
              step.get("detail").getAsString().contains(" at line " + line.group(1) + ": "),
              message + "\nvs " + step);
          compared++;
        }
      }
    }
    // Two deletes and a fallback for NonAtomicReplace, three creations for the temp check.
    assertEquals(6, compared, built.toString());
  }
}
