package dev.fsyncguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the audit goal in real Maven builds of copies of the sample projects, against a local
 * repository staged from this reactor: findings fail the build as {@code failOn} says, the reports
 * are written per module and for the whole build, bad input fails with a message that names it, and
 * the projects' own files are never written to.
 */
class AuditGoalIT {
  private static final Path SAMPLES = Paths.get(System.getProperty("it.samples"));
  private static final Path WORK = Paths.get(System.getProperty("it.work"));
  private static final Path REPOSITORY = Paths.get(System.getProperty("it.localRepository"));
  private static final String VERSION = System.getProperty("it.pluginVersion");
  private static final String GOAL = "dev.fsyncguard:fsync-guard-maven-plugin:audit";
  private static final String NARRATIVE_STORE =
      "src/main/java/dev/fsyncguard/samples/narrative/NarrativeStore.java";
  private static final String CHECKPOINT =
      "src/main/java/dev/fsyncguard/samples/multi/journal/Checkpoint.java";

  private static Path settings;

  @BeforeAll
  static void prefixMapping() throws IOException {
    Files.createDirectories(WORK);
    // The settings.xml docs/maven-goal.md gives for `mvn fsync-guard:audit` in a project that does
    // not declare the plugin, the whole file as the page has it.
    String page = Files.readString(Paths.get(System.getProperty("it.goalDoc")));
    Matcher file = Pattern.compile("```xml\\n(<settings>.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(file.find(), "docs/maven-goal.md has no settings.xml block");
    settings = WORK.resolve("settings.xml");
    Files.writeString(settings, file.group(1));
    // invoker:install stages the artifacts but not the group's prefix mapping, which `mvn install`
    // of this module writes (from plugin:addPluginArtifactMetadata) and a remote repository serves:
    // write it, byte for byte what the install writes.
    Path group = REPOSITORY.resolve("dev/fsyncguard/maven-metadata-local.xml");
    Files.writeString(
        group,
        String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<metadata>",
            "  <plugins>",
            "    <plugin>",
            "      <name>fsync-guard Maven plugin</name>",
            "      <prefix>fsync-guard</prefix>",
            "      <artifactId>fsync-guard-maven-plugin</artifactId>",
            "    </plugin>",
            "  </plugins>",
            "</metadata>",
            ""));
  }

  @Test
  void narrativeFailsOnItsUnforcedRenameAndGetsTheThreeReports() throws Exception {
    Path project = copy("narrative", "narrative");
    Map<String, String> before = contents(project);

    Run skipped =
        maven(project, "-s", settings.toString(), "fsync-guard:audit", "-Dfsyncguard.skip=true");
    assertEquals(0, skipped.exitCode, skipped.output);
    assertFalse(Files.exists(project.resolve("target/fsync-guard")), skipped.output);

    Run run =
        maven(
            project,
            "-s",
            settings.toString(),
            "fsync-guard:audit",
            "-Dfsyncguard.failOn=missing-force");
    assertTrue(run.exitCode != 0, run.output);
    assertTrue(
        run.output.contains(
            "1 rename site fails the audit (failOn=missing-force):\n[ERROR]   "
                + NARRATIVE_STORE
                + ":27:15 Files.move(tmp, path,"),
        run.output);
    assertTrue(run.output.contains("written at line 26, never forced on any path"), run.output);
    assertTrue(run.output.contains("MojoFailureException"), run.output);

    Path reports = project.resolve("target/fsync-guard");
    String table = Files.readString(reports.resolve("audit.txt"));
    assertTrue(table.contains("\n" + NARRATIVE_STORE + "\n  27:15 "), table);
    assertTrue(table.contains("missing force"), table);
    String json = Files.readString(reports.resolve("audit.json"));
    assertTrue(json.contains("\"file\": \"" + NARRATIVE_STORE + "\""), json);
    assertTrue(json.contains("\"verdict\": \"MISSING_FORCE\""), json);
    String sarif = Files.readString(reports.resolve("audit.sarif"));
    assertTrue(sarif.contains("\"ruleId\": \"RenameWithoutFsync\""), sarif);
    assertTrue(sarif.contains("\"uri\": \"" + NARRATIVE_STORE + "\""), sarif);
    assertEquals(before, contents(project));
  }

