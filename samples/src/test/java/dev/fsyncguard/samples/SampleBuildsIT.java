package dev.fsyncguard.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.it.SampleBuilds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Builds the sample projects with Maven as users do: the plugin fails the build on the bug, a crash
 * test shows the bug losing the note when the check is off, the plugin patches it, and the patched
 * project builds and passes its tests, the crash test included; the three saves of the report are
 * repaired by one patch run with every check, with the utility and with the JDK alone; the project
 * written right builds clean.
 */
class SampleBuildsIT {
  private static final Path SAMPLES = Paths.get(System.getProperty("samples.directory"));
  private static final Path WORK = Paths.get(System.getProperty("samples.work"));
  private static final String ERROR_PRONE = System.getProperty("samples.errorprone.version");
  // -V: the build log names the JDK, checked in maven().
  private static final SampleBuilds BUILDS =
      new SampleBuilds(
          SAMPLES,
          WORK,
          Paths.get(System.getProperty("samples.localRepository")),
          "-V",
          "-Derrorprone.version=" + ERROR_PRONE);

  /** Every check, as a build log names its findings. */
  private static final List<String> CHECKS =
      List.of(
          "TempFileOutsideTargetDirectory",
          "RenameWithoutFsync",
          "NonAtomicReplace",
          "RenameWithoutDirectoryFsync",
          "FsyncFailureIgnored",
          "FsyncsWithoutForce");

  @Test
  void narrativeFailsThenIsPatchedThenBuildsAndPassesItsTests() throws Exception {
    Path project = copy("narrative");
    Path store =
        project.resolve("src/main/java/dev/fsyncguard/samples/narrative/NarrativeStore.java");
    int moveLine = lineOf(store, "Files.move(tmp, path");

    SampleBuilds.Run failing = maven(project, "compile");
    assertTrue(failing.exitCode() != 0, failing.output());
    assertTrue(
        failing
            .output()
            .contains(
                "NarrativeStore.java:["
                    + moveLine
                    + ",15] [RenameWithoutFsync] `tmp` is renamed"
                    + " before the write on line "
                    + (moveLine - 1)
                    + " was forced to disk (never forced on any path): after a power loss"),
        failing.output());

    // Built without the check (in a copy of its own, so the patch below compiles afresh), the store
    // as
    // written loses the note in a crash state the kit finds.
    SampleBuilds.Run unchecked =
        maven(copy("narrative", "narrative-unchecked"), "verify", "-Punchecked");
    assertTrue(unchecked.exitCode() != 0, unchecked.output());
    assertTrue(
        unchecked.output().contains("NarrativeStoreCrashTest.everyCrashStateHoldsAWholeNote"),
        unchecked.output());
    assertTrue(unchecked.output().contains("one.md  0 bytes"), unchecked.output());

    SampleBuilds.Run patching = maven(project, "clean", "compile", "-Ppatch");
    assertEquals(0, patching.exitCode(), patching.output());
    String patched = Files.readString(store);
    assertTrue(
        patched.contains("DurableFiles.write(path, payload, StandardCharsets.UTF_8);"), patched);
    assertFalse(patched.contains("Files.move("), patched);

    // The patching compile wrote classes of the unpatched sources: rebuild them, as README says.
    SampleBuilds.Run verifying = maven(project, "clean", "verify");
    assertEquals(0, verifying.exitCode(), verifying.output());
    assertFalse(verifying.output().contains("[RenameWithoutFsync]"), verifying.output());
    assertTrue(
        verifying.output().contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"),
        verifying.output());
    assertTrue(
        verifying
                .output()
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed:")
            && verifying
                .output()
                .contains("in dev.fsyncguard.samples.narrative.NarrativeStoreCrashTest"),
        verifying.output());
  }

  /**
   * The three saves of the report, with the utility on the class path: the build fails on them, one
   * patch run with every check repairs all three, and the clean build is quiet and passes its
   * tests, the crash tests included.
   */
  @Test
  void threeSavesAreRepairedInOnePatchRunWithTheUtility() throws Exception {
    String patched = threeSavesPatchedInOneRun(copy("three-saves"));
    assertTrue(
        patched.contains("DurableFiles.write(path, markdown, StandardCharsets.UTF_8);"), patched);
    assertTrue(patched.contains("DurableFiles.force(tmp.toPath());"), patched);
    assertTrue(patched.contains("DurableFiles.write(target, data);"), patched);
    assertFalse(patched.contains("StandardCopyOption"), patched);
  }

  /**
   * The same without the utility: the repairs reach the same crash-safe saves with the JDK alone.
   */
  @Test
  void threeSavesAreRepairedInOnePatchRunWithTheJdkAlone() throws Exception {
    Path project = copy("three-saves", "three-saves-jdk-only");
    Path pom = project.resolve("pom.xml");
    String withUtility = Files.readString(pom);
    String jdkOnly =
        withUtility.replaceAll(
            "(?s)\\s*<!--[^>]*utility the repairs"
                + " use[^>]*-->\\s*<dependency>\\s*<groupId>dev\\.fsyncguard</groupId>"
                + "\\s*<artifactId>fsync-guard-durable</artifactId>.*?</dependency>",
            "");
    assertFalse(jdkOnly.contains("fsync-guard-durable"), jdkOnly);
    Files.writeString(pom, jdkOnly);

    String patched = threeSavesPatchedInOneRun(project);
    assertFalse(patched.contains("DurableFiles"), patched);
    assertTrue(patched.contains("channel.force(true);"), patched);
    assertTrue(
        patched.contains("StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE"),
        patched);
    assertTrue(
        patched.contains(
            "Files.createTempFile(target.toAbsolutePath().getParent(), \"cache\", \".tmp\")"),
        patched);
    assertEquals(
        4, occurrences(patched, "forceDirectory("), patched); // three calls and the one helper
  }

