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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last two steps of a crash-safe replace at each site: the directory forced after the rename
 * (RenameWithoutDirectoryFsync), and a failed force failing the save (FsyncFailureIgnored).
 */
class AuditDurabilityStepsTest {
  @TempDir Path dir;

  /** Writes {@code tmp} and forces it. */
  private static final String WRITE_AND_FORCE =
      String.join(
          "\n",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,"
              + " StandardOpenOption.CREATE)) {",
          "      ch.write(ByteBuffer.wrap(b));",
          "      ch.force(true);",
          "    }");

  /** Writes {@code tmp} and forces it, but a failed force is only printed: the save goes on. */
  private static final String WRITE_AND_IGNORE_FAILURE =
      String.join(
          "\n",
          "    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,"
              + " StandardOpenOption.CREATE)) {",
          "      ch.write(ByteBuffer.wrap(b));",
          "      try {",
          "        ch.force(true);",
          "      } catch (IOException e) {",
          "        System.err.println(e);",
          "      }",
          "    }");

  private static final String HEADER =
      String.join(
          "\n",
          "package demo;",
          "import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;",
          "import java.io.*;",
          "import java.nio.ByteBuffer;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.*;");

  private static final String TMP = "    Path tmp = target.resolveSibling(\"x.tmp\");";

  /** Each shape of the two steps once; line numbers are asserted below. */
  static final String DURABLE =
      String.join(
          "\n",
          HEADER, // 1-6
          "public class Durable {",
          "  void noDirectoryForce(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_FORCE, // 10-13
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 14
          "  }",
          "  void directoryForced(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_FORCE, // 18-21
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 22
          AuditStepsTest.FORCE_DIR, // 23-26
          "  }",
          "  void failureIgnored(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_IGNORE_FAILURE, // 30-37, the force on 33
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 38
          AuditStepsTest.FORCE_DIR, // 39-42
          "  }",
          // The build reports FsyncFailureIgnored at the force: an annotation on the rename's
          // variable does not suppress it. RenameWithoutDirectoryFsync is reported at the rename.
          "  void failureSuppressedAtTheRename(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_IGNORE_FAILURE, // 46-53, the force on 49
          "    @SuppressWarnings(\"FsyncFailureIgnored\")",
          "    Path moved = Files.move(tmp, target, ATOMIC_MOVE);", // 55
          AuditStepsTest.FORCE_DIR, // 56-59
          "  }",
          "  void directorySuppressedAtTheRename(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_FORCE, // 63-66
          "    @SuppressWarnings(\"RenameWithoutDirectoryFsync\")",
          "    Path moved = Files.move(tmp, target, ATOMIC_MOVE);", // 68
          "  }",
          "  void copiedAfterIgnoredFailure(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_IGNORE_FAILURE, // 72-79, the force on 75
          "    Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);", // 80
          "  }",
          "}",
          "");

  /** The same failures, each suppressed: by the check's name on a method, by "all" on a class. */
  static final String QUIET =
      String.join(
          "\n",
          HEADER, // 1-6
          "public class Quiet {",
          "  @SuppressWarnings(\"RenameWithoutDirectoryFsync\")",
          "  void directory(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_FORCE, // 11-14
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 15
          "  }",
          "  @SuppressWarnings(\"FsyncFailureIgnored\")",
          "  void failure(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_IGNORE_FAILURE, // 20-27, the force on 23
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 28
          AuditStepsTest.FORCE_DIR, // 29-32
          "  }",
          "  @SuppressWarnings(\"all\")",
          "  static class Everything {",
          "  void directory(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_FORCE, // 38-41
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 42
          "  }",
          "  void failure(Path target, byte[] b) throws IOException {",
          TMP,
          WRITE_AND_IGNORE_FAILURE, // 46-53, the force on 49
          "    Files.move(tmp, target, ATOMIC_MOVE);", // 54
          "  }",
          "  }",
          "}",
          "");

  static final List<String> CHECKS =
      List.of(
          "RenameWithoutFsync",
          "NonAtomicReplace",
          "TempFileOutsideTargetDirectory",
          "RenameWithoutDirectoryFsync",
          "FsyncFailureIgnored");

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

  /** Each site's JSON object by its line. */
  private static Map<Long, JsonObject> sites(String json) {
    Map<Long, JsonObject> sites = new TreeMap<>();
    for (JsonElement element :
        JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("sites")) {
      sites.put(element.getAsJsonObject().get("line").getAsLong(), element.getAsJsonObject());
    }
    return sites;
  }

