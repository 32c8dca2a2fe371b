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

/** Each site's verdict on every step of a crash-safe replace: force, atomic replace, temp location. */
class AuditStepsTest {
  @TempDir Path dir;

  private static final String FORCE_TMP =
      String.join(
          "\n",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {",
          "      ch.force(true);",
          "    }");

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
          "  }",
          "  void clean(Path target, byte[] b) throws IOException {",
          "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
          "    Files.write(tmp, b);",
          FORCE_TMP, // 22-24
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 25
          "  }",
          "  void copied(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          "    Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);", // 29
          "  }",
          "  @SuppressWarnings(\"RenameWithoutFsync\")",
          "  void forceSuppressed(Path target, byte[] b) throws IOException {",
          "    Path tmp = Files.createTempFile(\"x\", \".tmp\");", // 33
          "    Files.write(tmp, b);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);", // 35
          "  }",
          "  void deleteFirst(Path tmp, Path target, byte[] b) throws IOException {",
          "    Files.write(tmp, b);",
          FORCE_TMP, // 39-41
          "    Files.delete(target);", // 42
          "    Files.move(tmp, target);", // 43
          "  }",
          "}",
          "");

  /** Every failure suppressed: by "all", by each check's name, on a method, a class, a variable. */
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
          "  @SuppressWarnings(\"TempFileOutsideTargetDirectory\")",
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
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("<no line " + prefix + ">");
  }

  /** The labels in the force, atomic and temp dir columns of a table row, by their headings. */
  private static List<String> columns(String table, String row) {
    String heading = table.lines().findFirst().orElseThrow();
    List<String> labels = new ArrayList<>();
    for (String[] pair : List.of(new String[] {"force", "atomic"}, new String[] {"atomic", "temp dir"},
        new String[] {"temp dir", "detail"})) {
      int from = heading.indexOf("  " + pair[0] + " ") + 2;
      int to = heading.indexOf("  " + pair[1] + " ") + 2;
      if (pair[1].equals("detail")) {
        to = heading.indexOf("  detail") + 2;
      }
      labels.add(row.length() < to ? "<short row: " + row + ">" : row.substring(from, to).trim());
    }
    return labels;
  }

  @Test
  void tableHasAColumnPerStepAndCountsFindingsPerCheck() throws IOException {
    AuditTest.Result result = AuditTest.audit("--sources", write("src", "Replace.java", REPLACE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    String table = result.out;
    String heading = table.lines().findFirst().orElseThrow();
    assertTrue(heading.matches(" +line:col +call +force +atomic +temp dir +detail"), heading);
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : List.of("9", "17", "25", "29", "35", "43")) {
      rows.put(line, columns(table, lineContaining(table, "  " + line + ":")));
    }
    assertEquals(
        Map.of(
            "9", List.of("missing force", "NOT ATOMIC", "ok"),
            "17", List.of("forced", "atomic", "IN TMPDIR"),
            "25", List.of("forced", "atomic", "ok"),
            "29", List.of("not a rename", "NOT ATOMIC", "n/a"),
            "35", List.of("suppressed", "atomic", "IN TMPDIR"),
            "43", List.of("forced", "NOT ATOMIC", "n/a")),
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
    assertTrue(lineContaining(table, "  25:").endsWith("forced at line 23: ch.force(true)"), table);
    assertTrue(
        lineContaining(table, "  29:")
            .endsWith(
                "a copy, not a rename: the force step does not apply; NonAtomicReplace: copied over"
                    + " the target"),
        table);
    assertTrue(
        lineContaining(table, "  43:")
            .endsWith("NonAtomicReplace: target deleted first at line 42: Files.delete(target)"),
        table);
    assertTrue(
        table.contains(
            "6 rename sites: 3 forced, 1 missing force, 0 not written here, 1 suppressed,"
                + " 0 left to a durability switch, 1 not a rename;"
                + " findings: RenameWithoutFsync 1, NonAtomicReplace 3, TempFileOutsideTargetDirectory 2\n"),
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
    for (String heading2 : List.of("call", "force", "atomic", "temp dir", "detail")) {
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
        AuditTest.audit("--format", "json", "--sources", write("src", "Replace.java", REPLACE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonObject root = JsonParser.parseString(result.out).getAsJsonObject();
    Map<Long, JsonObject> sites = new HashMap<>();
    for (JsonElement element : root.getAsJsonArray("sites")) {
      sites.put(element.getAsJsonObject().get("line").getAsLong(), element.getAsJsonObject());
    }
    assertEquals(Set.of(9L, 17L, 25L, 29L, 35L, 43L), sites.keySet());
    Map<Long, List<String>> outcomes = new TreeMap<>();
    sites.forEach(
        (line, site) -> {
          JsonObject steps = site.getAsJsonObject("steps");
          assertEquals(
              List.of("RenameWithoutFsync", "NonAtomicReplace", "TempFileOutsideTargetDirectory"),
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
            9L, List.of("FAIL", "FAIL", "PASS"),
            17L, List.of("PASS", "PASS", "FAIL"),
            25L, List.of("PASS", "PASS", "PASS"),
            29L, List.of("NOT_APPLICABLE", "FAIL", "NOT_APPLICABLE"),
            35L, List.of("SUPPRESSED", "PASS", "FAIL"),
            43L, List.of("PASS", "FAIL", "NOT_APPLICABLE")),
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
    JsonObject deleted = sites.get(43L).getAsJsonObject("steps").getAsJsonObject("NonAtomicReplace");
    assertEquals(42, deleted.get("relatedLine").getAsLong());
    JsonObject copy = sites.get(29L);
    assertEquals("NOT_A_RENAME", copy.get("verdict").getAsString());
    assertEquals(0, copy.get("relatedLine").getAsLong());
    JsonObject clean = sites.get(25L).getAsJsonObject("steps");
    assertEquals("ATOMIC_MOVE", clean.getAsJsonObject("NonAtomicReplace").get("detail").getAsString());
    assertEquals(0, clean.getAsJsonObject("TempFileOutsideTargetDirectory").get("relatedLine").getAsLong());

    JsonObject summary = root.getAsJsonObject("summary");
    assertEquals(1, summary.get("MISSING_FORCE").getAsInt());
    assertEquals(1, summary.get("NOT_A_RENAME").getAsInt());
    JsonObject findings = summary.getAsJsonObject("findings");
    assertEquals(1, findings.get("RenameWithoutFsync").getAsInt());
    assertEquals(3, findings.get("NonAtomicReplace").getAsInt());
    assertEquals(2, findings.get("TempFileOutsideTargetDirectory").getAsInt());
  }

  @Test
  void suppressionCountsForTheNamedCheckOnly() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "json", "--sources", write("src", "Suppressed.java", SUPPRESSED).toString());

    // Every failure is suppressed: the build passes, and so does the audit.
    assertEquals(Audit.OK, result.exit, result.out + result.err);
    Map<Long, List<String>> outcomes = new TreeMap<>();
    for (JsonElement element : JsonParser.parseString(result.out).getAsJsonObject().getAsJsonArray("sites")) {
      JsonObject site = element.getAsJsonObject();
      List<String> row = new ArrayList<>();
      for (Map.Entry<String, JsonElement> step : site.getAsJsonObject("steps").entrySet()) {
        row.add(step.getValue().getAsJsonObject().get("outcome").getAsString());
      }
      outcomes.put(site.get("line").getAsLong(), row);
    }
    assertEquals(
        Map.of(
            9L, List.of("SUPPRESSED", "SUPPRESSED", "SUPPRESSED"),
            16L, List.of("SUPPRESSED", "SUPPRESSED", "NOT_APPLICABLE"),
            26L, List.of("PASS", "PASS", "SUPPRESSED")),
        outcomes);
    JsonObject findings =
        JsonParser.parseString(result.out).getAsJsonObject().getAsJsonObject("summary")
            .getAsJsonObject("findings");
    for (String check : findings.keySet()) {
      assertEquals(0, findings.get(check).getAsInt(), check);
    }

    String table = AuditTest.audit("--sources", dir.resolve("src").toString()).out;
    assertEquals(
        List.of("suppressed", "suppressed", "suppressed"),
        columns(table, lineContaining(table, "  9:")),
        table);
    assertTrue(
        lineContaining(table, "  16:")
            .endsWith("NonAtomicReplace: target deleted first at line 14: Files.delete(target) (suppressed)"),
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
        JsonParser.parseString(result.out).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
    JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    Map<String, String> descriptions = new HashMap<>();
    for (JsonElement element : rules) {
      JsonObject rule = element.getAsJsonObject();
      String id = rule.get("id").getAsString();
      assertEquals(id, rule.get("name").getAsString());
      assertEquals("docs/" + id + ".md", rule.get("helpUri").getAsString());
      descriptions.put(id, rule.getAsJsonObject("shortDescription").get("text").getAsString());
    }
    assertEquals(
        Map.of(
            "RenameWithoutFsync", "File renamed into place before its data was forced to disk",
            "NonAtomicReplace",
                "File replaced in two steps: a crash in between leaves no file, or a partial one",
            "TempFileOutsideTargetDirectory",
                "Temp file created in java.io.tmpdir, then renamed onto a target elsewhere"),
        descriptions);
    assertEquals("RenameWithoutFsync", rules.get(0).getAsJsonObject().get("id").getAsString());

    JsonArray results = run.getAsJsonArray("results");
    assertEquals(9 * 3, results.size());
    Map<String, String> kinds = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonElement element : results) {
      JsonObject r = element.getAsJsonObject();
      JsonObject location =
          r.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
      String key =
          location.getAsJsonObject("artifactLocation").get("uri").getAsString().replace("demo/", "")
              + ":" + location.getAsJsonObject("region").get("startLine").getAsLong()
              + " " + r.get("ruleId").getAsString();
      assertTrue(seen.add(key), "one result per site and check: " + key);
      kinds.put(
          key,
          r.get("kind").getAsString() + "/" + r.get("level").getAsString()
              + (r.has("suppressions") ? "/suppressed" : ""));
    }
    assertEquals("fail/error", kinds.get("Replace.java:9 NonAtomicReplace"));
    assertEquals("pass/none", kinds.get("Replace.java:9 TempFileOutsideTargetDirectory"));
    assertEquals("pass/none", kinds.get("Replace.java:17 NonAtomicReplace"));
    assertEquals("fail/error", kinds.get("Replace.java:17 TempFileOutsideTargetDirectory"));
    assertEquals("pass/none", kinds.get("Replace.java:25 NonAtomicReplace"));
    assertEquals("notApplicable/none", kinds.get("Replace.java:29 RenameWithoutFsync"));
    assertEquals("fail/error", kinds.get("Replace.java:29 NonAtomicReplace"));
    assertEquals("fail/error/suppressed", kinds.get("Replace.java:35 RenameWithoutFsync"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:9 NonAtomicReplace"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:9 TempFileOutsideTargetDirectory"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:16 NonAtomicReplace"));
    assertEquals("pass/none", kinds.get("Suppressed.java:26 NonAtomicReplace"));
    assertEquals("fail/error/suppressed", kinds.get("Suppressed.java:26 TempFileOutsideTargetDirectory"));
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
    Map<String, String> bodies = new TreeMap<>();
    bodies.put(
        "atomic",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = target.resolveSibling(\"x.tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);\n  }\n");
    bodies.put(
        "temp",
        "  void m(Path target, byte[] b) throws IOException {\n"
            + "    Path tmp = Files.createTempFile(\"x\", \".tmp\");\n"
            + forced
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n  }\n");
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
            + "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n  }\n");
    Map<String, String> outcomes = new TreeMap<>();
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      Path root = write(body.getKey(), "Only.java", header + body.getValue() + "}\n");
      AuditTest.Result result = AuditTest.audit("--sources", root.toString());
      String summary = lineContaining(result.out, "1 rename site: ");
      outcomes.put(body.getKey(), result.exit + " " + summary.substring(summary.indexOf("findings: ")));
    }
    assertEquals(
        Map.of(
            "atomic", "1 findings: RenameWithoutFsync 0, NonAtomicReplace 1, TempFileOutsideTargetDirectory 0",
            "temp", "1 findings: RenameWithoutFsync 0, NonAtomicReplace 0, TempFileOutsideTargetDirectory 1",
            "copy", "0 findings: RenameWithoutFsync 0, NonAtomicReplace 0, TempFileOutsideTargetDirectory 0",
            "clean", "0 findings: RenameWithoutFsync 0, NonAtomicReplace 0, TempFileOutsideTargetDirectory 0"),
        outcomes);
    assertTrue(
        lineContaining(
                AuditTest.audit("--sources", dir.resolve("copy").toString()).out, "  8:")
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
        help.contains(
            "1 some site misses its force, replaces its target non-atomically, or renames a temp"
                + " file from java.io.tmpdir"),
        result.out);
    assertFalse(help.contains("1 some rename misses its force;"), result.out);
  }
}
