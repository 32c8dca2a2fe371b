package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorAuditTest {
  @TempDir Path dir;

  private static final String UNFORCED =
      String.join(
          "\n",
          "package demo;",
          "import java.io.IOException;",
          "import java.nio.file.*;",
          "public class Store {",
          "  void save(Path tmp, Path target, String s) throws IOException {",
          "    Files.writeString(tmp, s);",
          "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
          "  }",
          "}",
          "");

  private static final String NO_RENAME =
      "package clean;\npublic class Clean {\n  int answer() {\n    return 42;\n  }\n}\n";

  private static final String BROKEN = "package broken;\npublic class Broken {\n  int x = y;\n}\n";

  @Test
  void writesEachModulesReportsAndTheAggregateAndSaysWhatFails() throws IOException {
    Properties job = new Properties();
    module(job, 0, "demo:store", "store", "demo/Store.java", UNFORCED);
    module(job, 1, "demo:clean", "clean", "clean/Clean.java", NO_RENAME);
    job.setProperty("aggregate.base", dir.toString());
    job.setProperty("aggregate.reports", dir.resolve("target/fsync-guard").toString());
    job.setProperty("result", dir.resolve("result.properties").toString());

    assertEquals(ReactorAudit.DONE, run(job));

    Properties result = load(dir.resolve("result.properties"));
    assertEquals("true", result.getProperty("module.0.compiled"));
    assertEquals("1", result.getProperty("module.0.missingForce"));
    assertTrue(
        result
            .getProperty("module.0.missingForce.0")
            .startsWith("store/src/main/java/demo/Store.java:7:15 Files.move(tmp, target,"),
        result.toString());
    assertTrue(
        result.getProperty("module.0.failing.0").endsWith("ATOMIC_MOVE): RenameWithoutFsync"),
        result.toString());
    assertEquals("0", result.getProperty("module.1.sites"));
    assertEquals("0", result.getProperty("module.1.failing"));
    assertEquals("1", result.getProperty("aggregate.missingForce"));

    String moduleTable = Files.readString(dir.resolve("store/target/fsync-guard/audit.txt"));
    assertTrue(moduleTable.contains("\nsrc/main/java/demo/Store.java\n"), moduleTable);
    String aggregate = Files.readString(dir.resolve("target/fsync-guard/audit.json"));
    assertTrue(aggregate.contains("\"store/src/main/java/demo/Store.java\""), aggregate);
    assertTrue(Files.isRegularFile(dir.resolve("target/fsync-guard/audit.sarif")));
    assertTrue(Files.isRegularFile(dir.resolve("clean/target/fsync-guard/audit.sarif")));
  }

  @Test
  void aModuleThatDoesNotCompileIsNamedWithItsErrorsAndLeavesNoReportNorAnAggregate()
      throws IOException {
    Properties job = new Properties();
    module(job, 0, "demo:broken", "broken", "broken/Broken.java", BROKEN);
    module(job, 1, "demo:store", "store", "demo/Store.java", UNFORCED);
    Path stale = dir.resolve("broken/target/fsync-guard/audit.txt");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "an earlier run's report");
    job.setProperty("aggregate.base", dir.toString());
    job.setProperty("aggregate.reports", dir.resolve("target/fsync-guard").toString());
    job.setProperty("result", dir.resolve("result.properties").toString());

    assertEquals(ReactorAudit.DONE, run(job));

    Properties result = load(dir.resolve("result.properties"));
    assertEquals("false", result.getProperty("module.0.compiled"));
    assertTrue(result.getProperty("module.0.error").contains("Broken.java:3"), result.toString());
    assertFalse(Files.exists(stale));
    assertEquals("true", result.getProperty("module.1.compiled"));
    assertTrue(Files.isRegularFile(dir.resolve("store/target/fsync-guard/audit.txt")));
    assertEquals("1", result.getProperty("aggregate.missingForce"));
    assertFalse(Files.exists(dir.resolve("target/fsync-guard/audit.txt")));
  }

  @Test
  void aJobWithoutItsResultFileIsRefused() throws IOException {
    Properties job = new Properties();
    job.setProperty("aggregate.base", dir.toString());
    job.setProperty("aggregate.reports", dir.resolve("target/fsync-guard").toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path file = dir.resolve("job.properties");
    store(job, file);

    int status =
        ReactorAudit.run(
            new String[] {file.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(ReactorAudit.FAILED, status);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("the job has no result"), err.toString());
  }

  private void module(
      Properties job, int n, String name, String directory, String file, String text)
      throws IOException {
    Path base = dir.resolve(directory);
    Path source = base.resolve("src/main/java").resolve(file);
    Files.createDirectories(source.getParent());
    Files.writeString(source, text);
    job.setProperty("module." + n + ".name", name);
    job.setProperty("module." + n + ".base", base.toString());
    job.setProperty("module." + n + ".reports", base.resolve("target/fsync-guard").toString());
    job.setProperty("module." + n + ".roots", base.resolve("src/main/java").toString());
  }

  private int run(Properties job) throws IOException {
    Path file = dir.resolve("job.properties");
    store(job, file);
    return ReactorAudit.run(
        new String[] {file.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        System.err);
  }

  private static void store(Properties properties, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, null);
    }
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    return properties;
  }
}
