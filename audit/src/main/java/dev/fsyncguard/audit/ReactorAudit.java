package dev.fsyncguard.audit;

import dev.fsyncguard.checker.baseline.BaselineException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Audits the modules of a build in one JVM, for a build tool's plugin that cannot load javac's
 * internals into its own: reads a job, writes each module's reports and the aggregate, and a result
 * the plugin reads to decide whether the build fails.
 *
 * <p>The aggregate is written only when every module compiled. The job is a properties file: {@code
 * aggregate.base} (the directory the aggregate names files relative to), {@code aggregate.reports}
 * (where it is written), {@code result} (the result file), {@code option.<i>} (analysis options
 * such as {@code -XepOpt:RenameWithoutFsync:Strict=true}), {@code baseline} (a baseline file the
 * compiles honour, or with {@code baseline.update=true} rewrite), and for each module {@code
 * module.<n>.name}, {@code .base}, {@code .reports}, {@code .roots} and {@code .classPath} (lists
 * joined with the platform's path separator), and {@code .siblings} (the names of earlier modules
 * it depends on, joined by commas: their classes, compiled here, go on its class path), numbered
 * from 0; {@code dependency.<i>} ({@code groupId:artifactId:version} of a library to audit from its
 * sources jar) and {@code maven.option.<i>} (what Maven needs to fetch it as the build would).
 *
 * <p>The result is a properties file with, for each module: {@code module.<n>.name}, {@code
 * .compiled} ({@code true}, or {@code false} with the compiler's errors in {@code .error}), {@code
 * .summary}, {@code .sites}, and the sites the build would report as {@code .missingForce.<i>} and
 * {@code .failing.<i>} (one line each, counted by {@code .missingForce} and {@code .failing}); the
 * same keys under {@code aggregate.} for the whole build.
 */
public final class ReactorAudit {
  /** The job was done; the result says what was found. */
  static final int DONE = 0;

  /** The job could not be read, or a report could not be written. */
  static final int FAILED = 2;

  private ReactorAudit() {}

