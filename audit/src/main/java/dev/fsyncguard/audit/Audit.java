package dev.fsyncguard.audit;

import dev.fsyncguard.checker.baseline.BaselineException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code fsync-guard-audit}: lists every rename site of a project with its verdict on each step of
 * a crash-safe replace, using the same analysis as the checks (RenameWithoutFsync,
 * NonAtomicReplace, TempFileOutsideTargetDirectory, RenameWithoutDirectoryFsync,
 * FsyncFailureIgnored). Reads the project, never writes to it.
 */
public final class Audit {
  static final int OK = 0;

  /** Some check reports some site, unsuppressed: the build would fail. */
  static final int FINDINGS = 1;

  static final int BAD_USAGE = 2;
  static final int NOT_A_MAVEN_PROJECT = 3;
  static final int DOES_NOT_COMPILE = 4;
  static final int MAVEN_FAILED = 5;

  private Audit() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    AuditOptions options = new AuditOptions();
    CommandLine commandLine =
        new CommandLine(options)
            // As before picocli: a repeated option's last value counts, and @ is no argument file.
            .setOverwrittenOptionsAllowed(true)
            .setExpandAtFiles(false)
            .setColorScheme(
                CommandLine.Help.defaultColorScheme(
                    out == System.out ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
    List<String> analysisOptions = new ArrayList<>();
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
      for (String arg : options.unmatched) {
        if (arg.startsWith(AuditOptions.ANALYSIS_OPTION_PREFIX)) {
          analysisOptions.add(arg);
        } else if (arg.startsWith("-")) {
          throw new ParameterException(commandLine, "unknown option: " + arg);
        } else {
          throw new ParameterException(commandLine, "unexpected argument: " + arg);
        }
      }
      if (commandLine.isUsageHelpRequested()) {
        commandLine.usage(out);
        return OK;
      }
      int targets =
          (options.project == null ? 0 : 1)
              + (options.sources.isEmpty() ? 0 : 1)
              + (options.artifact == null ? 0 : 1);
      if (targets != 1) {
        throw new ParameterException(
            commandLine, "give one of: a Maven project directory, --sources, --artifact");
      }
      if (options.artifact != null && !PublishedArtifact.isCoordinates(options.artifact)) {
        throw new ParameterException(
            commandLine,
            "--artifact needs groupId:artifactId:version, got '" + options.artifact + "'");
      }
    } catch (ParameterException e) {
      // One line that names the mistake, and where the options are: the usage would bury it.
      err.println("fsync-guard-audit: " + usageError(e));
      err.println("Try 'fsync-guard-audit --help' for the options.");
      return BAD_USAGE;
    }
    if (options.output != null && !Files.isDirectory(options.output.toAbsolutePath().getParent())) {
      // Checked before the analysis, which can take minutes, so that nothing is lost at the end.
      err.println(
          "fsync-guard-audit: --output "
              + options.output
              + ": no such directory: "
              + options.output.toAbsolutePath().getParent());
      return BAD_USAGE;
    }
    // With --report-dir, standard output gets a report only when one is asked for.
    boolean printReport =
        options.reportDir == null || parsed.hasMatchedOption("--format") || options.output != null;
    Path project = options.project;

    List<Path> roots = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    Path base;
    try {
      if (options.artifact != null) {
        return auditArtifact(options, analysisOptions, printReport, out, err);
      }
      if (project != null) {
        if (!Files.isDirectory(project)) {
          err.println("fsync-guard-audit: no such directory: " + project);
          return BAD_USAGE;
        }
        if (!MavenProject.isMavenProject(project)) {
          err.println(
              "fsync-guard-audit: "
                  + project
                  + " is not a Maven project (no pom.xml);"
                  + " for other builds use --sources <dirs> --classpath <path>");
          return NOT_A_MAVEN_PROJECT;
        }
        base = project.toAbsolutePath().normalize();
        if (!baseline(options, base, analysisOptions, err)) {
          return BAD_USAGE;
        }
        // A baseline covers what the build checks, and builds check their tests too.
        MavenProject maven =
            MavenProject.resolve(base, options.includeTests || options.writeBaseline);
        roots.addAll(maven.sourceRoots);
        entries.addAll(maven.classPath);
      } else {
        for (String option : options.sources) {
          for (String dir : option.split(java.io.File.pathSeparator)) {
            Path root = Paths.get(dir);
            if (!Files.isDirectory(root)) {
              err.println("fsync-guard-audit: no such source directory: " + dir);
              return BAD_USAGE;
            }
            Path normalized = root.toAbsolutePath().normalize();
            if (!roots.contains(normalized)) {
              roots.add(normalized);
            }
          }
        }
        if (options.classPath != null) {
          for (String entry : options.classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
              entries.add(entry);
            }
          }
        }
        base = Paths.get("").toAbsolutePath();
        if (!baseline(options, base, analysisOptions, err)) {
          return BAD_USAGE;
        }
      }
      AuditCompiler compiler = new AuditCompiler(err);
      List<RenameSite> sites =
          SitePaths.relativize(compiler.audit(roots, entries, analysisOptions), base, roots);
      if (options.writeBaseline) {
        for (String message : compiler.baselineMessages()) {
          err.println("fsync-guard-audit: " + message.substring("fsync-guard: ".length()));
        }
        return OK;
      }
      writeReports(sites, options, printReport, out, err);
      return sites.stream().anyMatch(RenameSite::fails) ? FINDINGS : OK;
    } catch (Maven.ResolutionFailedException e) {
      err.println("fsync-guard-audit: " + e.getMessage());
      return MAVEN_FAILED;
    } catch (AuditCompiler.CompilationFailedException e) {
      err.println("fsync-guard-audit: the sources do not compile, so they cannot be analysed:");
      err.print(e.getMessage());
      return DOES_NOT_COMPILE;
    } catch (IOException e) {
      err.println("fsync-guard-audit: " + e);
      return BAD_USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("fsync-guard-audit: interrupted");
      return BAD_USAGE;
    } catch (IllegalArgumentException e) {
      // A malformed -XepOpt list entry.
      err.println("fsync-guard-audit: " + e.getMessage());
      return BAD_USAGE;
    }
  }

  /**
   * Audits a published library: its sources jar against the class path its own build had, what
   * compiles of it (files that do not are named, with the packages they miss).
   */
  private static int auditArtifact(
      AuditOptions options,
      List<String> analysisOptions,
      boolean printReport,
      PrintStream out,
      PrintStream err)
      throws IOException,
          InterruptedException,
          Maven.ResolutionFailedException,
          AuditCompiler.CompilationFailedException {
    Path work = Files.createTempDirectory("fsync-guard-artifact");
    try {
      err.println(
          "fsync-guard-audit: fetching the sources and class path of "
              + options.artifact
              + " with Maven");
      PublishedArtifact library = PublishedArtifact.fetch(options.artifact, work, List.of());
      if (library.fallback != null) {
        err.println(
            "fsync-guard-audit: its pom does not build as a project ("
                + library.fallback
                + "); compiling against the dependencies a user of it gets");
      }
      AuditCompiler.Partial partial =
          new AuditCompiler(err)
              .auditBestEffort(List.of(library.sources), library.classPath, analysisOptions);
      if (!partial.leftOut().isEmpty()) {
        err.println(
            "fsync-guard-audit: "
                + partial.leftOut().size()
                + (partial.leftOut().size() == 1 ? " file does" : " files do")
                + " not compile against the class path and "
                + (partial.leftOut().size() == 1 ? "is" : "are")
                + " not analysed"
                + (partial.missingPackages().isEmpty()
                    ? ""
                    : "; missing packages: " + String.join(", ", partial.missingPackages())));
      }
      List<RenameSite> sites =
          SitePaths.relativize(partial.sites(), library.sources, List.of(library.sources));
      writeReports(sites, options, printReport, out, err);
      return sites.stream().anyMatch(RenameSite::fails) ? FINDINGS : OK;
    } finally {
      AuditCompiler.deleteTree(work);
    }
  }

  /**
   * Adds the baseline's options: the one {@code --baseline} names, else the project's own if it has
   * one (or will have, when writing it). False, with the reason on {@code err}, when it cannot be
   * used.
   */
  private static boolean baseline(
      AuditOptions options, Path base, List<String> analysisOptions, PrintStream err) {
    Path file = options.baseline;
    if (file == null) {
      file = base.resolve(AuditBaseline.DEFAULT_NAME);
      if (!options.writeBaseline && !Files.exists(file)) {
        return true;
      }
    }
    try {
      analysisOptions.addAll(AuditBaseline.options(file, options.writeBaseline));
      return true;
    } catch (BaselineException e) {
      err.println("fsync-guard-audit: " + e.getMessage());
      return false;
    }
  }

  /**
   * The report asked for, to standard output or {@code --output}, and with {@code --report-dir} all
   * three into that directory; then, if any went to a file, the summary line to {@code err}.
   */
  private static void writeReports(
      List<RenameSite> sites,
      AuditOptions options,
      boolean printReport,
      PrintStream out,
      PrintStream err)
      throws IOException {
    StringBuilder written = new StringBuilder();
    if (printReport) {
      String report = options.format.write(sites);
      if (options.output == null) {
        out.print(report);
      } else {
        Files.writeString(options.output, report, StandardCharsets.UTF_8);
        written.append("; report written to ").append(options.output);
      }
    }
    if (options.reportDir != null) {
      ReportFormat.writeAll(options.reportDir, sites);
      written
          .append("; audit.txt, audit.json and audit.sarif written to ")
          .append(options.reportDir);
    }
    if (written.length() > 0) {
      err.println("fsync-guard-audit: " + Reports.summary(sites) + written);
    }
  }

  /** picocli's message, but a missing value reads as it did before picocli: "--x needs a value". */
  private static String usageError(ParameterException e) {
    if (e instanceof MissingParameterException missing
        && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      return option.longestName() + " needs a value";
    }
    return e.getMessage();
  }
}
