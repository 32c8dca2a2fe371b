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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A baseline in a real multi-module build with every check as an error, set up as docs/baseline.md
 * says: written by the goal, it turns a red build green; a new finding fails it alone; a baselined
 * site moved down stays accepted; a fixed one is reported stale until the goal runs again.
 */
class BaselineGoalIT {
  private static final String SETTINGS =
      "settings/src/main/java/dev/fsyncguard/samples/multi/settings/";
  private static final String JOURNAL =
      "journal/src/main/java/dev/fsyncguard/samples/multi/journal/";

  @BeforeAll
  static void prefixMapping() throws IOException {
    Files.createDirectories(MavenRuns.WORK);
    MavenRuns.writePrefixMapping();
  }

  @Test
  void aBaselineTurnsEveryCheckOnAsAnErrorAndOnlyShrinks() throws Exception {
    Path project = setUp();
    Path baseline = project.resolve("fsync-guard-baseline.txt");

    SampleBuilds.Run missing = MavenRuns.maven(project, "compile");
    assertTrue(missing.exitCode() != 0, missing.output());
    assertTrue(
        missing.output().contains("fsync-guard: the baseline file " + baseline + " does not exist"),
        missing.output());

    SampleBuilds.Run written = MavenRuns.maven(project, "fsync-guard:baseline");
    assertEquals(0, written.exitCode(), written.output());
    assertTrue(
        written.output().contains("fsync-guard: wrote the baseline " + baseline + ": 4 entries"),
        written.output());
    assertEquals(
        List.of(
            "RenameWithoutFsync\t"
                + JOURNAL
                + "Checkpoint.java\tdev.fsyncguard.samples.multi.journal.Checkpoint\tsave(long)",
            "RenameWithoutFsync\t"
                + JOURNAL
                + "Snapshot.java\tdev.fsyncguard.samples.multi.journal.Snapshot\tsave(Path,byte[])",
            "RenameWithoutFsync\t"
                + SETTINGS
                + "Export.java\tdev.fsyncguard.samples.multi.settings.Export\twrite(Path,String)",
            "RenameWithoutFsync\t"
                + SETTINGS
                + "Export.java\tdev.fsyncguard.samples.multi.settings.Export"
                + "\twriteLegacy(File,byte[])"),
        places(baseline));

    SampleBuilds.Run green = MavenRuns.maven(project, "verify");
    assertEquals(0, green.exitCode(), green.output());
    assertFalse(green.output().contains("fsync-guard:"), green.output());

    SampleBuilds.Run audit = MavenRuns.maven(project, "fsync-guard:audit");
    assertEquals(0, audit.exitCode(), audit.output());
    for (String module : List.of("settings", "journal")) {
      assertTrue(
          audit
              .output()
              .contains(
                  "dev.fsyncguard.samples.multi:"
                      + module
                      + ": 2 rename sites: 0 forced, 0 missing force, 0 not written here, 0"
                      + " suppressed, 2 baselined,"),
          audit.output());
    }

    // A new unforced rename fails the build, and only it is named.
    Path export = project.resolve(SETTINGS + "Export.java");
    String exportSource = Files.readString(export);
    Files.writeString(
        export,
        exportSource.replace(
            "  public void writeLegacy(",
            "  public void writeCopy(Path target, String text) throws IOException {\n"
                + "    Path tmp = target.resolveSibling(target.getFileName() + \".copy\");\n"
                + "    Files.writeString(tmp, text, StandardCharsets.UTF_8);\n"
                + "    Files.move(tmp, target);\n"
                + "  }\n\n"
                + "  public void writeLegacy("));
    SampleBuilds.Run red = MavenRuns.maven(project, "compile");
    assertTrue(red.exitCode() != 0, red.output());
    List<String> reported = reported(red.output());
    assertEquals(List.of(export + ":[21,15] [RenameWithoutFsync]"), reported, red.output());
    Files.writeString(export, exportSource);

    // A baselined site moved down 20 lines is still accepted.
    Path checkpoint = project.resolve(JOURNAL + "Checkpoint.java");
    Files.writeString(
        checkpoint,
        Files.readString(checkpoint)
            .replace(
                "  /** Replaces the checkpoint;",
                "  // moved\n".repeat(20) + "  /** Replaces the checkpoint;"));
    SampleBuilds.Run moved = MavenRuns.maven(project, "compile");
    assertEquals(0, moved.exitCode(), moved.output());
    assertFalse(moved.output().contains("fsync-guard:"), moved.output());

    // A fixed site's entry is stale: reported, not failed, until the goal removes it.
    Path snapshot = project.resolve(JOURNAL + "Snapshot.java");
    Files.writeString(
        snapshot,
        Files.readString(snapshot)
            .replace(
                "    Files.write(tmp, data);\n",
                "    Files.write(tmp, data);\n"
                    + "    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE))"
                    + " {\n"
                    + "      c.force(true);\n"
                    + "    }\n")
            .replace(
                "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n",
                "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n"
                    + "    try (FileChannel d = FileChannel.open(target.getParent(),"
                    + " StandardOpenOption.READ)) {\n"
                    + "      d.force(true);\n"
                    + "    }\n")
            .replace(
                "import java.io.IOException;\n",
                "import java.io.IOException;\nimport java.nio.channels.FileChannel;\n")
            .replace(
                "import java.nio.file.StandardCopyOption;\n",
                "import java.nio.file.StandardCopyOption;\n"
                    + "import java.nio.file.StandardOpenOption;\n"));
    SampleBuilds.Run stale = MavenRuns.maven(project, "compile");
    assertEquals(0, stale.exitCode(), stale.output());
    assertTrue(
        stale
            .output()
            .contains(
                "[WARNING] fsync-guard: 1 entry of the baseline "
                    + baseline
                    + " no longer matches a finding (fixed, or the code changed):"
                    + " `mvn fsync-guard:baseline` removes it"),
        stale.output());
    assertTrue(
        stale
            .output()
            .contains(
                "RenameWithoutFsync in "
                    + JOURNAL
                    + "Snapshot.java,"
                    + " dev.fsyncguard.samples.multi.journal.Snapshot.save(Path,byte[])"),
        stale.output());

    SampleBuilds.Run updated = MavenRuns.maven(project, "fsync-guard:baseline");
    assertEquals(0, updated.exitCode(), updated.output());
    assertTrue(updated.output().contains("3 entries (0 added, 1 removed)"), updated.output());
    assertEquals(3, places(baseline).size());
    SampleBuilds.Run clean = MavenRuns.maven(project, "clean", "verify");
    assertEquals(0, clean.exitCode(), clean.output());
    assertFalse(clean.output().contains("fsync-guard:"), clean.output());
  }

