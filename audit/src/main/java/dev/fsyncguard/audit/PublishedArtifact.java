package dev.fsyncguard.audit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A library as published: its sources jar, unpacked, and the class path its own build compiled it
 * against (compile, provided and optional dependencies: what a consumer's class path lacks).
 * Fetched by the user's Maven, from the repositories and with the settings it already uses.
 */
final class PublishedArtifact {
  private static final Pattern COORDINATES = Pattern.compile("[^:\\s]+:[^:\\s]+:[^:\\s]+");
  private static final String DEPENDENCY_PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

  /** {@code groupId:artifactId:version}. */
  final String coordinates;

  /** The directory the sources jar was unpacked into. */
  final Path sources;

  /** The jars the sources compile against. */
  final List<String> classPath;

  /** Why the class path is only what a consumer gets, or null when it is the library's own. */
  final String fallback;

  private PublishedArtifact(
      String coordinates, Path sources, List<String> classPath, String fallback) {
    this.coordinates = coordinates;
    this.sources = sources;
    this.classPath = classPath;
    this.fallback = fallback;
  }

  /** Whether {@code text} reads as {@code groupId:artifactId:version}. */
  static boolean isCoordinates(String text) {
    return COORDINATES.matcher(text).matches();
  }

  /**
   * Fetches the library into {@code work}, a directory the caller made and deletes.
   *
   * @throws IllegalArgumentException when the coordinates are not {@code
   *     groupId:artifactId:version}
   * @throws Maven.ResolutionFailedException when Maven has no sources jar or pom for them
   */
  static PublishedArtifact fetch(String coordinates, Path work, List<String> mavenOptions)
      throws IOException, InterruptedException, Maven.ResolutionFailedException {
    if (!isCoordinates(coordinates)) {
      throw new IllegalArgumentException(
          "--artifact needs groupId:artifactId:version, got '" + coordinates + "'");
    }
    Path jar = copy(coordinates + ":jar:sources", work, mavenOptions, "has no sources jar");
    Path pom = copy(coordinates + ":pom", work, mavenOptions, "has no pom");
    Path sources = Files.createDirectories(work.resolve("sources"));
    unpack(jar, sources);

    // The library's pom as the project: its compile class path has the provided and optional
    // dependencies its own build had, which a consumer's does not.
    Path own = Files.createDirectories(work.resolve("own"));
    Files.copy(pom, own.resolve("pom.xml"));
    Path listed = work.resolve("classpath.txt");
    Maven.Result result = Maven.run(own, buildClassPath(listed, mavenOptions));
    if (result.exitCode() == 0 && Files.exists(listed)) {
      return new PublishedArtifact(coordinates, sources, split(listed), null);
    }
    // A pom Maven cannot build as a project (a packaging from a build extension, a parent it
    // cannot find): the class path a consumer gets is the next best.
    Path consumer = Files.createDirectories(work.resolve("consumer"));
    String[] parts = coordinates.split(":");
    Files.writeString(
        consumer.resolve("pom.xml"),
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>fsync-guard-audit</groupId><artifactId>consumer</artifactId>"
            + "<version>1</version><dependencies><dependency><groupId>"
            + parts[0]
            + "</groupId><artifactId>"
            + parts[1]
            + "</artifactId><version>"
            + parts[2]
            + "</version></dependency></dependencies></project>\n",
        StandardCharsets.UTF_8);
    Maven.Result consumed = Maven.run(consumer, buildClassPath(listed, mavenOptions));
    if (consumed.exitCode() != 0 || !Files.exists(listed)) {
      throw new Maven.ResolutionFailedException(
          "Maven could not resolve the dependencies of "
              + coordinates
              + ":\n"
              + String.join("\n", consumed.errors()));
    }
    String why =
        result.errors().isEmpty() ? "Maven could not build its pom" : result.errors().get(0);
    return new PublishedArtifact(coordinates, sources, split(listed), why);
  }

  private static Path copy(String artifact, Path work, List<String> mavenOptions, String missing)
      throws IOException, InterruptedException, Maven.ResolutionFailedException {
    List<String> arguments = new ArrayList<>(mavenOptions);
    arguments.addAll(
        List.of(
            DEPENDENCY_PLUGIN + ":copy",
            "-Dartifact=" + artifact,
            "-DoutputDirectory=" + work,
            "-Dmdep.overWriteReleases=true"));
    Maven.Result result = Maven.run(work, arguments);
    String[] parts = artifact.split(":");
    String classifier = parts.length > 4 ? "-" + parts[4] : "";
    String extension = parts[3];
    Path file = work.resolve(parts[1] + "-" + parts[2] + classifier + "." + extension);
    if (result.exitCode() != 0 || !Files.isRegularFile(file)) {
      String coordinates = parts[0] + ":" + parts[1] + ":" + parts[2];
      throw new Maven.ResolutionFailedException(
          coordinates
              + " "
              + missing
              + " in the repositories Maven uses:\n"
              + String.join("\n", result.errors()));
    }
    return file;
  }

  private static List<String> buildClassPath(Path listed, List<String> mavenOptions) {
    List<String> arguments = new ArrayList<>(mavenOptions);
    arguments.addAll(
        List.of(
            DEPENDENCY_PLUGIN + ":build-classpath",
            // "compile" is compile, provided and system scope.
            "-Dmdep.includeScope=compile",
            "-Dmdep.outputFile=" + listed));
    return arguments;
  }

  private static List<String> split(Path listed) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry :
        Files.readString(listed, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Unpacks the {@code .java} files; an entry that would land outside {@code into} is refused. */
  private static void unpack(Path jar, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.isDirectory() || !entry.getName().endsWith(".java")) {
          continue;
        }
        Path file = into.resolve(entry.getName()).normalize();
        if (!file.startsWith(into)) {
          throw new IOException(jar + " has an entry outside its root: " + entry.getName());
        }
        Files.createDirectories(file.getParent());
        Files.copy(zip, file);
      }
    }
  }
}
