package dev.fsyncguard.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Runs the audit of every module in a JVM of its own: the audit drives javac and Error Prone
 * through jdk.compiler's internal packages, which Maven's JVM does not export to plugins.
 */
final class AuditFork {
  private static final String MAIN = "dev.fsyncguard.audit.ReactorAudit";
  private static final List<String> EXPORTED =
      List.of(
          "api", "code", "comp", "file", "main", "model", "parser", "processing", "tree", "util");
  private static final List<String> OPENED = List.of("code", "comp");

  private final List<File> classPath;
  private final Consumer<String> log;

  AuditFork(List<File> classPath, Consumer<String> log) {
    this.classPath = classPath;
    this.log = log;
  }

  /**
   * Audits the modules, writes their reports and the aggregate's into {@code aggregate}.
   *
   * @param baseline the baseline the compiles honour, or rewrite when {@code updateBaseline}; null
   *     for none
   * @param dependencies libraries ({@code groupId:artifactId:version}) to audit from their sources
   *     jars, into {@code aggregate/dependencies/}
   * @param mavenOptions the options that let a Maven run see the repositories as this build does
   */
  AuditResult run(
      List<AuditedModule> modules,
      Path base,
      Path aggregate,
      List<String> options,
      Path baseline,
      boolean updateBaseline,
      List<String> dependencies,
      List<String> mavenOptions)
      throws MojoExecutionException {
    try {
      Files.createDirectories(aggregate);
      Path job = aggregate.resolve("audit-job.properties");
      Path result = aggregate.resolve("audit-result.properties");
      Files.deleteIfExists(result);
      Properties properties = job(modules, base, aggregate, result, options);
      for (int i = 0; i < dependencies.size(); i++) {
        properties.setProperty("dependency." + i, dependencies.get(i));
      }
      for (int i = 0; i < mavenOptions.size(); i++) {
        properties.setProperty("maven.option." + i, mavenOptions.get(i));
      }
      if (baseline != null) {
        properties.setProperty("baseline", baseline.toString());
        properties.setProperty("baseline.update", Boolean.toString(updateBaseline));
      }
      try (OutputStream out = Files.newOutputStream(job)) {
        properties.store(out, "fsync-guard audit job");
      }
      int status = fork(job);
      if (status != 0 || !Files.isRegularFile(result)) {
        throw new MojoExecutionException(
            "fsync-guard: the audit's JVM exited with status " + status + " (its output is above)");
      }
      return AuditResult.read(result);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "fsync-guard: could not run the audit: " + e.getMessage(), e);
    }
  }

  private int fork(Path job) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    EXPORTED.forEach(
        p -> command.add("--add-exports=jdk.compiler/com.sun.tools.javac." + p + "=ALL-UNNAMED"));
    OPENED.forEach(
        p -> command.add("--add-opens=jdk.compiler/com.sun.tools.javac." + p + "=ALL-UNNAMED"));
    String mavenHome = System.getProperty("maven.home");
    if (mavenHome != null) {
      // The dependency audit runs this Maven to fetch sources jars.
      command.add("-Dmaven.home=" + mavenHome);
    }
    command.add("-cp");
    command.add(
        classPath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator)));
    command.add(MAIN);
    command.add(job.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
      output.lines().forEach(log);
    }
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the audit ran", e);
    }
  }

  private static Properties job(
      List<AuditedModule> modules, Path base, Path aggregate, Path result, List<String> options) {
    Properties properties = new Properties();
    properties.setProperty("aggregate.base", base.toString());
    properties.setProperty("aggregate.reports", aggregate.toString());
    properties.setProperty("result", result.toString());
    for (int i = 0; i < options.size(); i++) {
      properties.setProperty("option." + i, options.get(i));
    }
    for (int n = 0; n < modules.size(); n++) {
      AuditedModule module = modules.get(n);
      String key = "module." + n;
      properties.setProperty(key + ".name", module.name());
      properties.setProperty(key + ".base", module.base().toString());
      properties.setProperty(key + ".reports", module.reports().toString());
      properties.setProperty(
          key + ".roots",
          module.roots().stream()
              .map(Path::toString)
              .collect(Collectors.joining(File.pathSeparator)));
      properties.setProperty(
          key + ".classPath", String.join(File.pathSeparator, module.classPath()));
      properties.setProperty(key + ".siblings", String.join(",", module.siblings()));
    }
    return properties;
  }
}
