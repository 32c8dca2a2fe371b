package dev.fsyncguard.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Lists every rename site of every module of the build with its verdict on each step of a
 * crash-safe replace, with the same analysis as the checks: writes {@code
 * target/fsync-guard/audit.txt}, {@code audit.json} and {@code audit.sarif} in each module and, for
 * all modules together, at the root of the build; fails the build on the findings {@code failOn}
 * names.
 *
 * <p>Each module is compiled into a temporary directory against its own class path, in the build's
 * order; a module that uses another module of the build compiles against the classes just compiled
 * from it, so no prior build is needed. Sources and {@code target/classes} are never written to.
 */
@Mojo(
    name = "audit",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class AuditMojo extends AnalysisMojo {
  /**
   * What fails the build: {@code any} (a site any check reports, as the audit's exit status counts
   * them; {@code RenameWithoutDirectoryFsync} counts although the compile reports it as a warning),
   * {@code missing-force} (a site whose data is not forced before the rename, {@code
   * RenameWithoutFsync}), or {@code none} (only write the reports). Suppressed findings, and those
   * the baseline lists, never fail the build.
   */
  @Parameter(property = "fsyncguard.failOn", defaultValue = "any")
  private String failOn;

  /** Also audits each module's test sources, compiled against its test class path. */
  @Parameter(property = "fsyncguard.includeTests", defaultValue = "false")
  private boolean includeTests;

  /**
   * Also audits every library the build's modules depend on (compile and runtime scope, test scope
   * too with {@code includeTests}) that publishes a sources jar, against the class path its own
   * build had: one set of reports per artifact in {@code target/fsync-guard/dependencies/}. Its
   * findings are listed, and never fail the build.
   */
  @Parameter(property = "fsyncguard.dependencies", defaultValue = "false")
  private boolean dependencies;

  /** Skips the audit: nothing is compiled, nothing is written. */
  @Parameter(property = "fsyncguard.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    FailOn failing = FailOn.parse(failOn);
    if (skip) {
      getLog().info("fsync-guard: audit skipped (fsyncguard.skip)");
      return;
    }
    List<AuditedModule> modules = modules(includeTests);
    Path aggregate = aggregate();
    Path baseline = baselineFile();
    if (!Files.exists(baseline)) {
      if (baselineNamed()) {
        throw new MojoExecutionException(
            "fsync-guard: the baseline file "
                + baseline
                + " does not exist (parameter baseline,"
                + " user property fsyncguard.baseline); write it with mvn fsync-guard:baseline");
      }
      baseline = null;
    } else {
      getLog().info("fsync-guard: findings listed in " + baseline + " are baselined");
    }
    AuditResult result =
        fork()
            .run(
                modules,
                base(),
                aggregate,
                options(),
                baseline,
                false,
                dependencies ? dependencyCoordinates(includeTests) : List.of(),
                mavenOptions());

    List<String> notCompiled = new ArrayList<>();
    for (AuditResult.Part module : result.modules) {
      if (!module.compiled()) {
        getLog().error("fsync-guard: " + module.name() + " does not compile:\n" + module.error());
        notCompiled.add(module.name());
        continue;
      }
      getLog().info("fsync-guard: " + module.name() + ": " + module.summary());
      module.failing().forEach(site -> getLog().warn("fsync-guard: " + site));
    }
    if (!notCompiled.isEmpty()) {
      throw new MojoFailureException(
          "fsync-guard: the sources of "
              + String.join(", ", notCompiled)
              + " do not compile, so they cannot be audited (the compiler's errors are above)");
    }
    getLog().info("fsync-guard: reports in " + aggregate + " (audit.txt, audit.json, audit.sarif)");
    List<String> reported = result.aggregate.failingFor(failing);
    if (!reported.isEmpty()) {
      throw new MojoFailureException(
          "fsync-guard: "
              + reported.size()
              + (reported.size() == 1 ? " rename site fails" : " rename sites fail")
              + " the audit (failOn="
              + failing.value
              + "):\n  "
              + String.join("\n  ", reported));
    }
  }
}
