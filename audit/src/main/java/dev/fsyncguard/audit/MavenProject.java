package dev.fsyncguard.audit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The source roots and compile class path of a Maven project and its modules, asked of Maven itself
 * ({@code dependency:build-classpath}), so the audit sees what the build compiles against.
 */
final class MavenProject {
  private static final String BUILD_CLASSPATH =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
  private static final String MARKER = "Dependencies classpath:";

  final List<Path> sourceRoots;
  final List<String> classPath;

  private MavenProject(List<Path> sourceRoots, List<String> classPath) {
    this.sourceRoots = sourceRoots;
    this.classPath = classPath;
  }

  static boolean isMavenProject(Path directory) {
    return Files.isRegularFile(directory.resolve("pom.xml"));
  }

  static MavenProject resolve(Path directory, boolean includeTests)
      throws IOException, InterruptedException, Maven.ResolutionFailedException {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .filter(Files::isDirectory)
          .filter(p -> !p.toString().contains(File.separator + "target" + File.separator))
          .filter(p -> isSourceRoot(p, includeTests))
          .filter(
              p -> Files.isRegularFile(p.getParent().getParent().getParent().resolve("pom.xml")))
          .sorted()
          .forEach(roots::add);
    }
    Maven.Result maven =
        Maven.run(
            directory,
            List.of(
                "--fail-at-end",
                BUILD_CLASSPATH,
                "-Dmdep.includeScope=" + (includeTests ? "test" : "compile")));
    if (maven.exitCode() != 0) {
      throw new Maven.ResolutionFailedException(
          "Maven could not resolve the class path (for a multi-module project, run"
              + " `mvn install -DskipTests` first):\n"
              + String.join("\n", maven.errors()));
    }
    return new MavenProject(roots, classPath(maven.lines()));
  }

  private static boolean isSourceRoot(Path p, boolean includeTests) {
    Path java = p.getFileName();
    Path kind = p.getParent() == null ? null : p.getParent().getFileName();
    Path src =
        p.getParent() == null || p.getParent().getParent() == null
            ? null
            : p.getParent().getParent().getFileName();
    return java != null
        && kind != null
        && src != null
        && java.toString().equals("java")
        && src.toString().equals("src")
        && (kind.toString().equals("main") || (includeTests && kind.toString().equals("test")));
  }

  private static List<String> classPath(List<String> lines) {
    Set<String> entries = new LinkedHashSet<>();
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).contains(MARKER)) {
        for (String entry : lines.get(i + 1).trim().split(File.pathSeparator)) {
          if (!entry.isBlank()) {
            entries.add(entry);
          }
        }
      }
    }
    return new ArrayList<>(entries);
  }
}
