package dev.fsyncguard.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that analyse every module of the build share: which sources and class path each
 * module has, the checks' options, the baseline, and the JVM the analysis runs in.
 */
abstract class AnalysisMojo extends AbstractMojo {
  static final String REPORTS = "fsync-guard";

  /** The name of the baseline at the root of the build, where the goals look for it. */
  static final String BASELINE = "fsync-guard-baseline.txt";

  /**
   * Directories to analyse in each module instead of its compile (and test) source roots, relative
   * to the module's base directory; each must exist in every module.
   */
  @Parameter(property = "fsyncguard.sourceRoots")
  private List<String> sourceRoots;

  /**
   * The checks' options, as {@code -XepOpt:RenameWithoutFsync:<name>=<value>} would give them to
   * the compile: {@code
   * <flags><Strict>true</Strict><FsyncMethods>com.acme.Io#fsync</FsyncMethods></flags>}.
   */
  @Parameter private Map<String, String> flags;

  /**
   * The baseline: the file the build names with {@code -XepOpt:RenameWithoutFsync:Baseline}.
   * Default: {@code fsync-guard-baseline.txt} in the build's root directory (the one holding {@code
   * .mvn}).
   */
  @Parameter(property = "fsyncguard.baseline")
  private File baseline;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
  private List<Artifact> pluginArtifacts;

  /** The build's modules that hold code, each with its sources and class path. */
  final List<AuditedModule> modules(boolean includeTests) throws MojoExecutionException {
    List<AuditedModule> modules = new ArrayList<>();
    for (MavenProject project : session.getProjects()) {
      if (!"pom".equals(project.getPackaging())) {
        modules.add(module(project, includeTests));
      }
    }
    return modules;
  }

  /** The baseline's file, whether or not it exists. */
  final Path baselineFile() {
    if (baseline != null) {
      return baseline.toPath().toAbsolutePath().normalize();
    }
    File root = session.getRequest().getMultiModuleProjectDirectory();
    if (root == null) {
      root = session.getTopLevelProject().getBasedir();
    }
    return root.toPath().resolve(BASELINE).toAbsolutePath().normalize();
  }

  /** Whether the baseline was named in the configuration or on the command line. */
  final boolean baselineNamed() {
    return baseline != null;
  }

  /** The JVM the analysis runs in: javac's internals are opened to it, not to Maven's. */
  final AuditFork fork() {
    List<File> classPath = new ArrayList<>();
    pluginArtifacts.forEach(a -> classPath.add(a.getFile()));
    return new AuditFork(classPath, getLog()::info);
  }

  /** The root project's directory, which the aggregate names files relative to. */
  final Path base() {
    return session.getTopLevelProject().getBasedir().toPath().toAbsolutePath().normalize();
  }

  /** Where the aggregate's files go. */
  final Path aggregate() {
    return Paths.get(session.getTopLevelProject().getBuild().getDirectory(), REPORTS)
        .toAbsolutePath();
  }

  final List<String> options() {
    List<String> options = new ArrayList<>();
    // Sorted: the same configuration gives the same job, whatever map Maven injects.
    new TreeMap<>(flags == null ? Map.of() : flags)
        .forEach((key, value) -> options.add("-XepOpt:RenameWithoutFsync:" + key + "=" + value));
    return options;
  }

  private AuditedModule module(MavenProject project, boolean includeTests)
      throws MojoExecutionException {
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
    List<String> siblings = new ArrayList<>();
    for (Artifact dependency : project.getArtifacts()) {
      boolean needed = includeTests || !Artifact.SCOPE_TEST.equals(dependency.getScope());
      String dependencyName = dependency.getGroupId() + ":" + dependency.getArtifactId();
      if (needed && isModule(dependencyName)) {
        // Compiled by the fork before this module, whether or not this run builds it.
        siblings.add(dependencyName);
        continue;
      }
      File file = dependency.getFile();
      if (needed && (file == null || !file.exists())) {
        throw new MojoExecutionException(
            "fsync-guard: "
                + name
                + " depends on "
                + dependency.getGroupId()
                + ":"
                + dependency.getArtifactId()
                + ", which is not in the local repository: run Maven once to download it, or"
                + " install it");
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
    return new AuditedModule(name, base, reports, roots, classPath, siblings);
  }

  /** The libraries the modules depend on, as {@code groupId:artifactId:version}, sorted. */
  final List<String> dependencyCoordinates(boolean includeTests) {
    Set<String> coordinates = new TreeSet<>();
    for (MavenProject project : session.getProjects()) {
      for (Artifact dependency : project.getArtifacts()) {
        String name = dependency.getGroupId() + ":" + dependency.getArtifactId();
        boolean needed = includeTests || !Artifact.SCOPE_TEST.equals(dependency.getScope());
        if (needed && !isModule(name) && "jar".equals(dependency.getType())) {
          coordinates.add(name + ":" + dependency.getBaseVersion());
        }
      }
    }
    return new ArrayList<>(coordinates);
  }

  /** What a Maven run needs to see the repositories as this build does. */
  final List<String> mavenOptions() {
    List<String> options = new ArrayList<>();
    options.add("-Dmaven.repo.local=" + session.getLocalRepository().getBasedir());
    if (session.isOffline()) {
      options.add("-o");
    }
    File settings = session.getRequest().getUserSettingsFile();
    if (settings != null && settings.isFile()) {
      options.add("-s");
      options.add(settings.getAbsolutePath());
    }
    return options;
  }

  private boolean isModule(String name) {
    return session.getProjects().stream()
        .anyMatch(p -> name.equals(p.getGroupId() + ":" + p.getArtifactId()));
  }
}
