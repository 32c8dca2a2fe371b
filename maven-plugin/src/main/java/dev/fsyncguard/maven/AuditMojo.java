package dev.fsyncguard.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Lists every rename site of every module of the build with its verdict on each step of a
 * crash-safe replace, with the same analysis as the checks: writes {@code
 * target/fsync-guard/audit.txt}, {@code audit.json} and {@code audit.sarif} in each module and, for
 * all modules together, at the root of the build; fails the build on the findings {@code failOn}
 * names.
 *
 * <p>Each module is compiled into a temporary directory against its own class path; its sources and
 * {@code target/classes} are never written to. A module that uses classes of another module of the
 * same build needs that module compiled in the same run: {@code mvn compile fsync-guard:audit}.
 */
@Mojo(
    name = "audit",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class AuditMojo extends AbstractMojo {
  private static final String REPORTS = "fsync-guard";

  /**
   * What fails the build: {@code any} (a site any check reports, as the audit's exit status counts
   * them; {@code RenameWithoutDirectoryFsync} counts although the compile reports it as a warning),
   * {@code missing-force} (a site whose data is not forced before the rename, {@code
   * RenameWithoutFsync}), or {@code none} (only write the reports). Suppressed findings never fail
   * the build.
   */
  @Parameter(property = "fsyncguard.failOn", defaultValue = "any")
  private String failOn;

  /** Also audits each module's test sources, compiled against its test class path. */
  @Parameter(property = "fsyncguard.includeTests", defaultValue = "false")
  private boolean includeTests;

  /** Skips the audit: nothing is compiled, nothing is written. */
  @Parameter(property = "fsyncguard.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Directories to audit in each module instead of its compile (and test) source roots, relative to
   * the module's base directory; each must exist in every module audited.
   */
  @Parameter(property = "fsyncguard.sourceRoots")
  private List<String> sourceRoots;

  /**
   * The checks' options, as {@code -XepOpt:RenameWithoutFsync:<name>=<value>} would give them to
   * the compile: {@code
   * <flags><Strict>true</Strict><FsyncMethods>com.acme.Io#fsync</FsyncMethods></flags>}.
   */
  @Parameter private Map<String, String> flags;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
  private List<Artifact> pluginArtifacts;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    FailOn failing = FailOn.parse(failOn);
    if (skip) {
      getLog().info("fsync-guard: audit skipped (fsyncguard.skip)");
      return;
    }
    List<AuditedModule> modules = new ArrayList<>();
    for (MavenProject project : session.getProjects()) {
      if (!"pom".equals(project.getPackaging())) {
        modules.add(module(project));
      }
    }
    MavenProject root = session.getTopLevelProject();
    Path base = root.getBasedir().toPath().toAbsolutePath().normalize();
    Path aggregate = Paths.get(root.getBuild().getDirectory(), REPORTS).toAbsolutePath();
    List<File> classPath = new ArrayList<>();
    pluginArtifacts.forEach(a -> classPath.add(a.getFile()));
    AuditResult result =
        new AuditFork(classPath, getLog()::info).run(modules, base, aggregate, options());

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

  private AuditedModule module(MavenProject project) throws MojoExecutionException {
    String name = project.getGroupId() + ":" + project.getArtifactId();
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    if (sourceRoots != null && !sourceRoots.isEmpty()) {
      for (String root : sourceRoots) {
        Path directory = base.resolve(root).normalize();
        if (!Files.isDirectory(directory)) {
          throw new MojoExecutionException(
              "fsync-guard: no such source directory in "
                  + name
                  + ": "
                  + directory
                  + " (parameter sourceRoots, user property fsyncguard.sourceRoots)");
        }
        roots.add(directory);
      }
    } else {
      List<String> declared = new ArrayList<>(project.getCompileSourceRoots());
      if (includeTests) {
        declared.addAll(project.getTestCompileSourceRoots());
      }
      // Maven declares src/main/java whether or not it exists; a module without it has no sources.
      for (String root : declared) {
        Path directory = Paths.get(root).toAbsolutePath().normalize();
        if (Files.isDirectory(directory) && !roots.contains(directory)) {
          roots.add(directory);
        }
      }
    }
    for (Artifact dependency : project.getArtifacts()) {
      boolean needed = includeTests || !Artifact.SCOPE_TEST.equals(dependency.getScope());
      File file = dependency.getFile();
      // An aggregator's modules may depend on modules of the same build that this run does not
      // build:
      // Maven then leaves them out of the class path instead of failing.
      if (needed && (file == null || !file.exists())) {
        throw new MojoExecutionException(
            "fsync-guard: "
                + name
                + " depends on "
                + dependency.getGroupId()
                + ":"
                + dependency.getArtifactId()
                + ", which is neither in the local repository nor built in this run: audit after"
                + " compiling it in the same run (mvn compile fsync-guard:audit)");
      }
    }
    List<String> classPath;
    try {
      classPath =
          includeTests ? project.getTestClasspathElements() : project.getCompileClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "fsync-guard: the class path of " + name + " is not resolved: " + e.getMessage(), e);
    }
    Path reports = Paths.get(project.getBuild().getDirectory(), REPORTS).toAbsolutePath();
    return new AuditedModule(name, base, reports, roots, classPath);
  }

  private List<String> options() {
    List<String> options = new ArrayList<>();
    // Sorted: the same configuration gives the same job, whatever map Maven injects.
    new TreeMap<>(flags == null ? Map.of() : flags)
        .forEach((key, value) -> options.add("-XepOpt:RenameWithoutFsync:" + key + "=" + value));
    return options;
  }
}
