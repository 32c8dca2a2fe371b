package dev.fsyncguard.maven;

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
import java.util.stream.Stream;

/**
 * Real Maven builds of copies of the sample projects, in a directory of the build, against a local
 * repository staged from this reactor: the one launcher of the plugin's integration tests.
 */
final class MavenRuns {
  static final Path SAMPLES = Paths.get(System.getProperty("it.samples"));
  static final Path WORK = Paths.get(System.getProperty("it.work"));
  static final Path REPOSITORY = Paths.get(System.getProperty("it.localRepository"));
  static final String VERSION = System.getProperty("it.pluginVersion");

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

  static Path copy(String sample, String as) throws IOException {
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

  /** One Maven run: its exit status and its whole output. */
  record Run(int exitCode, String output) {}

  static Run maven(Path project, String... arguments) throws Exception {
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