  /** Each site's step outcomes, in report order, by its line. */
  private static Map<Long, List<String>> outcomes(Map<Long, JsonObject> sites) {
    Map<Long, List<String>> outcomes = new TreeMap<>();
    sites.forEach(
        (line, site) -> {
          JsonObject steps = site.getAsJsonObject("steps");
          assertEquals(CHECKS, new ArrayList<>(steps.keySet()), site.toString());
          List<String> row = new ArrayList<>();
          for (String check : CHECKS) {
            row.add(steps.getAsJsonObject(check).get("outcome").getAsString());
          }
          outcomes.put(line, row);
        });
    return outcomes;
  }

  @Test
  void tableHasADirectoryAndAFailureColumn() throws IOException {
    AuditTest.Result result =
        AuditTest.audit("--sources", write("src", "Durable.java", DURABLE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    String table = result.out;
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : List.of("14", "22", "38", "55", "68", "80")) {
      rows.put(line, AuditStepsTest.columns(table, lineContaining(table, "  " + line + ":")));
    }
    assertEquals(
        Map.of(
            "14", List.of("forced", "atomic", "ok", "NOT FORCED", "fails"),
            "22", List.of("forced", "atomic", "ok", "forced", "fails"),
            // A force whose failure is let go was made: the force step passes, the failure fails.
            "38", List.of("forced", "atomic", "ok", "n/a", "IGNORED"),
            "55", List.of("forced", "atomic", "ok", "n/a", "IGNORED"),
            "68", List.of("forced", "atomic", "ok", "suppressed", "fails"),
            "80", List.of("not a rename", "NOT ATOMIC", "n/a", "n/a", "IGNORED")),
        rows,
        table);
    assertTrue(
        lineContaining(table, "  14:")
            .endsWith(
                "forced at line 12: ch.force(true);"
                    + " RenameWithoutDirectoryFsync: directory not forced after the rename"),
        table);
    assertTrue(lineContaining(table, "  22:").endsWith("forced at line 20: ch.force(true)"), table);
    assertTrue(
        lineContaining(table, "  38:")
            .endsWith(
                "forced at line 33: ch.force(true); FsyncFailureIgnored: a failed force of the data"
                    + " is let go at line 33: ch.force(true)"),
        table);
    assertTrue(
        lineContaining(table, "  68:")
            .endsWith(
                "RenameWithoutDirectoryFsync: directory not forced after the rename (suppressed)"),
        table);
    assertTrue(
        table.contains(
            "6 rename sites: 5 forced, 0 missing force, 0 not written here, 0 suppressed,"
                + " 0 left to a durability switch, 1 not a rename;"
                + " findings: RenameWithoutFsync 0, NonAtomicReplace 1,"
                + " TempFileOutsideTargetDirectory 0, RenameWithoutDirectoryFsync 1,"
                + " FsyncFailureIgnored 3\n"),
        table);
  }

  @Test
  void jsonCarriesBothStepsWithTheLinesTheyRestOn() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "json", "--sources", write("src", "Durable.java", DURABLE).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    Map<Long, JsonObject> sites = sites(result.out);
    assertEquals(
        Map.of(
            14L, List.of("PASS", "PASS", "PASS", "FAIL", "PASS"),
            22L, List.of("PASS", "PASS", "PASS", "PASS", "PASS"),
            38L, List.of("PASS", "PASS", "PASS", "NOT_APPLICABLE", "FAIL"),
            55L, List.of("PASS", "PASS", "PASS", "NOT_APPLICABLE", "FAIL"),
            68L, List.of("PASS", "PASS", "PASS", "SUPPRESSED", "PASS"),
            80L, List.of("NOT_APPLICABLE", "FAIL", "NOT_APPLICABLE", "NOT_APPLICABLE", "FAIL")),
        outcomes(sites));

    // The directory step rests on the rename itself, where the build reports it.
    JsonObject directory =
        sites.get(14L).getAsJsonObject("steps").getAsJsonObject("RenameWithoutDirectoryFsync");
    assertEquals("directory not forced after the rename", directory.get("detail").getAsString());
    assertEquals(14, directory.get("relatedLine").getAsLong());
    JsonObject forced =
        sites.get(22L).getAsJsonObject("steps").getAsJsonObject("RenameWithoutDirectoryFsync");
    assertEquals("directory forced", forced.get("detail").getAsString());

    // The failure step rests on the force whose failure is let go, where the build reports it.
    JsonObject ignored = sites.get(38L);
    JsonObject failure = ignored.getAsJsonObject("steps").getAsJsonObject("FsyncFailureIgnored");
    assertEquals(33, failure.get("relatedLine").getAsLong());
    assertEquals(
        "a failed force of the data is let go at line 33: ch.force(true)",
        failure.get("detail").getAsString());
    assertEquals("FORCED", ignored.get("verdict").getAsString());
    assertEquals(33, ignored.get("relatedLine").getAsLong());
    assertEquals(
        49,
        sites
            .get(55L)
            .getAsJsonObject("steps")
            .getAsJsonObject("FsyncFailureIgnored")
            .get("relatedLine")
            .getAsLong());
    assertEquals(
        75,
        sites
            .get(80L)
            .getAsJsonObject("steps")
            .getAsJsonObject("FsyncFailureIgnored")
            .get("relatedLine")
            .getAsLong());
    JsonObject fails =
        sites.get(14L).getAsJsonObject("steps").getAsJsonObject("FsyncFailureIgnored");
    assertEquals(0, fails.get("relatedLine").getAsLong());

    JsonObject findings =
        JsonParser.parseString(result.out)
            .getAsJsonObject()
            .getAsJsonObject("summary")
            .getAsJsonObject("findings");
    Map<String, Integer> counts = new HashMap<>();
    for (String check : findings.keySet()) {
      counts.put(check, findings.get(check).getAsInt());
    }
    assertEquals(CHECKS, new ArrayList<>(findings.keySet()));
    assertEquals(
        Map.of(
            "RenameWithoutFsync", 0,
            "NonAtomicReplace", 1,
            "TempFileOutsideTargetDirectory", 0,
            "RenameWithoutDirectoryFsync", 1,
            "FsyncFailureIgnored", 3),
        counts);
  }