  /**
   * {@code mvn compile} fails on the three saves; {@code mvn clean compile -Ppatch} with every
   * check repairs them in one run; {@code mvn clean verify} is then quiet and passes the tests.
   * Returns the patched source.
   */
  private static String threeSavesPatchedInOneRun(Path project) throws Exception {
    Path saves = project.resolve("src/main/java/dev/fsyncguard/samples/saves/Saves.java");
    SampleBuilds.Run failing = maven(project, "compile");
    assertTrue(failing.exitCode() != 0, failing.output());
    // Each save's rename is reported (older Error Prone releases print one error per position).
    for (String rename :
        List.of("Files.move(tmp, path", "tmp.renameTo(target)", "Files.move(tmp, target")) {
      assertTrue(
          failing.output().contains("Saves.java:[" + lineOf(saves, rename) + ","),
          rename + "\n" + failing.output());
    }

    SampleBuilds.Run patching = maven(project, "clean", "compile", "-Ppatch");
    assertEquals(0, patching.exitCode(), patching.output());
    String patched = Files.readString(saves);

    SampleBuilds.Run verifying = maven(project, "clean", "verify");
    assertEquals(0, verifying.exitCode(), verifying.output());
    for (String check : CHECKS) {
      assertFalse(verifying.output().contains("[" + check + "]"), verifying.output());
    }
    assertTrue(
        verifying.output().contains("Tests run: 6, Failures: 0, Errors: 0, Skipped: 0"),
        verifying.output());
    assertTrue(
        verifying
                .output()
                .contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed:")
            && verifying.output().contains("in dev.fsyncguard.samples.saves.SavesCrashTest"),
        verifying.output());
    return patched;
  }

  @Test
  void durableAppBuildsCleanWithTheCheckAtError() throws Exception {
    SampleBuilds.Run run = maven(copy("durable-app"), "verify");
    assertEquals(0, run.exitCode(), run.output());
    assertFalse(run.output().contains("[RenameWithoutFsync]"), run.output());
    assertTrue(run.output().contains("Tests run: 2, Failures: 0"), run.output());
  }

  /**
   * README's Maven setup, the compiler plugin, the utility's dependency and {@code
   * .mvn/jvm.config}, is what the samples build with.
   */
  @Test
  void readmeMavenSnippetsAreTheOnesTheSamplesUse() throws IOException {
    String readme = Files.readString(Paths.get(System.getProperty("samples.readme")));
    int setup = readme.indexOf("## Maven setup");
    assertTrue(setup >= 0, "README.md has no '## Maven setup'");
    Matcher snippets =
        Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme.substring(setup, readme.indexOf("\n## ", setup + 1)));
    List<String> blocks = new ArrayList<>();
    while (snippets.find()) {
      blocks.add(
          normalize(snippets.group(1))
              .replace("<version>2.42.0</version>", "<version>${errorprone.version}</version>")
              .replace(
                  "<version>0.1.0-SNAPSHOT</version>", "<version>${fsyncguard.version}</version>"));
    }
    assertEquals(
        2,
        blocks.size(),
        "README's Maven setup has the plugin and the dependency blocks: " + blocks);
    Matcher jvmConfig =
        Pattern.compile("```\\n(--add-exports.*?)```", Pattern.DOTALL)
            .matcher(readme.substring(setup, readme.indexOf("\n## ", setup + 1)));
    assertTrue(jvmConfig.find(), "README's Maven setup has no .mvn/jvm.config block");
    for (String sample : List.of("narrative", "durable-app", "three-saves")) {
      String pom = normalize(Files.readString(SAMPLES.resolve(sample).resolve("pom.xml")));
      for (String block : blocks) {
        assertTrue(
            pom.contains(block), sample + "/pom.xml does not contain README's block:\n" + block);
      }
      assertEquals(
          jvmConfig.group(1).strip(),
          Files.readString(SAMPLES.resolve(sample).resolve(".mvn/jvm.config")).strip(),
          sample + "/.mvn/jvm.config is not README's");
    }
  }

  private static String normalize(String xml) {
    return xml.replaceAll("<!--.*?-->", "").replaceAll("\\s+", " ").replace("> <", "><").trim();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  private static Path copy(String sample) throws IOException {
    return BUILDS.copy(sample, sample);
  }

  private static Path copy(String sample, String as) throws IOException {
    return BUILDS.copy(sample, as);
  }

  private static SampleBuilds.Run maven(Path project, String... goals) throws Exception {
    SampleBuilds.Run run = BUILDS.maven(project, goals);
    // A compatibility leg proves nothing unless the sample ran on the JDK and Error Prone it names.
    assertTrue(
        run.output().contains("Java version: " + System.getProperty("java.version") + ","),
        "sample build ran on another JDK than "
            + System.getProperty("java.version")
            + ":\n"
            + run.output());
    System.out.printf(
        "sample %s, mvn %s: Java %s, Error Prone %s, exit %d%n",
        project.getFileName(),
        String.join(" ", goals),
        System.getProperty("java.version"),
        ERROR_PRONE,
        run.exitCode());
    return run;
  }
}
