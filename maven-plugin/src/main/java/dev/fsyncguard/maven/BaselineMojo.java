package dev.fsyncguard.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the build's baseline: the findings every check reports today in every module, main and
 * test sources, so that a build that names the file with {@code
 * -XepOpt:RenameWithoutFsync:Baseline} reports only new ones. Run again, it replaces the entries of
 * the modules it analyses and drops those of files that no longer exist, so the file only shrinks
 * as findings are fixed.
 *
 * <p>Like the audit, each module is compiled into a temporary directory in the build's order,
 * against the classes just compiled from the modules it uses; no prior build is needed.
 */
@Mojo(
    name = "baseline",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class BaselineMojo extends AnalysisMojo {
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Path baseline = baselineFile();
    getLog()
        .info("fsync-guard: writing " + baseline + " from every module's main and test sources");
    AuditResult result =
        fork()
            .run(
                modules(true),
                base(),
                aggregate(),
                options(),
                baseline,
                true,
                List.of(),
                List.of());
    List<String> notCompiled = new ArrayList<>();
    for (AuditResult.Part module : result.modules) {
      if (!module.compiled()) {
        getLog().error("fsync-guard: " + module.name() + " does not compile:\n" + module.error());
        notCompiled.add(module.name());
      }
    }
    if (!notCompiled.isEmpty()) {
      throw new MojoFailureException(
          "fsync-guard: the sources of "
              + String.join(", ", notCompiled)
              + " do not compile; their entries in the baseline are left as they were");
    }
  }
}