  @Test
  void sarifHasBothRulesAndAResultPerSiteForEach() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "sarif",
            "--sources", write("src", "Durable.java", DURABLE).toString(),
            "--sources", write("quiet", "Quiet.java", QUIET).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    JsonObject run =
        JsonParser.parseString(result.out)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    Map<String, String> descriptions = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    for (JsonElement element :
        run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")) {
      JsonObject rule = element.getAsJsonObject();
      ids.add(rule.get("id").getAsString());
      descriptions.put(
          rule.get("id").getAsString(),
          rule.getAsJsonObject("shortDescription").get("text").getAsString());
    }
    assertEquals(CHECKS, ids);
    assertEquals(
        "File renamed into place, but its directory is not forced after the rename",
        descriptions.get("RenameWithoutDirectoryFsync"));
    assertEquals(
        "A failed force is swallowed or retried, and the data is published anyway",
        descriptions.get("FsyncFailureIgnored"));

    JsonArray results = run.getAsJsonArray("results");
    assertEquals((6 + 4) * 5, results.size());
    Map<String, String> kinds = new TreeMap<>();
    Map<String, Long> related = new TreeMap<>();
    for (JsonElement element : results) {
      JsonObject r = element.getAsJsonObject();
      String check = r.get("ruleId").getAsString();
      if (!check.equals("RenameWithoutDirectoryFsync") && !check.equals("FsyncFailureIgnored")) {
        continue;
      }
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
              + check;
      assertFalse(kinds.containsKey(key), "one result per site and check: " + key);
      kinds.put(
          key,
          r.get("kind").getAsString()
              + "/"
              + r.get("level").getAsString()
              + (r.has("suppressions") ? "/suppressed" : ""));
      if (r.has("relatedLocations")) {
        related.put(
            key,
            r.getAsJsonArray("relatedLocations")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("physicalLocation")
                .getAsJsonObject("region")
                .get("startLine")
                .getAsLong());
      }
    }
    Map<String, String> expected = new TreeMap<>();
    // RenameWithoutDirectoryFsync is a warning in the build, FsyncFailureIgnored an error.
    expected.put("Durable.java:14 RenameWithoutDirectoryFsync", "fail/warning");
    expected.put("Durable.java:14 FsyncFailureIgnored", "pass/none");
    expected.put("Durable.java:22 RenameWithoutDirectoryFsync", "pass/none");
    expected.put("Durable.java:22 FsyncFailureIgnored", "pass/none");
    expected.put("Durable.java:38 RenameWithoutDirectoryFsync", "notApplicable/none");
    expected.put("Durable.java:38 FsyncFailureIgnored", "fail/error");
    expected.put("Durable.java:55 RenameWithoutDirectoryFsync", "notApplicable/none");
    expected.put("Durable.java:55 FsyncFailureIgnored", "fail/error");
    expected.put("Durable.java:68 RenameWithoutDirectoryFsync", "fail/warning/suppressed");
    expected.put("Durable.java:68 FsyncFailureIgnored", "pass/none");
    expected.put("Durable.java:80 RenameWithoutDirectoryFsync", "notApplicable/none");
    expected.put("Durable.java:80 FsyncFailureIgnored", "fail/error");
    expected.put("Quiet.java:15 RenameWithoutDirectoryFsync", "fail/warning/suppressed");
    expected.put("Quiet.java:15 FsyncFailureIgnored", "pass/none");
    expected.put("Quiet.java:28 RenameWithoutDirectoryFsync", "notApplicable/none");
    expected.put("Quiet.java:28 FsyncFailureIgnored", "fail/error/suppressed");
    expected.put("Quiet.java:42 RenameWithoutDirectoryFsync", "fail/warning/suppressed");
    expected.put("Quiet.java:42 FsyncFailureIgnored", "pass/none");
    expected.put("Quiet.java:54 RenameWithoutDirectoryFsync", "notApplicable/none");
    expected.put("Quiet.java:54 FsyncFailureIgnored", "fail/error/suppressed");
    assertEquals(expected, kinds);
    // A failure's related location is the force the build reports; the directory's, the rename.
    assertEquals(33L, related.get("Durable.java:38 FsyncFailureIgnored"));
    assertEquals(49L, related.get("Durable.java:55 FsyncFailureIgnored"));
    assertEquals(75L, related.get("Durable.java:80 FsyncFailureIgnored"));
    assertEquals(23L, related.get("Quiet.java:28 FsyncFailureIgnored"));
    assertEquals(14L, related.get("Durable.java:14 RenameWithoutDirectoryFsync"));
    assertFalse(related.containsKey("Durable.java:22 FsyncFailureIgnored"), related.toString());
  }

  @Test
  void suppressionCountsForTheNamedCheckOnly() throws IOException {
    AuditTest.Result result =
        AuditTest.audit(
            "--format", "json", "--sources", write("quiet", "Quiet.java", QUIET).toString());

    // Every failure is suppressed: the build passes, and so does the audit.
    assertEquals(Audit.OK, result.exit, result.out + result.err);
    assertEquals(
        Map.of(
            15L, List.of("PASS", "PASS", "PASS", "SUPPRESSED", "PASS"),
            28L, List.of("PASS", "PASS", "PASS", "NOT_APPLICABLE", "SUPPRESSED"),
            42L, List.of("PASS", "PASS", "PASS", "SUPPRESSED", "PASS"),
            54L, List.of("PASS", "PASS", "PASS", "NOT_APPLICABLE", "SUPPRESSED")),
        outcomes(sites(result.out)));
    JsonObject findings =
        JsonParser.parseString(result.out)
            .getAsJsonObject()
            .getAsJsonObject("summary")
            .getAsJsonObject("findings");
    assertEquals(CHECKS, new ArrayList<>(findings.keySet()));
    for (String check : findings.keySet()) {
      assertEquals(0, findings.get(check).getAsInt(), check);
    }

    String table = AuditTest.audit("--sources", dir.resolve("quiet").toString()).out;
    assertEquals(
        List.of("forced", "atomic", "ok", "suppressed", "fails"),
        AuditStepsTest.columns(table, lineContaining(table, "  15:")),
        table);
    assertEquals(
        List.of("forced", "atomic", "ok", "n/a", "suppressed"),
        AuditStepsTest.columns(table, lineContaining(table, "  54:")),
        table);
    assertTrue(
        lineContaining(table, "  28:")
            .endsWith(
                "FsyncFailureIgnored: a failed force of the data is let go at line 23:"
                    + " ch.force(true) (suppressed)"),
        table);
  }

  /**
   * A save spread over an object's methods (ZooKeeper's {@code AtomicFileOutputStream}): the commit
   * in {@code close()} is judged on every step, no longer "not written here", and the row names the
   * methods the save spans.
   */
  @Test
  void streamClassCommitIsJudgedOnEveryStep() throws IOException {
    String stream =
        String.join(
            "\n",
            "package demo;",
            "import java.io.*;",
            "public class AtomicStream extends FilterOutputStream {",
            "  private final File origFile;",
            "  private final File tmpFile;",
            "  public AtomicStream(File f) throws FileNotFoundException {",
            "    super(new FileOutputStream(new File(f.getParentFile(), f.getName() + \".tmp\")));",
            "    origFile = f.getAbsoluteFile();",
            "    tmpFile = new File(f.getParentFile(), f.getName() + \".tmp\").getAbsoluteFile();",
            "  }",
            "  @Override",
            "  public void close() throws IOException {",
            "    flush();",
            "    ((FileOutputStream) out).getFD().sync();",
            "    super.close();",
            "    if (!tmpFile.renameTo(origFile)) {", // 16
            "      if (!origFile.delete() || !tmpFile.renameTo(origFile)) {", // 17
            "        throw new IOException(\"could not rename\");",
            "      }",
            "    }",
            "  }",
            "}");
    AuditTest.Result result =
        AuditTest.audit("--sources", write("src", "AtomicStream.java", stream).toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    String table = result.out;
    assertEquals(
        List.of("forced", "NOT ATOMIC", "n/a", "NOT FORCED", "fails"),
        AuditStepsTest.columns(table, lineContaining(table, "  17:")),
        table);
    assertTrue(
        lineContaining(table, "  17:")
            .contains("; opened in AtomicStream(File), committed in close()"),
        table);
  }
}
