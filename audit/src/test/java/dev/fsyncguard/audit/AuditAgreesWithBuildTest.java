package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.scanner.ScannerSupplier;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fsyncguard.checker.RenameWithoutFsync;
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
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit names each rename where the build's RenameWithoutFsync reports it, and says the same. */
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

  private Path sources() throws IOException {
    Path source = dir.resolve("src/demo/Places.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, PLACES);
    return dir.resolve("src");
  }

  /** "line:column" of each RenameWithoutFsync diagnostic of a build, with its message. */
  private Map<String, String> build(Path sources) throws IOException {
    ErrorProneJavaCompiler compiler =
        new ErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(RenameWithoutFsync.class));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiler
          .getTask(
              new StringWriter(),
              files,
              diagnostics,
              List.of("-d", classes.toString(), "-proc:none", "-XDcompilePolicy=simple",
                  "--should-stop=ifError=FLOW"),
              null,
              files.getJavaFileObjects(sources.resolve("demo/Places.java")))
          .call();
    }
    Map<String, String> found = new HashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (d.getKind() == Diagnostic.Kind.ERROR && message.contains("[RenameWithoutFsync]")) {
        found.put(d.getLineNumber() + ":" + d.getColumnNumber(), message);
      }
    }
    return found;
  }

  private static String audit(String... args) {
    AuditTest.Result result = AuditTest.audit(args);
    assertEquals(Audit.FINDINGS, result.exit, result.err);
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
          element.getAsJsonObject().getAsJsonArray("locations").get(0).getAsJsonObject()
              .getAsJsonObject("physicalLocation").getAsJsonObject("region");
      fromSarif.add(region.get("startLine").getAsLong() + ":" + region.get("startColumn").getAsLong());
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
      String message = built.get(site.get("line").getAsLong() + ":" + site.get("column").getAsLong());
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
}