  /**
   * A copy of samples/multi-module with Error Prone in its compile as README and docs/baseline.md
   * set it up, and three unforced renames more than its one.
   */
  private static Path setUp() throws IOException {
    Path project = MavenRuns.copy("multi-module", "multi-module-baseline");
    String readme = Files.readString(Paths.get(System.getProperty("it.readme")));
    Matcher jvmConfig =
        Pattern.compile("`\\.mvn/jvm\\.config`[^\\n]*\\n\\n```\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertTrue(jvmConfig.find(), "README has no .mvn/jvm.config block");
    Files.createDirectories(project.resolve(".mvn"));
    Files.writeString(project.resolve(".mvn/jvm.config"), jvmConfig.group(1));
    String page = Files.readString(Paths.get(System.getProperty("it.baselineDoc")));
    Matcher arg =
        Pattern.compile("\\n\\s*(<arg>-Xplugin:ErrorProne [^\\n]*</arg>)\\n").matcher(page);
    assertTrue(arg.find(), "docs/baseline.md has no -Xplugin argument");
    Path pom = project.resolve("pom.xml");
    Files.writeString(
        pom,
        Files.readString(pom)
            .replace(
                "  <build>\n",
                "  <build>\n"
                    + "    <plugins>\n"
                    + "      <plugin>\n"
                    + "        <groupId>org.apache.maven.plugins</groupId>\n"
                    + "        <artifactId>maven-compiler-plugin</artifactId>\n"
                    + "        <configuration>\n"
                    + "          <compilerArgs>\n"
                    + "            <arg>-XDcompilePolicy=simple</arg>\n"
                    + "            <arg>--should-stop=ifError=FLOW</arg>\n"
                    + "            "
                    + arg.group(1)
                    + "\n"
                    + "          </compilerArgs>\n"
                    + "          <annotationProcessorPaths>\n"
                    + "            <path>\n"
                    + "              <groupId>com.google.errorprone</groupId>\n"
                    + "              <artifactId>error_prone_core</artifactId>\n"
                    + "              <version>"
                    + System.getProperty("it.errorproneVersion")
                    + "</version>\n"
                    + "            </path>\n"
                    + "            <path>\n"
                    + "              <groupId>dev.fsyncguard</groupId>\n"
                    + "              <artifactId>fsync-guard-checker</artifactId>\n"
                    + "              <version>${fsyncguard.version}</version>\n"
                    + "            </path>\n"
                    + "          </annotationProcessorPaths>\n"
                    + "        </configuration>\n"
                    + "      </plugin>\n"
                    + "    </plugins>\n"));
    Files.writeString(
        project.resolve(SETTINGS + "Export.java"),
        String.join(
            "\n",
            "package dev.fsyncguard.samples.multi.settings;",
            "",
            "import java.io.File;",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "/** Exports the settings as a file of their own. */",
            "public final class Export {",
            "  public void write(Path target, String text) throws IOException {",
            "    Path tmp = target.resolveSibling(target.getFileName() + \".tmp\");",
            "    Files.writeString(tmp, text, StandardCharsets.UTF_8);",
            "    Files.move(tmp, target);",
            "  }",
            "",
            "  public void writeLegacy(File target, byte[] data) throws IOException {",
            "    File tmp = new File(target.getPath() + \".tmp\");",
            "    try (FileOutputStream out = new FileOutputStream(tmp)) {",
            "      out.write(data);",
            "    }",
            "    if (!tmp.renameTo(target)) {",
            "      throw new IOException(\"cannot rename \" + tmp);",
            "    }",
            "  }",
            "}",
            ""));
    Files.writeString(
        project.resolve(JOURNAL + "Snapshot.java"),
        String.join(
            "\n",
            "package dev.fsyncguard.samples.multi.journal;",
            "",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.nio.file.StandardCopyOption;",
            "",
            "/** A snapshot of the journal. */",
            "public final class Snapshot {",
            "  public void save(Path target, byte[] data) throws IOException {",
            "    Path tmp = Files.createTempFile(target.getParent(), \"snapshot\", \".tmp\");",
            "    Files.write(tmp, data);",
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
            "  }",
            "}",
            ""));
    return project;
  }

  /** The entries' check, file, class and member, in file order. */
  private static List<String> places(Path baseline) throws IOException {
    return Files.readAllLines(baseline).stream()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> String.join("\t", List.of(line.split("\t")).subList(0, 4)))
        .collect(Collectors.toList());
  }

  /** Each finding the compile reported, as {@code file:[line,column] [Check]}, once. */
  private static List<String> reported(String output) {
    Matcher finding =
        Pattern.compile("\\[ERROR\\] (/\\S+\\.java:\\[\\d+,\\d+\\] \\[\\w+\\])").matcher(output);
    return finding.results().map(m -> m.group(1)).distinct().collect(Collectors.toList());
  }
}