  @Test
  void durableAppPassesWithItsTestsAudited() throws Exception {
    Path project = copy("durable-app", "durable-app");
    Map<String, String> before = contents(project);

    Run run = maven(project, GOAL, "-Dfsyncguard.includeTests=true");

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("from 2 source roots"), run.output);
    assertTrue(
        run.output.contains(
            "dev.fsyncguard.samples:durable-app: 1 rename site: 1 forced, 0 missing force"),
        run.output);
    assertTrue(
        run.output.contains("findings: RenameWithoutFsync 0, NonAtomicReplace 0,"), run.output);
    for (String report : List.of("audit.txt", "audit.json", "audit.sarif")) {
      assertTrue(
          Files.isRegularFile(project.resolve("target/fsync-guard").resolve(report)), report);
    }
    assertTrue(
        Files.readString(project.resolve("target/fsync-guard/audit.json"))
            .contains("\"RenameWithoutFsync\": 0"));
    assertEquals(before, contents(project));
  }

  @Test
  void multiModuleBuildGetsEachModulesReportsAndTheAggregateAtTheRoot() throws Exception {
    Path project = copy("multi-module", "multi-module");
    Map<String, String> before = contents(project);

    // Declared in pluginManagement: the prefix resolves without the pluginGroups line.
    Run reporting = maven(project, "compile", "fsync-guard:audit", "-Dfsyncguard.failOn=none");

    assertEquals(0, reporting.exitCode, reporting.output);
    String aggregate = Files.readString(project.resolve("target/fsync-guard/audit.txt"));
    assertTrue(aggregate.contains("\njournal/" + CHECKPOINT + "\n  22:15 "), aggregate);
    assertTrue(aggregate.contains("1 rename site: 0 forced, 1 missing force"), aggregate);
    assertTrue(
        Files.readString(project.resolve("target/fsync-guard/audit.sarif"))
            .contains("\"uri\": \"journal/" + CHECKPOINT + "\""));
    String journal = Files.readString(project.resolve("journal/target/fsync-guard/audit.json"));
    assertTrue(journal.contains("\"file\": \"" + CHECKPOINT + "\""), journal);
    String settingsModule =
        Files.readString(project.resolve("settings/target/fsync-guard/audit.txt"));
    assertTrue(settingsModule.contains("0 rename sites"), settingsModule);

    Run failing = maven(project, "compile", "fsync-guard:audit");
    assertTrue(failing.exitCode != 0, failing.output);
    assertTrue(
        failing.output.contains(
            "1 rename site fails the audit (failOn=any):\n[ERROR]   journal/"
                + CHECKPOINT
                + ":22:15 Files.move(tmp, file,"),
        failing.output);
    assertTrue(failing.output.contains("): RenameWithoutFsync\n"), failing.output);
    assertEquals(before, contents(project));
  }

  @Test
  void aModuleWhoseSiblingIsNotBuiltInTheRunIsNamedWithTheCommandThatWorks() throws Exception {
    Path project = copy("multi-module", "multi-module-uncompiled");

    Run run = maven(project, "fsync-guard:audit");

    assertTrue(run.exitCode != 0, run.output);
    assertTrue(
        run.output.contains(
            "dev.fsyncguard.samples.multi:journal depends on dev.fsyncguard.samples.multi:settings,"
                + " which is neither in the local repository nor built in this run: audit after"
                + " compiling it in the same run (mvn compile fsync-guard:audit)"),
        run.output);
    assertTrue(run.output.contains("MojoExecutionException"), run.output);
  }

  @Test
  void anUnknownFailOnValueIsNamedAndNothingIsWritten() throws Exception {
    Path project = copy("durable-app", "durable-app-bad-failon");
    Map<String, String> before = contents(project);

    Run run = maven(project, GOAL, "-Dfsyncguard.failOn=sometimes");

    assertTrue(run.exitCode != 0, run.output);
    assertTrue(
        run.output.contains(
            "unknown failOn value 'sometimes' (parameter failOn, user property fsyncguard.failOn):"
                + " use one of missing-force, any, none"),
        run.output);
    assertTrue(run.output.contains("MojoExecutionException"), run.output);
    assertFalse(Files.exists(project.resolve("target")), run.output);
    assertEquals(before, contents(project));
  }

  @Test
  void aMissingSourceRootIsNamedWithItsModule() throws Exception {
    Path project = copy("durable-app", "durable-app-missing-root");

    Run run = maven(project, GOAL, "-Dfsyncguard.sourceRoots=src/main/java,src/generated");

    assertTrue(run.exitCode != 0, run.output);
    assertTrue(
        run.output.contains(
            "no such source directory in dev.fsyncguard.samples:durable-app: "
                + project.resolve("src/generated")
                + " (parameter sourceRoots, user property fsyncguard.sourceRoots)"),
        run.output);
    assertFalse(Files.exists(project.resolve("src/generated")));
    assertFalse(Files.exists(project.resolve("target")), run.output);
  }

  @Test
  void aModuleThatDoesNotCompileFailsTheBuildWithTheCompilersErrors() throws Exception {
    Path project = copy("narrative", "narrative-broken");
    Path broken = project.resolve("src/main/java/dev/fsyncguard/samples/narrative/Broken.java");
    Files.writeString(
        broken, "package dev.fsyncguard.samples.narrative;\n\nclass Broken {\n  int x = y;\n}\n");
    Map<String, String> before = contents(project);

    Run run = maven(project, GOAL);

    assertTrue(run.exitCode != 0, run.output);
    assertTrue(
        run.output.contains("dev.fsyncguard.samples:narrative does not compile:"), run.output);
    assertTrue(run.output.contains(broken + ":4: cannot find symbol"), run.output);
    assertTrue(
        run.output.contains(
            "the sources of dev.fsyncguard.samples:narrative do not compile, so they cannot be"
                + " audited"),
        run.output);
    assertTrue(run.output.contains("MojoFailureException"), run.output);
    assertFalse(Files.exists(project.resolve("target/fsync-guard/audit.txt")), run.output);
    assertEquals(before, contents(project));
  }

  @Test
  void flagsReachTheAnalysisAsTheCompilesOptions() throws Exception {
    Path project = copy("narrative", "narrative-flags");
    // Counting the write itself as a force turns the missing force into a forced one.
    Path pom = project.resolve("pom.xml");
    String declared =
        Files.readString(pom)
            .replace(
                "    <plugins>\n",
                "    <plugins>\n"
                    + "      <plugin>\n"
                    + "        <groupId>dev.fsyncguard</groupId>\n"
                    + "        <artifactId>fsync-guard-maven-plugin</artifactId>\n"
                    + "        <version>"
                    + VERSION
                    + "</version>\n"
                    + "        <configuration>\n"
                    + "          <flags>\n"
                    + "            <FsyncMethods>java.nio.file.Files#writeString</FsyncMethods>\n"
                    + "          </flags>\n"
                    + "        </configuration>\n"
                    + "      </plugin>\n");
    Files.writeString(pom, declared);

    Run run = maven(project, "fsync-guard:audit", "-Dfsyncguard.failOn=missing-force");

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("1 rename site: 1 forced, 0 missing force"), run.output);
  }

  /** Every file of the project outside its build directories, by its content's digest. */
  private static Map<String, String> contents(Path project) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = project.relativize(file);
        boolean built = false;
        for (Path part : relative) {
          built |= part.toString().equals("target");
        }
        if (!built && Files.isRegularFile(file)) {
          contents.put(relative.toString(), digest(Files.readAllBytes(file)));
        }
      }
    }
    return contents;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static Path copy(String sample, String as) throws IOException {
    Path source = SAMPLES.resolve(sample);
    Path target = WORK.resolve(as);
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = source.relativize(file);
        boolean built = false;
        for (Path part : relative) {
          built |= part.toString().equals("target");
        }
        if (built) {
          continue;
        }
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(file, destination);
        }
      }
    }
    return target;
  }

  private static final class Run {
    final int exitCode;
    final String output;

    Run(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  private static Run maven(Path project, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-ntp");
    command.add("-Dmaven.repo.local=" + REPOSITORY);
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile(WORK, "maven-", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "mvn " + String.join(" ", arguments) + " did not finish in 10 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.printf(
        "%s: mvn %s: exit %d%n",
        project.getFileName(), String.join(" ", arguments), process.exitValue());
    return new Run(process.exitValue(), output);
  }
}
