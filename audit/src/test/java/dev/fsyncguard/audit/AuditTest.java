package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
  @TempDir Path dir;

  /** One method per verdict; line numbers are asserted below. */
  static final String STORE =
      String.join(
          "\n",
          "package demo;",
          "import java.io.*;",
          "import java.nio.file.*;",
          "public class Store {",
          "  void missing(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 7
          "  }",
          "  void forced(File tmp, File target, byte[] d) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(d);",
          "      out.getFD().sync();", // 12
          "    }",
          "    tmp.renameTo(target);", // 14
          "  }",
          "  void rotate(Path log, Path old) throws IOException {",
          "    Files.move(log, old);", // 17
          "  }",
          "  @SuppressWarnings(\"RenameWithoutFsync\")",
          "  void cache(Path tmp, Path target, byte[] d) throws IOException {",
          "    Files.write(tmp, d);",
          "    Files.move(tmp, target);", // 22
          "  }",
          "  void switched(File tmp, File target, byte[] d, boolean fsync) throws IOException {",
          "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "      out.write(d);",
          "      if (fsync) {",
          "        out.getFD().sync();",
          "      }",
          "    }",
          "    tmp.renameTo(target);", // 31
          "  }",
          "}",
          "");

  private Path sources() throws IOException {
    Path source = dir.resolve("src/demo/Store.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, STORE);
    return dir.resolve("src");
  }

  /** One run of the audit: its exit status and what it printed. */
  static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  static Result audit(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Audit.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Result result =
        new Result(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    if (exit == Audit.OK || exit == Audit.FINDINGS) {
      sarifReports(args, result.out).forEach(SarifSchema::assertConforms);
    }
    return result;
  }

  /** Every SARIF report a run of the audit wrote: to standard output, --output or --report-dir. */
  private static List<String> sarifReports(String[] args, String out) {
    List<String> reports = new ArrayList<>();
    String format = null;
    String output = null;
    try {
      for (int i = 0; i + 1 < args.length; i++) {
        switch (args[i]) {
          case "--format" -> format = args[i + 1];
          case "--output" -> output = args[i + 1];
          case "--report-dir" -> reports.add(Files.readString(Path.of(args[i + 1], "audit.sarif")));
          default -> {}
        }
      }
      if ("sarif".equals(format)) {
        reports.add(output == null ? out : Files.readString(Path.of(output)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reports;
  }

  @Test
  void tableGroupsByFileAndCountsEveryVerdict() throws IOException {
    Result result = audit("--sources", sources().toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    assertTrue(result.out.contains("demo/Store.java\n"), result.out);
    assertTrue(
        result.out.contains(
            "5 rename sites: 1 forced, 1 missing force, 1 not written here, 1 suppressed, 1 left to"
                + " a durability switch; findings: RenameWithoutFsync 1, NonAtomicReplace 0,"
                + " TempFileOutsideTargetDirectory 0"),
        result.out);
    String missing = lineContaining(result.out, "  7:15 ");
    assertTrue(missing.contains("missing force"), missing);
    assertTrue(
        missing.contains("written at line 6, never forced on any path: Files.writeString(tmp, s)"),
        missing);
    String forced = lineContaining(result.out, "  14:");
    assertTrue(forced.contains("forced at line 12: out.getFD().sync()"), forced);
    assertTrue(lineContaining(result.out, "  17:").contains("not written here"), result.out);
    assertTrue(lineContaining(result.out, "  22:").contains("suppressed"), result.out);
    String switched = lineContaining(result.out, "  31:");
    assertTrue(switched.contains("left to a durability switch"), result.out);
    assertTrue(
        switched.contains("written at line 26, forced on line 28 on some paths only: out.write(d)"),
        switched);
    // Aligned: the verdict column starts at the same offset on every row.
    Set<Integer> columns = new HashSet<>();
    for (String verdict :
        List.of("missing force", "forced  ", "not written here", "suppressed", "left to")) {
      String row =
          result
              .out
              .lines()
              .filter(l -> l.startsWith("  ") && l.contains(verdict))
              .findFirst()
              .orElseThrow();
      columns.add(row.indexOf(verdict));
    }
    assertEquals(1, columns.size(), result.out);
  }

  @Test
  void jsonListsEverySiteWithItsVerdict() throws IOException {
    Result result = audit("--format", "json", "--sources", sources().toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonObject root = JsonParser.parseString(result.out).getAsJsonObject();
    JsonArray sites = root.getAsJsonArray("sites");
    assertEquals(5, sites.size());
    Map<Long, String> verdicts = new HashMap<>();
    sites.forEach(
        s ->
            verdicts.put(
                s.getAsJsonObject().get("line").getAsLong(),
                s.getAsJsonObject().get("verdict").getAsString()));
    assertEquals(
        Map.of(
            7L,
            "MISSING_FORCE",
            14L,
            "FORCED",
            17L,
            "NOT_WRITTEN_HERE",
            22L,
            "SUPPRESSED",
            31L,
            "DURABILITY_SWITCH"),
        verdicts);
    JsonObject first = sites.get(0).getAsJsonObject();
    assertEquals("demo/Store.java", first.get("file").getAsString());
    assertEquals(6, first.get("relatedLine").getAsInt());
    assertEquals(15, first.get("column").getAsInt());
    assertEquals(
        "written at line 6, never forced on any path: Files.writeString(tmp, s)",
        first.get("detail").getAsString());
    JsonObject summary = root.getAsJsonObject("summary");
    assertEquals(1, summary.get("MISSING_FORCE").getAsInt());
    // Every verdict has its key, UNKNOWN (no verdict: the analysis could not follow the code) too,
    // and "findings" counts what each check reports.
    assertEquals(0, summary.get("UNKNOWN").getAsInt());
    assertEquals(Verdict.values().length + 1, summary.size());
    for (Verdict verdict : Verdict.values()) {
      assertTrue(summary.has(verdict.name()), verdict + " in " + summary);
    }
    JsonObject findings = summary.getAsJsonObject("findings");
    assertEquals(1, findings.get("RenameWithoutFsync").getAsInt(), findings.toString());
    assertEquals(0, findings.get("NonAtomicReplace").getAsInt(), findings.toString());
    assertEquals(0, findings.get("TempFileOutsideTargetDirectory").getAsInt(), findings.toString());
  }

  @Test
  void sarifIsVersion210WithOneResultPerSiteAndCheck() throws IOException {
    Path report = dir.resolve("audit.sarif");
    Result result =
        audit(
            "--format", "sarif", "--output", report.toString(), "--sources", sources().toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    assertEquals("", result.out);
    assertTrue(result.err.contains("report written to"), result.err);
    JsonObject root = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertEquals("2.1.0", root.get("version").getAsString());
    assertTrue(root.get("$schema").getAsString().contains("sarif-2.1.0"));
    JsonObject run = root.getAsJsonArray("runs").get(0).getAsJsonObject();
    JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
    assertEquals("fsync-guard", driver.get("name").getAsString());
    assertEquals(
        "RenameWithoutFsync",
        driver.getAsJsonArray("rules").get(0).getAsJsonObject().get("id").getAsString());
    JsonArray results = run.getAsJsonArray("results");
    // One result per site for each of the five checks.
    assertEquals(25, results.size());
    Map<Long, String> kinds = new HashMap<>();
    for (var element : results) {
      JsonObject r = element.getAsJsonObject();
      if (!r.get("ruleId").getAsString().equals("RenameWithoutFsync")) {
        continue;
      }
      JsonObject location =
          r.getAsJsonArray("locations")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("physicalLocation");
      assertEquals(
          "demo/Store.java", location.getAsJsonObject("artifactLocation").get("uri").getAsString());
      kinds.put(
          location.getAsJsonObject("region").get("startLine").getAsLong(),
          r.get("kind").getAsString()
              + "/"
              + r.get("level").getAsString()
              + (r.has("suppressions") ? "/suppressed" : ""));
    }
    assertEquals(
        Map.of(
            7L,
            "fail/error",
            14L,
            "pass/none",
            17L,
            "notApplicable/none",
            22L,
            "fail/error/suppressed",
            31L,
            "review/warning"),
        kinds);
  }

  @Test
  void cleanSourcesExitZero() throws IOException {
    Path source = dir.resolve("clean/demo/Clean.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package demo;\nclass Clean {\n  void rotate(java.nio.file.Path a, java.nio.file.Path b)"
            + " throws java.io.IOException {\n    java.nio.file.Files.move(a, b);\n  }\n}\n");
    Result result = audit("--sources", dir.resolve("clean").toString());
    assertEquals(Audit.OK, result.exit, result.err);
    assertTrue(
        result.out.contains("1 rename site: 0 forced, 0 missing force, 1 not written here"),
        result.out);
  }

  @Test
  void longRunsShowProgress() throws IOException {
    Path root = dir.resolve("many");
    for (int i = 0; i < 120; i++) {
      Path source = root.resolve("demo/C" + i + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package demo;\nclass C" + i + " {}\n");
    }
    Result result = audit("--sources", root.toString());
    assertEquals(Audit.OK, result.exit, result.err);
    assertTrue(result.err.contains("analysing 120 files"), result.err);
    assertTrue(result.err.contains("50% (60/120 files)"), result.err);
    assertTrue(result.err.contains("100% (120/120 files)"), result.err);
  }

  /** javac analyses each top-level class on its own: a file holding two still counts once. */
  @Test
  void progressCountsFilesNotClasses() throws IOException {
    Path root = dir.resolve("many");
    for (int i = 0; i < 100; i++) {
      Path source = root.resolve("demo/C" + i + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package demo;\nclass C" + i + " {}\nclass D" + i + " {}\n");
    }
    Result result = audit("--sources", root.toString());
    assertEquals(Audit.OK, result.exit, result.err);
    assertTrue(result.err.contains("100% (100/100 files)"), result.err);
    assertTrue(!result.err.contains("classes"), result.err);
    assertEquals(10, result.err.lines().filter(l -> l.contains("/100 files)")).count(), result.err);
  }

  @Test
  void repeatedSourcesAddUp() throws IOException {
    Path first = dir.resolve("first/demo/First.java");
    Path second = dir.resolve("second/demo/Second.java");
    Files.createDirectories(first.getParent());
    Files.createDirectories(second.getParent());
    String rotate =
        " {\n"
            + "  void rotate(java.nio.file.Path a, java.nio.file.Path b) throws java.io.IOException"
            + " {\n"
            + "    java.nio.file.Files.move(a, b);\n"
            + "  }\n"
            + "}\n";
    Files.writeString(first, "package demo;\nclass First" + rotate);
    Files.writeString(second, "package demo;\nclass Second" + rotate);

    Result result =
        audit(
            "--sources", dir.resolve("first").toString(),
            "--sources", dir.resolve("second").toString(),
            // The same root again is not compiled twice.
            "--sources", dir.resolve("first").toString());

    assertEquals(Audit.OK, result.exit, result.err);
    assertTrue(result.out.contains("2 rename sites:"), result.out);
    assertTrue(result.out.contains("demo/First.java\n"), result.out);
    assertTrue(result.out.contains("demo/Second.java\n"), result.out);
  }

  @Test
  void noSuchDirectory() {
    Result result = audit(dir.resolve("nowhere").toString());
    assertEquals(Audit.BAD_USAGE, result.exit);
    assertTrue(result.err.contains("no such directory"), result.err);
  }

  @Test
  void notAMavenProject() throws IOException {
    Files.createDirectories(dir.resolve("plain"));
    Result result = audit(dir.resolve("plain").toString());
    assertEquals(Audit.NOT_A_MAVEN_PROJECT, result.exit);
    assertTrue(result.err.contains("is not a Maven project (no pom.xml)"), result.err);
  }

  @Test
  void sourcesThatDoNotCompile() throws IOException {
    Path source = dir.resolve("broken/demo/Broken.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package demo;\nclass Broken {\n  int x = undefinedName;\n}\n");
    Result result = audit("--sources", dir.resolve("broken").toString());
    assertEquals(Audit.DOES_NOT_COMPILE, result.exit);
    assertTrue(result.err.contains("do not compile"), result.err);
    assertTrue(result.err.contains("Broken.java:3"), result.err);
  }

  @Test
  void badUsage() {
    assertEquals(Audit.BAD_USAGE, audit().exit);
    assertEquals(Audit.BAD_USAGE, audit("--format", "xml", "x").exit);
    Result result = audit("--format");
    assertEquals(Audit.BAD_USAGE, result.exit);
    assertTrue(result.err.contains("--format needs a value"), result.err);
  }

  @Test
  void mavenProjectIsAuditedAndLeftUntouched() throws Exception {
    Path project = dir.resolve("project");
    Path source = project.resolve("src/main/java/demo/Store.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, STORE);
    Files.writeString(
        project.resolve("pom.xml"),
        String.join(
            "\n",
            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
            "  <modelVersion>4.0.0</modelVersion>",
            "  <groupId>demo</groupId>",
            "  <artifactId>demo</artifactId>",
            "  <version>1</version>",
            "  <dependencies>",
            "    <dependency>",
            "      <groupId>com.google.errorprone</groupId>",
            "      <artifactId>error_prone_annotations</artifactId>",
            "      <version>2.42.0</version>",
            "    </dependency>",
            "  </dependencies>",
            "</project>",
            ""));
    Map<String, String> before = digests(project);

    Result result = audit("--format", "json", project.toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonArray sites = JsonParser.parseString(result.out).getAsJsonObject().getAsJsonArray("sites");
    assertEquals(5, sites.size());
    assertEquals(
        "src/main/java/demo/Store.java", sites.get(0).getAsJsonObject().get("file").getAsString());
    assertEquals(before, digests(project));
  }

  private static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> digests = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String key = root.relativize(file).toString();
        if (Files.isDirectory(file)) {
          digests.put(key, "dir");
        } else {
          byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
          digests.put(key, java.util.HexFormat.of().formatHex(hash));
        }
      }
    }
    return digests;
  }

  private static String lineContaining(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElse("<no line " + prefix + ">");
  }
}
