package dev.fsyncguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.it.SampleBuilds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the audit goal in real Maven builds of copies of the sample projects, against a local
 * repository staged from this reactor: findings fail the build as {@code failOn} says, the reports
 * are written per module and for the whole build, bad input fails with a message that names it, and
 * the projects' own files are never written to.
 */
class AuditGoalIT {
  private static final Path WORK = MavenRuns.WORK;
  private static final String VERSION = MavenRuns.VERSION;
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
    MavenRuns.writePrefixMapping();
  }

  @Test
  void narrativeFailsOnItsUnforcedRenameAndGetsTheThreeReports() throws Exception {
    Path project = MavenRuns.copy("narrative", "narrative");
    Map<String, String> before = MavenRuns.contents(project);

    SampleBuilds.Run skipped =
        MavenRuns.maven(
            project, "-s", settings.toString(), "fsync-guard:audit", "-Dfsyncguard.skip=true");
    assertEquals(0, skipped.exitCode(), skipped.output());
    assertFalse(Files.exists(project.resolve("target/fsync-guard")), skipped.output());

    SampleBuilds.Run run =
        MavenRuns.maven(
            project,
            "-s",
            settings.toString(),
            "fsync-guard:audit",
            "-Dfsyncguard.failOn=missing-force");
    assertTrue(run.exitCode() != 0, run.output());
    assertTrue(
        run.output()
            .contains(
                "1 rename site fails the audit (failOn=missing-force):\n[ERROR]   "
                    + NARRATIVE_STORE
                    + ":27:15 Files.move(tmp, path,"),
        run.output());
    assertTrue(run.output().contains("written at line 26, never forced on any path"), run.output());
    assertTrue(run.output().contains("MojoFailureException"), run.output());

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
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void durableAppPassesWithItsTestsAudited() throws Exception {
    Path project = MavenRuns.copy("durable-app", "durable-app");
    Map<String, String> before = MavenRuns.contents(project);

    SampleBuilds.Run run = MavenRuns.maven(project, GOAL, "-Dfsyncguard.includeTests=true");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("from 2 source roots"), run.output());
    assertTrue(
        run.output()
            .contains(
                "dev.fsyncguard.samples:durable-app: 1 rename site: 1 forced, 0 missing force"),
        run.output());
    assertTrue(
        run.output().contains("findings: RenameWithoutFsync 0, NonAtomicReplace 0,"), run.output());
    for (String report : List.of("audit.txt", "audit.json", "audit.sarif")) {
      assertTrue(
          Files.isRegularFile(project.resolve("target/fsync-guard").resolve(report)), report);
    }
    assertTrue(
        Files.readString(project.resolve("target/fsync-guard/audit.json"))
            .contains("\"RenameWithoutFsync\": 0"));
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void multiModuleBuildGetsEachModulesReportsAndTheAggregateAtTheRoot() throws Exception {
    Path project = MavenRuns.copy("multi-module", "multi-module");
    Map<String, String> before = MavenRuns.contents(project);

    // Declared in pluginManagement: the prefix resolves without the pluginGroups line.
    SampleBuilds.Run reporting =
        MavenRuns.maven(project, "compile", "fsync-guard:audit", "-Dfsyncguard.failOn=none");

    assertEquals(0, reporting.exitCode(), reporting.output());
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

    SampleBuilds.Run failing = MavenRuns.maven(project, "compile", "fsync-guard:audit");
    assertTrue(failing.exitCode() != 0, failing.output());
    assertTrue(
        failing
            .output()
            .contains(
                "1 rename site fails the audit (failOn=any):\n[ERROR]   journal/"
                    + CHECKPOINT
                    + ":22:15 Files.move(tmp, file,"),
        failing.output());
    assertTrue(failing.output().contains("): RenameWithoutFsync\n"), failing.output());
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void aModuleUsingAnotherModuleIsAuditedWithoutAPriorBuild() throws Exception {
    Path project = MavenRuns.copy("multi-module", "multi-module-uncompiled");
    Map<String, String> before = MavenRuns.contents(project);

    // journal uses settings, which neither this run nor an earlier one built or installed.
    SampleBuilds.Run run =
        MavenRuns.maven(project, "fsync-guard:audit", "-Dfsyncguard.failOn=none");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(
        run.output()
            .contains(
                "dev.fsyncguard.samples.multi:journal: 1 rename site: 0 forced, 1 missing force"),
        run.output());
    assertFalse(Files.exists(project.resolve("settings/target/classes")), run.output());
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void dependenciesAreAuditedFromTheirSourcesJarsOneReportEach() throws Exception {
    Path project = MavenRuns.copy("durable-app", "durable-app-dependencies");
    Path pom = project.resolve("pom.xml");
    Files.writeString(
        pom,
        Files.readString(pom)
            .replaceFirst(
                "    <dependency>\n",
                "    <dependency>\n"
                    + "      <groupId>commons-io</groupId>\n"
                    + "      <artifactId>commons-io</artifactId>\n"
                    + "      <version>2.16.1</version>\n"
                    + "    </dependency>\n"
                    + "    <dependency>\n"));
    Map<String, String> before = MavenRuns.contents(project);

    SampleBuilds.Run run = MavenRuns.maven(project, GOAL, "-Dfsyncguard.dependencies=true");

    assertEquals(0, run.exitCode(), run.output());
    Matcher commonsIo =
        Pattern.compile(
                "fsync-guard: dependency commons-io:commons-io:2.16.1: (\\d+) rename sites: ")
            .matcher(run.output());
    assertTrue(commonsIo.find(), run.output());
    assertTrue(Integer.parseInt(commonsIo.group(1)) > 0, run.output());
    String table =
        Files.readString(
            project.resolve(
                "target/fsync-guard/dependencies/commons-io.commons-io-2.16.1/audit.txt"));
    assertTrue(table.contains("org/apache/commons/io/FileUtils.java"), table);
    // The staged repository has this project's jars, not their sources.
    assertTrue(
        run.output()
            .contains(
                "fsync-guard: dependency dev.fsyncguard:fsync-guard-durable:"
                    + VERSION
                    + ": not audited: dev.fsyncguard:fsync-guard-durable:"
                    + VERSION
                    + " has no sources jar in the repositories Maven uses"),
        run.output());
    // Test-scoped libraries only with includeTests.
    assertFalse(run.output().contains("dependency org.junit"), run.output());
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void anUnknownFailOnValueIsNamedAndNothingIsWritten() throws Exception {
    Path project = MavenRuns.copy("durable-app", "durable-app-bad-failon");
    Map<String, String> before = MavenRuns.contents(project);

    SampleBuilds.Run run = MavenRuns.maven(project, GOAL, "-Dfsyncguard.failOn=sometimes");

    assertTrue(run.exitCode() != 0, run.output());
    assertTrue(
        run.output()
            .contains(
                "unknown failOn value 'sometimes' (parameter failOn, user property"
                    + " fsyncguard.failOn): use one of missing-force, any, none"),
        run.output());
    assertTrue(run.output().contains("MojoExecutionException"), run.output());
    assertFalse(Files.exists(project.resolve("target")), run.output());
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void aMissingSourceRootIsNamedWithItsModule() throws Exception {
    Path project = MavenRuns.copy("durable-app", "durable-app-missing-root");

    SampleBuilds.Run run =
        MavenRuns.maven(project, GOAL, "-Dfsyncguard.sourceRoots=src/main/java,src/generated");

    assertTrue(run.exitCode() != 0, run.output());
    assertTrue(
        run.output()
            .contains(
                "no such source directory in dev.fsyncguard.samples:durable-app: "
                    + project.resolve("src/generated")
                    + " (parameter sourceRoots, user property fsyncguard.sourceRoots)"),
        run.output());
    assertFalse(Files.exists(project.resolve("src/generated")));
    assertFalse(Files.exists(project.resolve("target")), run.output());
  }

  @Test
  void aModuleThatDoesNotCompileFailsTheBuildWithTheCompilersErrors() throws Exception {
    Path project = MavenRuns.copy("narrative", "narrative-broken");
    Path broken = project.resolve("src/main/java/dev/fsyncguard/samples/narrative/Broken.java");
    Files.writeString(
        broken, "package dev.fsyncguard.samples.narrative;\n\nclass Broken {\n  int x = y;\n}\n");
    Map<String, String> before = MavenRuns.contents(project);

    SampleBuilds.Run run = MavenRuns.maven(project, GOAL);

    assertTrue(run.exitCode() != 0, run.output());
    assertTrue(
        run.output().contains("dev.fsyncguard.samples:narrative does not compile:"), run.output());
    assertTrue(run.output().contains(broken + ":4: cannot find symbol"), run.output());
    assertTrue(
        run.output()
            .contains(
                "the sources of dev.fsyncguard.samples:narrative do not compile, so they cannot be"
                    + " audited"),
        run.output());
    assertTrue(run.output().contains("MojoFailureException"), run.output());
    assertFalse(Files.exists(project.resolve("target/fsync-guard/audit.txt")), run.output());
    assertEquals(before, MavenRuns.contents(project));
  }

  @Test
  void flagsReachTheAnalysisAsTheCompilesOptions() throws Exception {
    Path project = MavenRuns.copy("narrative", "narrative-flags");
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

    SampleBuilds.Run run =
        MavenRuns.maven(project, "fsync-guard:audit", "-Dfsyncguard.failOn=missing-force");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("1 rename site: 1 forced, 0 missing force"), run.output());
  }
}
