package dev.fsyncguard.audit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The source roots and compile class path of a Maven project and its modules, asked of Maven itself
 * ({@code dependency:build-classpath}), so the audit sees what the build compiles against.
 */
final class MavenProject {
  /** Maven could not resolve the project. */
  static final class ResolutionFailedException extends Exception {
    ResolutionFailedException(String message) {
      super(message);
    }
  }

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
      throws IOException, InterruptedException, ResolutionFailedException {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .filter(Files::isDirectory)
          .filter(p -> !p.toString().contains(File.separator + "target" + File.separator))
          .filter(p -> isSourceRoot(p, includeTests))
          .filter(p -> Files.isRegularFile(p.getParent().getParent().getParent().resolve("pom.xml")))
          .sorted()
          .forEach(roots::add);
    }
    List<String> command = new ArrayList<>();
    command.add(mavenExecutable());
    command.addAll(List.of("-B", "-ntp", "--fail-at-end", BUILD_CLASSPATH));
    command.add("-Dmdep.includeScope=" + (includeTests ? "test" : "compile"));
    Path log = Files.createTempFile("fsync-guard-audit-maven", ".log");
    try {
      Process maven =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!maven.waitFor(30, TimeUnit.MINUTES)) {
        maven.destroyForcibly();
        throw new ResolutionFailedException("Maven did not resolve the class path in 30 minutes");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (maven.exitValue() != 0) {
        throw new ResolutionFailedException(
            "Maven could not resolve the class path (for a multi-module project, run"
                + " `mvn install -DskipTests` first):\n"
                + String.join("\n", errorLines(lines)));
      }
      return new MavenProject(roots, classPath(lines));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean isSourceRoot(Path p, boolean includeTests) {
    Path java = p.getFileName();
    Path kind = p.getParent() == null ? null : p.getParent().getFileName();
    Path src = p.getParent() == null || p.getParent().getParent() == null
        ? null : p.getParent().getParent().getFileName();
    return java != null && kind != null && src != null
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

  private static List<String> errorLines(List<String> lines) {
    List<String> errors = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("[ERROR]") && errors.size() < 15) {
        errors.add(line);
      }
    }
    return errors;
  }

  private static String mavenExecutable() {
    String home = System.getProperty("maven.home");
    if (home == null || home.isEmpty()) {
      home = System.getenv("MAVEN_HOME");
    }
    String name = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    if (home != null && !home.isEmpty() && Files.isRegularFile(Paths.get(home, "bin", name))) {
      return Paths.get(home, "bin", name).toString();
    }
    return name;
  }
}
