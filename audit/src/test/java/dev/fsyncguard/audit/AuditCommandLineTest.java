package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options, their errors, and --report-dir. */
class AuditCommandLineTest {
  @TempDir Path dir;

  private Path sources() throws IOException {
    Path source = dir.resolve("src/demo/Store.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, AuditTest.STORE);
    return dir.resolve("src");
  }

  private static void assertBadUsage(AuditTest.Result result, String message) {
    assertEquals(Audit.BAD_USAGE, result.exit, result.err);
    assertEquals("", result.out);
    assertEquals(
        "fsync-guard-audit: " + message + "\nTry 'fsync-guard-audit --help' for the options.\n",
        result.err.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void anOutputInADirectoryThatDoesNotExistFailsBeforeTheAnalysis() throws IOException {
    Path missing = dir.resolve("no-such-dir").resolve("audit.json");
    AuditTest.Result result =
        AuditTest.audit("--sources", sources().toString(), "--output", missing.toString());
    assertEquals(Audit.BAD_USAGE, result.exit, result.err);
    assertEquals(
        "fsync-guard-audit: --output "
            + missing
            + ": no such directory: "
            + missing.getParent()
            + "\n",
        result.err.replace(System.lineSeparator(), "\n"));
    assertFalse(Files.exists(missing.getParent()));
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertBadUsage(AuditTest.audit("--bogus", "project"), "unknown option: --bogus");
    assertBadUsage(AuditTest.audit("-Xep:Other", "project"), "unknown option: -Xep:Other");
  }

  @Test
  void anOptionWithoutItsValueIsNamed() {
    for (String option :
        List.of("--sources", "--classpath", "--format", "--output", "--report-dir")) {
      assertBadUsage(AuditTest.audit(option), option + " needs a value");
    }
  }

  @Test
  void aFormatTheAuditDoesNotWriteIsNamed() {
    String message = "Invalid value for option '--format': expected table, json or sarif, not xml";
    assertBadUsage(AuditTest.audit("--format", "xml", "project"), message);
    assertBadUsage(AuditTest.audit("--format=xml", "project"), message);
    // Exact names only, as the help lists them.
    assertBadUsage(
        AuditTest.audit("--format", "JSON", "project"),
        "Invalid value for option '--format': expected table, json or sarif, not JSON");
  }

  @Test
  void aSecondProjectIsNamed() {
    assertBadUsage(AuditTest.audit("one", "two"), "unexpected argument: two");
  }

  @Test
  void somethingToAuditIsNeeded() throws IOException {
    String oneOf = "give one of: a Maven project directory, --sources, --artifact";
    assertBadUsage(AuditTest.audit(), oneOf);
    assertBadUsage(AuditTest.audit("--sources", sources().toString(), "project"), oneOf);
    assertBadUsage(AuditTest.audit("--artifact", "g:a:1", "project"), oneOf);
  }

  @Test
  void artifactCoordinatesAreCheckedBeforeMavenRuns() {
    assertBadUsage(
        AuditTest.audit("--artifact", "org.apache.zookeeper:zookeeper"),
        "--artifact needs groupId:artifactId:version, got 'org.apache.zookeeper:zookeeper'");
  }

  @Test
  void helpListsEveryOptionAndTheExitStatus() {
    AuditTest.Result result = AuditTest.audit("--help");

    assertEquals(Audit.OK, result.exit, result.err);
    assertEquals("", result.err);
    for (String option :
        List.of(
            "--sources=<dir>[" + File.pathSeparator + "<dir>...]",
            "--classpath=<path>",
            "--format=table|json|sarif",
            "--output=<file>",
            "--report-dir=<dir>",
            "--include-tests",
            "--artifact=<groupId:artifactId:version>",
            "--baseline=<file>",
            "--write-baseline",
            "-h, --help",
            "-XepOpt:RenameWithoutFsync:<option>=<value>",
            "[<maven-project-directory>]")) {
      assertTrue(result.out.contains(option), option + " in\n" + result.out);
    }
    assertTrue(
        result
            .out
            .replaceAll("\\s+", " ")
            .contains(
                "2 bad usage or input; 3 not a Maven project; 4 sources do not compile; 5 Maven"
                    + " could not resolve the project"),
        result.out);
  }

  @Test
  void oneSourcesOptionTakesAPathSeparatedList() throws IOException {
    String rotate =
        " {\n"
            + "  void rotate(java.nio.file.Path a, java.nio.file.Path b) throws java.io.IOException"
            + " {\n"
            + "    java.nio.file.Files.move(a, b);\n"
            + "  }\n"
            + "}\n";
    for (String name : List.of("First", "Second")) {
      Path source = dir.resolve(name.toLowerCase() + "/demo/" + name + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package demo;\nclass " + name + rotate);
    }

    AuditTest.Result result =
        AuditTest.audit(
            "--sources", dir.resolve("first") + File.pathSeparator + dir.resolve("second"));

    assertEquals(Audit.OK, result.exit, result.err);
    assertTrue(result.out.contains("2 rename sites:"), result.out);
    assertTrue(result.err.contains("from 2 source roots"), result.err);
  }

  @Test
  void analysisOptionsReachTheAnalysis() throws IOException {
    String src = sources().toString();
    AuditTest.Result lenient = AuditTest.audit("--sources", src);
    AuditTest.Result strict =
        AuditTest.audit("-XepOpt:RenameWithoutFsync:Strict=true", "--sources", src);
    AuditTest.Result strictLast =
        AuditTest.audit("--sources", src, "-XepOpt:RenameWithoutFsync:Strict=true");

    assertTrue(lenient.out.contains("1 missing force,"), lenient.out);
    assertTrue(lenient.out.contains("1 left to a durability switch;"), lenient.out);
    // Strict: a force left to a durability switch is a missing force, as in a strict build.
    for (AuditTest.Result result : List.of(strict, strictLast)) {
      assertEquals(Audit.FINDINGS, result.exit, result.err);
      assertTrue(result.out.contains("2 missing force,"), result.out);
      assertTrue(result.out.contains("0 left to a durability switch;"), result.out);
    }
  }

  @Test
  void reportDirWritesEveryFormatAndTheSummaryLine() throws IOException {
    String src = sources().toString();
    Path reports = dir.resolve("reports/latest");

    AuditTest.Result result = AuditTest.audit("--sources", src, "--report-dir", reports.toString());

    assertEquals(Audit.FINDINGS, result.exit, result.err);
    assertEquals("", result.out);
    String summary = lastLine(AuditTest.audit("--sources", src).out);
    assertEquals(
        "fsync-guard-audit: "
            + summary
            + "; audit.txt, audit.json and audit.sarif written to "
            + reports,
        lastLine(result.err));
    assertEquals(
        AuditTest.audit("--sources", src).out, Files.readString(reports.resolve("audit.txt")));
    assertEquals(
        AuditTest.audit("--format", "json", "--sources", src).out,
        Files.readString(reports.resolve("audit.json")));
    assertEquals(
        AuditTest.audit("--format", "sarif", "--sources", src).out,
        Files.readString(reports.resolve("audit.sarif")));
  }

  @Test
  void reportDirWithFormatOrOutputWritesThatReportToo() throws IOException {
    String src = sources().toString();
    Path reports = dir.resolve("reports");
    Path output = dir.resolve("table.txt");

    AuditTest.Result printed =
        AuditTest.audit("--sources", src, "--report-dir", reports.toString(), "--format", "json");
    assertEquals(Audit.FINDINGS, printed.exit, printed.err);
    assertEquals(Files.readString(reports.resolve("audit.json")), printed.out);

    AuditTest.Result toFile =
        AuditTest.audit(
            "--sources", src, "--report-dir", reports.toString(), "--output", output.toString());
    assertEquals(Audit.FINDINGS, toFile.exit, toFile.err);
    assertEquals("", toFile.out);
    assertEquals(Files.readString(reports.resolve("audit.txt")), Files.readString(output));
    assertTrue(
        lastLine(toFile.err)
            .endsWith(
                "; report written to "
                    + output
                    + "; audit.txt, audit.json and audit.sarif written to "
                    + reports),
        toFile.err);
  }

  @Test
  void aReportDirThatCannotBeMadeIsBadInput() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "");

    AuditTest.Result result =
        AuditTest.audit("--sources", sources().toString(), "--report-dir", file.toString());

    assertEquals(Audit.BAD_USAGE, result.exit, result.err);
    assertFalse(Files.isDirectory(file));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }
}
