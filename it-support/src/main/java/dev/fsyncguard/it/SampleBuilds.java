package dev.fsyncguard.it;

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
 * repository the build staged: so that they run on a machine where nothing of this project was ever
 * installed, and never write to the samples themselves.
 */
public final class SampleBuilds {
  /**
   * One Maven run.
   *
   * @param exitCode Maven's exit status
   * @param output everything it printed
   */
  public record Run(int exitCode, String output) {}

  private final Path samples;
  private final Path work;
  private final Path repository;
  private final List<String> options;

  /**
   * @param samples the directory holding the sample projects
   * @param work where copies are made and logs kept
   * @param repository the staged local repository every run uses
   * @param options given to every run, before its own arguments
   */
  public SampleBuilds(Path samples, Path work, Path repository, String... options) {
    this.samples = samples;
    this.work = work;
    this.repository = repository;
    this.options = List.of(options);
  }

  /** The directory copies are made in. */
  public Path work() {
    return work;
  }

  /**
   * A fresh copy of the sample {@code sample} under the name {@code as}, without its build output.
   */
  public Path copy(String sample, String as) throws IOException {
    Path source = samples.resolve(sample);
    Path target = work.resolve(as);
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = source.relativize(file);
        if (isBuilt(relative)) {
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

  /** Every file of the project outside its build directories, by its content's digest. */
  public static Map<String, String> contents(Path project) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = project.relativize(file);
        if (!isBuilt(relative) && Files.isRegularFile(file)) {
          contents.put(relative.toString(), digest(Files.readAllBytes(file)));
        }
      }
    }
    return contents;
  }

  /**
   * Runs {@code mvn -B -ntp} with the staged repository, the options and {@code arguments} in
   * {@code project}; its output goes to a log in the work directory, and a line saying what ran to
   * standard output.
   */
  public Run maven(Path project, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-ntp");
    command.add("-Dmaven.repo.local=" + repository);
    command.addAll(options);
    command.addAll(List.of(arguments));
    Files.createDirectories(work);
    Path log = Files.createTempFile(work, "maven-", ".log");
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

  private static boolean isBuilt(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals("target")) {
        return true;
      }
    }
    return false;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
