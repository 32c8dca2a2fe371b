package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit with a baseline: it writes one from every check's findings, marks the sites a baseline
 * lists as baselined (which do not count), and rejects a bad file before the analysis.
 */
class AuditBaselineTest {
  @TempDir Path dir;

  private Path sources() throws IOException {
    Path source = dir.resolve("src/demo/Store.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, AuditTest.STORE);
    return dir.resolve("src");
  }

  @Test
  void writtenBaselineListsEveryFindingAndTheNextAuditCountsNone() throws IOException {
    Path src = sources();
    Path baseline = dir.resolve("fsync-guard-baseline.txt");

    AuditTest.Result written =
        AuditTest.audit(
            "--sources", src.toString(), "--baseline", baseline.toString(), "--write-baseline");
    assertEquals(Audit.OK, written.exit, written.err);
    assertEquals("", written.out);
    assertTrue(
        written.err.contains(
            "fsync-guard-audit: wrote the baseline "
                + baseline
                + ": 2 entries (2 added, 0 removed)"),
        written.err);
    String entries = Files.readString(baseline);
    assertTrue(
        entries.contains(
            "RenameWithoutFsync\tsrc/demo/Store.java\tdemo.Store\tmissing(Path,Path,String)"
                + "\tFiles.move(tmp,target,StandardCopyOption.ATOMIC_MOVE)\t1\n"),
        entries);
    // The data is forced, the directory is not: a warning in the build, and an entry all the same.
    assertTrue(
        entries.contains(
            "RenameWithoutDirectoryFsync\tsrc/demo/Store.java\tdemo.Store\tforced(File,File,byte[])"
                + "\ttmp.renameTo(target)\t1\n"),
        entries);

    AuditTest.Result table =
        AuditTest.audit("--sources", src.toString(), "--baseline", baseline.toString());
    assertEquals(Audit.OK, table.exit, table.out + table.err);
    assertTrue(
        table.out.contains(
            "  7:15      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE)  baselined "),
        table.out);
    assertTrue(table.out.contains(", 1 baselined, "), table.out);
    assertTrue(
        table.out.contains(
            "findings: RenameWithoutFsync 0, NonAtomicReplace 0, TempFileOutsideTargetDirectory 0,"
                + " RenameWithoutDirectoryFsync 0, FsyncFailureIgnored 0"),
        table.out);

    AuditTest.Result json =
        AuditTest.audit(
            "--sources", src.toString(), "--baseline", baseline.toString(), "--format", "json");
    assertTrue(json.out.contains("\"verdict\": \"BASELINED\""), json.out);
    assertTrue(json.out.contains("\"outcome\": \"BASELINED\""), json.out);
    assertTrue(json.out.contains("\"BASELINED\": 1"), json.out);

    // The SARIF report is checked against the schema by AuditTest.audit.
    AuditTest.Result sarif =
        AuditTest.audit(
            "--sources", src.toString(), "--baseline", baseline.toString(), "--format", "sarif");
    assertTrue(sarif.out.contains("\"kind\": \"external\""), sarif.out);
  }

  @Test
  void withoutTheBaselineTheSameSiteFails() throws IOException {
    AuditTest.Result result = AuditTest.audit("--sources", sources().toString());
    assertEquals(Audit.FINDINGS, result.exit);
    assertFalse(result.out.contains("baselined"), result.out);
  }

  @Test
  void aMalformedBaselineIsNamedWithItsLineBeforeTheAnalysis() throws IOException {
    Path src = sources();
    Path baseline = dir.resolve("fsync-guard-baseline.txt");
    Files.writeString(baseline, "# header\n\nRenameWithoutFsync\tsrc/demo/Store.java\n");

    for (String mode : new String[] {"--baseline", "--write-baseline"}) {
      AuditTest.Result result =
          mode.equals("--baseline")
              ? AuditTest.audit("--sources", src.toString(), "--baseline", baseline.toString())
              : AuditTest.audit(
                  "--sources",
                  src.toString(),
                  "--baseline",
                  baseline.toString(),
                  "--write-baseline");
      assertEquals(Audit.BAD_USAGE, result.exit, mode);
      assertEquals(
          "fsync-guard-audit: "
              + baseline
              + ":3: expected 6 fields separated by tabs (check, file, class, member, code,"
              + " occurrence), found 2\n",
          result.err,
          mode);
    }
    assertEquals(
        "# header\n\nRenameWithoutFsync\tsrc/demo/Store.java\n", Files.readString(baseline));
  }

  @Test
  void aMissingBaselineIsAnErrorUnlessItIsToBeWritten() throws IOException {
    Path src = sources();
    Path baseline = dir.resolve("none/fsync-guard-baseline.txt");
    AuditTest.Result result =
        AuditTest.audit("--sources", src.toString(), "--baseline", baseline.toString());
    assertEquals(Audit.BAD_USAGE, result.exit);
    assertEquals(
        "fsync-guard-audit: the baseline file " + baseline + " does not exist\n", result.err);
  }
}
