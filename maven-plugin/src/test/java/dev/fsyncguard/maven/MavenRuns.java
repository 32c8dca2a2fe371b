package dev.fsyncguard.maven;

import dev.fsyncguard.it.SampleBuilds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Real Maven builds of copies of the sample projects, in a directory of the build, against a local
 * repository staged from this reactor: the one launcher of the plugin's integration tests.
 */
final class MavenRuns {
  static final Path SAMPLES = Paths.get(System.getProperty("it.samples"));
  static final Path WORK = Paths.get(System.getProperty("it.work"));
  static final Path REPOSITORY = Paths.get(System.getProperty("it.localRepository"));
  static final String VERSION = System.getProperty("it.pluginVersion");
  private static final SampleBuilds BUILDS = new SampleBuilds(SAMPLES, WORK, REPOSITORY);

  private MavenRuns() {}

  /** Lets {@code fsync-guard:<goal>} resolve in the staged repository. */
  static void writePrefixMapping() throws IOException {
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

  /** Every file of the project outside its build directories, by its content's digest. */
  static Map<String, String> contents(Path project) throws IOException {
    return SampleBuilds.contents(project);
  }

  /** A fresh copy of the sample {@code sample}, named {@code as}. */
  static Path copy(String sample, String as) throws IOException {
    return BUILDS.copy(sample, as);
  }

  /** One Maven run against the staged repository. */
  static SampleBuilds.Run maven(Path project, String... arguments) throws Exception {
    return BUILDS.maven(project, arguments);
  }
}
