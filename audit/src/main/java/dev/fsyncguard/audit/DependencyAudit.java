package dev.fsyncguard.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Audits the libraries a build depends on, each from its published sources jar against the class
 * path its own build had: one set of reports per artifact. What it finds is for reading; it fails
 * nothing, since the build cannot fix a library's code.
 */
final class DependencyAudit {
  private DependencyAudit() {}

  /**
   * Audits each of {@code coordinates} ({@code groupId:artifactId:version}) into {@code
   * reports/<groupId>.<artifactId>-<version>/}, and says on {@code out} what each holds.
   *
   * @param mavenOptions what the forked Maven runs need to see the build's repositories as it does
   */
  static void run(
      List<String> coordinates,
      Path reports,
      List<String> mavenOptions,
      List<String> analysisOptions,
      PrintStream out)
      throws IOException, InterruptedException {
    for (String artifact : coordinates) {
      Path work = Files.createTempDirectory("fsync-guard-artifact");
      try {
        PublishedArtifact library = PublishedArtifact.fetch(artifact, work, mavenOptions);
        AuditCompiler.Partial partial =
            new AuditCompiler(out, false)
                .auditBestEffort(List.of(library.sources), library.classPath, analysisOptions);
        List<RenameSite> sites =
            SitePaths.relativize(partial.sites(), library.sources, List.of(library.sources));
        String[] parts = artifact.split(":");
        Path into = reports.resolve(parts[0] + "." + parts[1] + "-" + parts[2]);
        ReportFormat.writeAll(into, sites);
        String leftOut =
            partial.leftOut().isEmpty()
                ? ""
                : " ("
                    + partial.leftOut().size()
                    + " files left out: they do not compile"
                    + (partial.missingPackages().isEmpty()
                        ? ")"
                        : ", missing " + String.join(", ", partial.missingPackages()) + ")");
        out.println(
            "fsync-guard: dependency " + artifact + ": " + Reports.summary(sites) + leftOut);
        for (RenameSite site : sites) {
          if (site.fails()) {
            out.println("fsync-guard:   " + site.file() + ":" + site.line() + " " + site.call());
          }
        }
      } catch (Maven.ResolutionFailedException e) {
        out.println("fsync-guard: dependency " + artifact + ": not audited: " + firstLine(e));
      } catch (AuditCompiler.CompilationFailedException e) {
        out.println(
            "fsync-guard: dependency "
                + artifact
                + ": not audited: its sources do not compile against its class path");
      } finally {
        AuditCompiler.deleteTree(work);
      }
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int end = message.indexOf('\n');
    String first = end < 0 ? message : message.substring(0, end);
    // The line introduces Maven's errors, which are not shown here.
    return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
  }
}
