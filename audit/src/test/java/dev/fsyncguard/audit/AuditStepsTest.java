package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each site's verdict on every step of a crash-safe replace: force, atomic replace, temp location,
 * directory force, failed force.
 */
class AuditStepsTest {
  @TempDir Path dir;

  private static final String FORCE_TMP =
      String.join(
          "\n",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }");

  /** Forces the directory holding {@code target}: step 4, after the rename. */
  static final String FORCE_DIR =
      String.join(
          "\n",
          "    try (FileChannel d = FileChannel.open(target.toAbsolutePath().getParent(),",
          "        StandardOpenOption.READ)) {",
          "      d.force(true);",
          "    }");

  /** The table's step columns, in order. */
  static final List<String> HEADINGS =
      List.of("force", "atomic", "temp dir", "dir force", "on failure");

  /** One site per combination of steps; line numbers are asserted below. */
  private static final String REPLACE =
      String.join(
          "\n",
          "package demo;",
          "import java.io.*;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.*;",
          "public class Replace {",
          "  void nonAtomic(Path target, byte[] b) throws IOException {",
          "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
          "    Files.write(tmp, b);",
          "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);", // 9
          "  }",
          "  void systemTemp(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");", // 12
          "    Files.write(tmp, b);",
          FORCE_TMP, // 14-16
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 17
          FORCE_DIR, // 18-21
          "  }",
          "  void clean(Path target, byte[] b) throws IOException {",
          "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
          "    Files.write(tmp, b);",
          FORCE_TMP, // 26-28
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 29
          FORCE_DIR, // 30-33
          "  }",
          "  void copied(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);", // 37
          "  }",
          "  @SuppressWarnings(\"RenameWithoutFsync\")",
          "  void forceSuppressed(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");", // 41
          "    Files.write(tmp, b);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 43
          "  }",
          "  void deleteFirst(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          FORCE_TMP, // 47-49
          "    Files.delete(target);", // 50
          "    Files.move(tmp, target);", // 51
          FORCE_DIR, // 52-55
          "  }",
          "}",
          "");

  /**
   * Every failure suppressed: by "all", by each check's name, on a method, a class, a variable. The
   * directory steps do not apply where the data is not forced.
   */
  private static final String SUPPRESSED =
      String.join(
          "\n",
          "package demo;",
          "import java.io.*;",
          "import java.nio.file.*;",
          "public class Suppressed {",
          "  @SuppressWarnings(\"all\")",
          "  void everything(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");",
          "    Files.write(tmp, b);",
          "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);", // 9
          "  }",
          "  @SuppressWarnings(\"RenameWithoutFsync\")",
          "  void local(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    Files.delete(target);", // 14
          "    @SuppressWarnings(\"NonAtomicReplace\")",
          "    Path moved = Files.move(tmp, target);", // 16
          "  }",
          "  @SuppressWarnings({\"TempFileOutsideTargetDirectory\","
              + " \"RenameWithoutDirectoryFsync\"})",
          "  static class Scratch {",
          "    void save(File target, byte[] b) throws IOException {",
          "      File tmp = File.createTempFile(\"x\", \".tmp\");", // 21
          "      try (FileOutputStream out = new FileOutputStream(tmp)) {",
          "        out.write(b);",
          "        out.getFD().sync();",
          "      }",
          "      tmp.renameTo(target);", // 26
          "    }",
          "  }",
          "}",
          "");

  private Path write(String root, String name, String source) throws IOException {
    Path file = dir.resolve(root).resolve("demo").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return dir.resolve(root);
  }

  private static String lineContaining(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElse("<no line " + prefix + ">");
  }

  /** The labels in a table row's step columns, in the order of {@link #HEADINGS}. */
  static List<String> columns(String table, String row) {
    String heading = table.lines().findFirst().orElseThrow();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < HEADINGS.size(); i++) {
      int from = heading.indexOf("  " + HEADINGS.get(i) + " ") + 2;
      String next = i + 1 < HEADINGS.size() ? HEADINGS.get(i + 1) : "detail";
      int to = heading.indexOf("  " + next, from) + 2;
      labels.add(row.length() < to ? "<short row: " + row + ">" : row.substring(from, to).trim());
    }
    return labels;
  }

  @Test
  void tableHasAColumnPerStepAndCountsFindingsPerCheck() throws IOException {
    AuditTest.Result result =
        AuditTest.audit("--sources", write("src", "Replace.java", REPLACE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    String table = result.out;
    String heading = table.lines().findFirst().orElseThrow();
    assertTrue(
        heading.matches(" +line:col +call +force +atomic +temp dir +dir force +on failure +detail"),
        heading);
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : List.of("9", "17", "29", "37", "43", "51")) {
      rows.put(line, columns(table, lineContaining(table, "  " + line + ":")));
    }
    // Unforced data leaves the directory and failure steps nothing to judge.
    assertEquals(
        Map.of(
            "9", List.of("missing force", "NOT ATOMIC", "ok", "n/a", "n/a"),
            "17", List.of("forced", "atomic", "IN TMPDIR", "forced", "fails"),
            "29", List.of("forced", "atomic", "ok", "forced", "fails"),
            "37", List.of("not a rename", "NOT ATOMIC", "n/a", "n/a", "n/a"),
            "43", List.of("suppressed", "atomic", "IN TMPDIR", "n/a", "n/a"),
            "51", List.of("forced", "NOT ATOMIC", "n/a", "forced", "fails")),
        rows,
        table);
    // A failing step's reason follows the force detail: its label alone does not say why.
    String nonAtomic = lineContaining(table, "  9:");
    assertTrue(
        nonAtomic.endsWith(
            "written at line 8, never forced on any path: Files.write(tmp, b);"
                + " NonAtomicReplace: REPLACE_EXISTING without ATOMIC_MOVE"),
        nonAtomic);
    String systemTemp = lineContaining(table, "  17:");
    assertTrue(
        systemTemp.endsWith(
            "forced at line 15: ch.force(true); TempFileOutsideTargetDirectory: created in"
                + " java.io.tmpdir at line 12: Files.createTempFile(\"x\", \".tmp\")"),
        systemTemp);
    assertTrue(lineContaining(table, "  29:").endsWith("forced at line 27: ch.force(true)"), table);
    assertTrue(
        lineContaining(table, "  37:")
            .endsWith(
                "a copy, not a rename: the force step does not apply; NonAtomicReplace: copied over"
                    + " the target"),
        table);
    assertTrue(
        lineContaining(table, "  51:")
            .endsWith("NonAtomicReplace: target deleted first at line 50: Files.delete(target)"),
        table);
    assertTrue(
        table.contains(
            "6 rename sites: 3 forced, 1 missing force, 0 not written here, 1 suppressed, 0 left to"
                + " a durability switch, 1 not a rename; findings: RenameWithoutFsync 1,"
                + " NonAtomicReplace 3, TempFileOutsideTargetDirectory 2,"
                + " RenameWithoutDirectoryFsync 0, FsyncFailureIgnored 0\n"),
        table);
  }

  @Test
  void tableColumnsAlignUnderTheirHeadings() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--sources", write("src", "Replace.java", REPLACE).toString(),
            "--sources", write("more", "Suppressed.java", SUPPRESSED).toString());
    String heading = result.out.lines().findFirst().orElseThrow();
    List<String> rows = result.out.lines().filter(l -> l.matches("  \\d+:\\d+ .*")).toList();
    assertEquals(9, rows.size(), result.out);
    List<String> headings = new ArrayList<>(List.of("call"));
    headings.addAll(HEADINGS);
    headings.add("detail");
    for (String heading2 : headings) {
      int column = heading.indexOf("  " + heading2) + 2;
      for (String row : rows) {
        // Each column starts after two blanks, where its heading starts.
        assertEquals("  ", row.substring(column - 2, column), heading2 + " in\n" + result.out);
        assertTrue(row.charAt(column) != ' ', heading2 + " in\n" + result.out);
      }
    }
  }

  @Test
  void jsonCarriesEveryStepOfEverySite() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "json", "--sources", write("src", "Replace.java", REPLACE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonObject root = JsonParser.parseString(result.out).getAsJsonObject();
    Map<Long, JsonObject> sites = new HashMap<>();
    for (JsonElement element : root.getAsJsonArray("sites")) {
      sites.put(element.getAsJsonObject().get("line").getAsLong(), element.getAsJsonObject());
    }
    assertEquals(Set.of(9L, 17L, 29L, 37L, 43L, 51L), sites.keySet());
    Map<Long, List<String>> outcomes = new TreeMap<>();
    sites.forEach(
        (line, site) -> {
          JsonObject steps = site.getAsJsonObject("steps");
          assertEquals(
              List.of(
                  "RenameWithoutFsync",
                  "NonAtomicReplace",
                  "TempFileOutsideTargetDirectory",
                  "RenameWithoutDirectoryFsync",
                  "FsyncFailureIgnored"),
              new ArrayList<>(steps.keySet()),
              site.toString());
          List<String> row = new ArrayList<>();
          for (String check : steps.keySet()) {
            row.add(steps.getAsJsonObject(check).get("outcome").getAsString());
          }
          outcomes.put(line, row);
        });
    assertEquals(
        Map.of(
            9L, List.of("FAIL", "FAIL", "PASS", "NOT_APPLICABLE", "NOT_APPLICABLE"),
            17L, List.of("PASS", "PASS", "FAIL", "PASS", "PASS"),
            29L, List.of("PASS", "PASS", "PASS", "PASS", "PASS"),
            37L,
                List.of(
                    "NOT_APPLICABLE", "FAIL", "NOT_APPLICABLE", "NOT_APPLICABLE", "NOT_APPLICABLE"),
            43L, List.of("SUPPRESSED", "PASS", "FAIL", "NOT_APPLICABLE", "NOT_APPLICABLE"),
            51L, List.of("PASS", "FAIL", "NOT_APPLICABLE", "PASS", "PASS")),
        outcomes);

    // The existing keys stay, and the force step repeats them.
    JsonObject nonAtomic = sites.get(9L);
    assertEquals("MISSING_FORCE", nonAtomic.get("verdict").getAsString());
    JsonObject force = nonAtomic.getAsJsonObject("steps").getAsJsonObject("RenameWithoutFsync");
    assertEquals(nonAtomic.get("detail"), force.get("detail"));
    assertEquals(8, force.get("relatedLine").getAsLong());
    JsonObject atomic = nonAtomic.getAsJsonObject("steps").getAsJsonObject("NonAtomicReplace");
    assertEquals("REPLACE_EXISTING without ATOMIC_MOVE", atomic.get("detail").getAsString());
    assertEquals(9, atomic.get("relatedLine").getAsLong());

    JsonObject temp =
        sites.get(17L).getAsJsonObject("steps").getAsJsonObject("TempFileOutsideTargetDirectory");
    assertEquals(12, temp.get("relatedLine").getAsLong());
    assertEquals(
        "created in java.io.tmpdir at line 12: Files.createTempFile(\"x\", \".tmp\")",
        temp.get("detail").getAsString());
    JsonObject deleted =
        sites.get(51L).getAsJsonObject("steps").getAsJsonObject("NonAtomicReplace");
    assertEquals(50, deleted.get("relatedLine").getAsLong());
    JsonObject copy = sites.get(37L);
    assertEquals("NOT_A_RENAME", copy.get("verdict").getAsString());
    assertEquals(0, copy.get("relatedLine").getAsLong());
    JsonObject clean = sites.get(29L).getAsJsonObject("steps");
    assertEquals(
        "ATOMIC_MOVE", clean.getAsJsonObject("NonAtomicReplace").get("detail").getAsString());
    assertEquals(
        0, clean.getAsJsonObject("TempFileOutsideTargetDirectory").get("relatedLine").getAsLong());

    JsonObject summary = root.getAsJsonObject("summary");
    assertEquals(1, summary.get("MISSING_FORCE").getAsInt());
    assertEquals(1, summary.get("NOT_A_RENAME").getAsInt());
    JsonObject findings = summary.getAsJsonObject("findings");
    assertEquals(1, findings.get("RenameWithoutFsync").getAsInt());
    assertEquals(3, findings.get("NonAtomicReplace").getAsInt());
    assertEquals(2, findings.get("TempFileOutsideTargetDirectory").getAsInt());
    assertEquals(0, findings.get("RenameWithoutDirectoryFsync").getAsInt());
    assertEquals(0, findings.get("FsyncFailureIgnored").getAsInt());
  }

  @Test
  void suppressionCountsForTheNamedCheckOnly() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format",
            "json",
            "--sources",
            write("src", "Suppressed.java", SUPPRESSED).toString());

    // Every failure is suppressed: the build passes, and so does the audit.
    assertEquals(Audit.OK, result.exit, result.out + result.err);
    Map<Long, List<String>> outcomes = new TreeMap<>();
    for (JsonElement element :
        JsonParser.parseString(result.out).getAsJsonObject().getAsJsonArray("sites")) {
      JsonObject site = element.getAsJsonObject();
      List<String> row = new ArrayList<>();
      for (Map.Entry<String, JsonElement> step : site.getAsJsonObject("steps").entrySet()) {
        row.add(step.getValue().getAsJsonObject().get("outcome").getAsString());
      }
      outcomes.put(site.get("line").getAsLong(), row);
    }
    assertEquals(
        Map.of(
            9L,
                List.of(
                    "SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "NOT_APPLICABLE", "NOT_APPLICABLE"),
            16L,
                List.of(
                    "SUPPRESSED",
                    "SUPPRESSED",
                    "NOT_APPLICABLE",
                    "NOT_APPLICABLE",
                    "NOT_APPLICABLE"),
            26L, List.of("PASS", "PASS", "SUPPRESSED", "SUPPRESSED", "PASS")),
        outcomes);
    JsonObject findings =
        JsonParser.parseString(result.out)
            .getAsJsonObject()
            .getAsJsonObject("summary")
            .getAsJsonObject("findings");
    for (String check : findings.keySet()) {
      assertEquals(0, findings.get(check).getAsInt(), check);
    }

    String table = AuditTest.audit("--sources", dir.resolve("src").toString()).out;
    assertEquals(
        List.of("suppressed", "suppressed", "suppressed", "n/a", "n/a"),
        columns(table, lineContaining(table, "  9:")),
        table);
    assertEquals(
        List.of("forced", "atomic", "suppressed", "suppressed", "fails"),
        columns(table, lineContaining(table, "  26:")),
        table);
    assertTrue(
        lineContaining(table, "  16:")
            .endsWith(
                "NonAtomicReplace: target deleted first at line 14: Files.delete(target)"
                    + " (suppressed)"),
        table);
  }

  @Test
  void sarifHasARulePerCheckAndAResultPerStep() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "sarif",
            "--sources", write("src", "Replace.java", REPLACE).toString(),
            "--sources", write("more", "Suppressed.java", SUPPRESSED).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonObject run =
        JsonParser.parseString(result.out)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    Map<String, String> descriptions = new HashMap<>();
    for (JsonElement element : rules) {
      JsonObject rule = element.getAsJsonObject();
      String id = rule.get("id").getAsString();
      assertEquals(id, rule.get("name").getAsString());
      // SARIF's helpUri must be absolute; the check's page is a path in the documentation.
      assertFalse(rule.has("helpUri"), rule.toString());
      assertEquals(
          "See docs/" + id + ".md in fsync-guard's documentation.",
          rule.getAsJsonObject("help").get("text").getAsString());
      descriptions.put(id, rule.getAsJsonObject("shortDescription").get("text").getAsString());
    }
    assertEquals(
        Map.of(
            "RenameWithoutFsync", "File renamed into place before its data was forced to disk",
            "NonAtomicReplace",
                "File replaced in two steps: a crash in between leaves no file, or a partial one",
            "TempFileOutsideTargetDirectory",
                "Temp file created in java.io.tmpdir, then renamed onto a target elsewhere",
            "RenameWithoutDirectoryFsync",
                "File renamed into place, but its directory is not forced after the rename",
            "FsyncFailureIgnored",
                "A failed force is swallowed or retried, and the data is published anyway"),
        descriptions);
    assertEquals("RenameWithoutFsync", rules.get(0).getAsJsonObject().get("id").getAsString());

    JsonArray results = run.getAsJsonArray("results");
    assertEquals(9 * 5, results.size());
    Map<String, String> kinds = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonElement element : results) {
      JsonObject r = element.getAsJsonObject();
      JsonObject location =
          r.getAsJsonArray("locations")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("physicalLocation");
      String key =
          location.getAsJsonObject("artifactLocation").get("uri").getAsString().replace("demo/", "")
              + ":"
              + location.getAsJsonObject("region").get("startLine").getAsLong()
              + " "
              + r.get("ruleId").getAsString();
      assertTrue(seen.add(key), "one result per site and check: " + key);
      kinds.put(
          key,
          r.get("kind").getAsString()
              + "/"
              + r.get("level").getAsString()
              + (r.has("suppressions") ? "/suppressed" : ""));
    }
    assertEquals("fail/error", kinds.get("Replace.java:9 NonAtomicReplace"));
    assertEquals("pass/none", kinds.get("Replace.java:9 TempFileOutsideTargetDirectory"));
    assertEquals("pass/none", kinds.get("Replace.java:17 NonAtomicReplace"));
    assertEquals("fail/error", kinds.get("Replace.java:17 TempFileOutsideTargetDirectory"));
    assertEquals("pass/none", kinds.get("Replace.java:29 NonAtomicReplace"));
    assertEquals("pass/none", kinds.get("Replace.java:29 RenameWithoutDirectoryFsync"));
    assertEquals("pass/none", kinds.get("Replace.java:29 FsyncFailureIgnored"));
    assertEquals("notApplicable/none", kinds.get("Replace.java:37 RenameWithoutFsync"));
    assertEquals("fail/error", kinds.get("Replace.java:37 NonAtomicReplace"));
    assertEquals("notApplicable/none", kinds.get("Replace.java:37 RenameWithoutDirectoryFsync"));
    assertEquals("fail/error/suppressed", kinds.get("Replace.java:43 RenameWithoutFsync"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:9 NonAtomicReplace"));
    assertEquals(
        "fail/error/suppressed", kinds.get("Suppressed.java:9 TempFileOutsideTargetDirectory"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:16 NonAtomicReplace"));
    assertEquals("pass/none", kinds.get("Suppressed.java:26 NonAtomicReplace"));
    assertEquals(
        "fail/error/suppressed", kinds.get("Suppressed.java:26 TempFileOutsideTargetDirectory"));
    // RenameWithoutDirectoryFsync is a warning in the build: its failures are too.
    assertEquals(
        "fail/warning/suppressed", kinds.get("Suppressed.java:26 RenameWithoutDirectoryFsync"));
    assertEquals("pass/none", kinds.get("Suppressed.java:26 FsyncFailureIgnored"));
    for (JsonElement element : results) {
      JsonObject r = element.getAsJsonObject();
      if (r.get("ruleId").getAsString().equals("TempFileOutsideTargetDirectory")
          && r.get("kind").getAsString().equals("fail")
          && !r.has("suppressions")) {
        String text = r.getAsJsonObject("message").get("text").getAsString();
        assertTrue(text.contains(": IN TMPDIR, created in java.io.tmpdir at line "), text);
      }
    }
  }

  /** The exit status is 1 when any check reports a site, whichever check it is. */
  @Test
  void exitStatusCountsEveryCheck() throws IOException {
    String header =
        "package demo;\nimport java.io.*;\nimport java.nio.channels.FileChannel;\n"
            + "import java.nio.file.*;\nclass Only {\n";
    String forced = "    Files.write(tmp, b);\n" + FORCE_TMP + "\n";
    String forceDir = FORCE_DIR + "\n";
    Map<String, String> bodies = new TreeMap<>();
    bodies.put(
        "atomic",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = target.resolveSibling(\"x.tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);\n"
            + forceDir
            + "  }\n");
    bodies.put(
        "temp",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = Files.createTempFile(\"x\", \".tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n"
            + forceDir
            + "  }\n");
    // A copy of an unforced file onto a new name: not a rename, and it replaces nothing.
    bodies.put(
        "copy",
        "  void m(Path tmp, Path target, byte[] b) throws IOException {\n"
            + "    Files.write(tmp, b);\n"
            + "    Files.copy(tmp, target);\n  }\n");
    bodies.put(
        "clean",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = target.resolveSibling(\"x.tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n"
            + forceDir
            + "  }\n");
    bodies.put(
        "directory",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = target.resolveSibling(\"x.tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n  }\n");
    bodies.put(
        "failure",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = target.resolveSibling(\"x.tmp\");\n"
            + "    Files.write(tmp, b);\n"
            + "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {\n"
            + "      try {\n"
            + "        ch.force(true);\n"
            + "      } catch (IOException e) {\n"
            + "        System.err.println(e);\n"
            + "      }\n"
            + "    }\n"
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n"
            + forceDir
            + "  }\n");
    Map<String, String> outcomes = new TreeMap<>();
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      Path root = write(body.getKey(), "Only.java", header + body.getValue() + "}\n");
      AuditTest.Result result = AuditTest.audit("--sources", root.toString());
      String summary = lineContaining(result.out, "1 rename site: ");
      outcomes.put(
          body.getKey(), result.exit + " " + summary.substring(summary.indexOf("findings: ")));
    }
    String checks =
        "findings: RenameWithoutFsync %d, NonAtomicReplace %d, TempFileOutsideTargetDirectory %d,"
            + " RenameWithoutDirectoryFsync %d, FsyncFailureIgnored %d";
    assertEquals(
        Map.of(
            "atomic", "1 " + String.format(checks, 0, 1, 0, 0, 0),
            "temp", "1 " + String.format(checks, 0, 0, 1, 0, 0),
            "copy", "0 " + String.format(checks, 0, 0, 0, 0, 0),
            "clean", "0 " + String.format(checks, 0, 0, 0, 0, 0),
            // A warning in the build, but the audit counts it as any other check.
            "directory", "1 " + String.format(checks, 0, 0, 0, 1, 0),
            "failure", "1 " + String.format(checks, 0, 0, 0, 0, 1)),
        outcomes);
    assertTrue(
        lineContaining(AuditTest.audit("--sources", dir.resolve("copy").toString()).out, "  8:")
            .contains("not a rename"),
        "the copy's force step");
  }

  @Test
  void helpSaysWhatFailsTheAudit() {
    AuditTest.Result result = AuditTest.audit("--help");
    assertEquals(Audit.OK, result.exit);
    String help = result.out.replaceAll("\\s+", " ");
    assertTrue(help.contains("NOT ATOMIC"), result.out);
    assertTrue(help.contains("IN TMPDIR"), result.out);
    assertTrue(
        help.contains("dir force (RenameWithoutDirectoryFsync): forced, NOT FORCED"), result.out);
    assertTrue(help.contains("on failure (FsyncFailureIgnored): fails"), result.out);
    assertTrue(help.contains("IGNORED"), result.out);
    assertTrue(
        help.contains(
            "1 some site misses its force, replaces its target non-atomically, renames a temp"
                + " file from java.io.tmpdir, leaves its directory unforced after the rename (a"
                + " warning in the build, but it counts), or renames a file whose force failed and"
                + " was let go;"),
        result.out);
    assertFalse(help.contains("1 some rename misses its force;"), result.out);
  }
}