  /** Runs the job file named by the only argument. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: ReactorAudit <job.properties>");
      return FAILED;
    }
    try {
      Properties job = load(Paths.get(args[0]));
      Properties result = new Properties();
      List<String> options = list(job, "option.");
      String baseline = job.getProperty("baseline", "");
      // Updating the baseline, the sites are not this run's findings: no reports are written.
      boolean update = Boolean.parseBoolean(job.getProperty("baseline.update"));
      if (!baseline.isBlank()) {
        options.addAll(AuditBaseline.options(Paths.get(baseline), update));
      }
      List<Path> allRoots = new ArrayList<>();
      List<RenameSite> everySite = new ArrayList<>();
      Path aggregateBase = path(job, "aggregate.base");
      boolean allCompiled = true;
      // Each module's classes, for the modules after it that depend on it: none needs a prior
      // build.
      Map<String, Path> outputs = new LinkedHashMap<>();
      try {
        for (int n = 0; job.containsKey("module." + n + ".name"); n++) {
          String key = "module." + n;
          String name = required(job, key + ".name");
          Path base = path(job, key + ".base");
          Path reports = path(job, key + ".reports");
          List<Path> roots = paths(job.getProperty(key + ".roots", ""));
          List<String> classPath = new ArrayList<>();
          for (String sibling : job.getProperty(key + ".siblings", "").split(",")) {
            if (outputs.containsKey(sibling)) {
              classPath.add(outputs.get(sibling).toString());
            }
          }
          paths(job.getProperty(key + ".classPath", "")).forEach(p -> classPath.add(p.toString()));
          result.setProperty(key + ".name", name);
          out.println("fsync-guard audit: module " + name);
          List<RenameSite> sites;
          AuditCompiler compiler = new AuditCompiler(out);
          Path output = Files.createTempDirectory("fsync-guard-audit");
          outputs.put(name, output);
          try {
            sites = compiler.audit(roots, classPath, options, output);
            compiler.baselineMessages().forEach(out::println);
          } catch (AuditCompiler.CompilationFailedException e) {
            result.setProperty(key + ".compiled", "false");
            result.setProperty(key + ".error", e.getMessage());
            allCompiled = false;
            // A report left from an earlier run would read as this run's.
            ReportFormat.deleteAll(reports);
            continue;
          }
          result.setProperty(key + ".compiled", "true");
          if (!update) {
            ReportFormat.writeAll(reports, SitePaths.relativize(sites, base, roots));
          }
          describe(result, key, SitePaths.relativize(sites, aggregateBase, roots));
          allRoots.addAll(roots);
          everySite.addAll(sites);
        }
      } finally {
        for (Path output : outputs.values()) {
          AuditCompiler.deleteTree(output);
        }
      }
      List<RenameSite> aggregate = SitePaths.relativize(everySite, aggregateBase, allRoots);
      if (!update && allCompiled) {
        ReportFormat.writeAll(path(job, "aggregate.reports"), aggregate);
      } else if (!update) {
        // Without the modules that did not compile, the build's report would read as complete.
        ReportFormat.deleteAll(path(job, "aggregate.reports"));
      }
      describe(result, "aggregate", aggregate);
      List<String> dependencies = list(job, "dependency.");
      if (!dependencies.isEmpty()) {
        out.println(
            "fsync-guard audit: " + dependencies.size() + " dependencies, from their sources jars");
        DependencyAudit.run(
            dependencies,
            path(job, "aggregate.reports").resolve("dependencies"),
            list(job, "maven.option."),
            options,
            out);
      }
      try (OutputStream file = Files.newOutputStream(path(job, "result"))) {
        result.store(file, "fsync-guard audit result");
      }
      return DONE;
    } catch (IOException | IllegalArgumentException | BaselineException e) {
      err.println("fsync-guard audit: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("fsync-guard audit: interrupted");
      return FAILED;
    }
  }

  /** Counts, and one line per site the build would report, named relative to the aggregate. */
  private static void describe(Properties result, String key, List<RenameSite> sites) {
    result.setProperty(key + ".summary", Reports.summary(sites));
    result.setProperty(key + ".sites", Integer.toString(sites.size()));
    List<String> missingForce = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    for (RenameSite site : sites) {
      String where = site.file() + ":" + site.line() + ":" + site.column() + " " + site.call();
      if (site.force().failed()) {
        missingForce.add(where + ": " + site.detail());
      }
      if (site.fails()) {
        List<String> checks = new ArrayList<>();
        for (Map.Entry<String, StepResult> step : site.steps().entrySet()) {
          if (step.getValue().failed()) {
            checks.add(step.getKey());
          }
        }
        failing.add(where + ": " + String.join(", ", checks));
      }
    }
    putList(result, key + ".missingForce", missingForce);
    putList(result, key + ".failing", failing);
  }

  private static void putList(Properties result, String key, List<String> lines) {
    result.setProperty(key, Integer.toString(lines.size()));
    for (int i = 0; i < lines.size(); i++) {
      result.setProperty(key + "." + i, lines.get(i));
    }
  }

  private static Properties load(Path file) throws IOException {
    Properties job = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      job.load(in);
    }
    return job;
  }

  private static String required(Properties job, String key) {
    String value = job.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the job has no " + key);
    }
    return value;
  }

  private static Path path(Properties job, String key) {
    return Paths.get(required(job, key)).toAbsolutePath().normalize();
  }

  private static List<Path> paths(String joined) {
    List<Path> paths = new ArrayList<>();
    for (String entry : joined.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        paths.add(Paths.get(entry).toAbsolutePath().normalize());
      }
    }
    return paths;
  }

  private static List<String> list(Properties job, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 0; job.containsKey(prefix + i); i++) {
      values.add(job.getProperty(prefix + i));
    }
    return values;
  }
}
