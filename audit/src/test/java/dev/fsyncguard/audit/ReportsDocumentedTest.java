package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field the JSON and SARIF reports write, the summary's keys too, is named in docs/audit.md.
 */
class ReportsDocumentedTest {
  @TempDir Path dir;

  @Test
  void everyReportFieldIsInTheReadme() throws IOException {
    Path source = dir.resolve("src/demo/Store.java");
    Files.createDirectories(source.getParent());
    // Suppressed sites and related lines: the fields written only sometimes are there too.
    Files.writeString(source, AuditTest.STORE);
    Path reports = dir.resolve("reports");
    AuditTest.Result result =
        AuditTest.audit(
            "--sources", dir.resolve("src").toString(), "--report-dir", reports.toString());
    assertEquals(Audit.FINDINGS, result.exit, result.err);

    Set<String> fields = new TreeSet<>();
    collect(JsonParser.parseString(Files.readString(reports.resolve("audit.json"))), fields);
    collect(JsonParser.parseString(Files.readString(reports.resolve("audit.sarif"))), fields);
    assertTrue(
        fields.containsAll(
            Set.of("summary", "UNKNOWN", "findings", "relatedLocations", "suppressions")),
        fields.toString());

    String readme =
        Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/audit.md"));
    Set<String> missing = new TreeSet<>();
    for (String field : fields) {
      // As a name of its own (`verdict`) or in a path (`sites[].verdict`, `runs[0].tool`).
      if (!Pattern.compile("[`.]" + Pattern.quote(field) + "[`.\\[]").matcher(readme).find()) {
        missing.add(field);
      }
    }
    assertEquals(Set.of(), missing, "report fields docs/audit.md does not name");
  }

  private static void collect(JsonElement element, Set<String> fields) {
    if (element.isJsonObject()) {
      element
          .getAsJsonObject()
          .entrySet()
          .forEach(
              e -> {
                fields.add(e.getKey());
                collect(e.getValue(), fields);
              });
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> collect(e, fields));
    }
  }
}
