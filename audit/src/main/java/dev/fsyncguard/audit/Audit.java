package dev.fsyncguard.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fsync-guard-audit}: lists every rename site of a project with its verdict on each step of a
 * crash-safe replace, using the same analysis as the checks (RenameWithoutFsync, NonAtomicReplace,
 * TempFileOutsideTargetDirectory, RenameWithoutDirectoryFsync, FsyncFailureIgnored). Reads the
 * project, never writes to it.
 */
public final class Audit {
  static final int OK = 0;
  /** Some check reports some site, unsuppressed: the build would fail. */
  static final int FINDINGS = 1;
  static final int BAD_USAGE = 2;
  static final int NOT_A_MAVEN_PROJECT = 3;
  static final int DOES_NOT_COMPILE = 4;
  static final int MAVEN_FAILED = 5;

  static final String USAGE =
      String.join(
          "\n",
          "usage: fsync-guard-audit [options] <maven-project-directory>",
          "       fsync-guard-audit [options] --sources <dir>[" + java.io.File.pathSeparator
              + "<dir>...] [--sources <dir>...] [--classpath <path>]",
          "",
          "Lists every Files.move/File.renameTo (and rename helper), and every Files.copy of a file",
          "written in the method, with its verdict on each step of a crash-safe replace:",
          "  force       (RenameWithoutFsync): forced, missing force, not written here, suppressed,",
          "              left to a durability switch, not a rename (a copy)",
          "  atomic      (NonAtomicReplace): atomic, NOT ATOMIC, suppressed, n/a, ? (not decided)",
          "  temp dir    (TempFileOutsideTargetDirectory): ok, IN TMPDIR, suppressed, n/a, ?",
          "  dir force   (RenameWithoutDirectoryFsync): forced, NOT FORCED (the target's directory is",
          "              not forced after the rename), suppressed, n/a, ?",
          "  on failure  (FsyncFailureIgnored): fails (a failed force fails the save), IGNORED (a",
          "              force's failure is caught and let go, and the file is renamed anyway; the",
          "              build reports the force), suppressed, n/a, ?",
          "",
          "options:",
          "  --format table|json|sarif   report format (default: table)",
          "  --output <file>             write the report to <file> instead of standard output",
          "  --include-tests             also audit src/test/java",
          "  -XepOpt:RenameWithoutFsync:<option>=<value>   analysis options, as in the build",
          "",
          "exit status: 0 no check reports a site (suppressed findings do not count); 1 some site",
          "misses its force, replaces its target non-atomically, renames a temp file from",
          "java.io.tmpdir, leaves its directory unforced after the rename (a warning in the build,",
          "but it counts), or renames a file whose force failed and was let go; 2 bad usage or input;",
          "3 not a Maven project; 4 sources do not compile; 5 Maven could not resolve the project");

  private Audit() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String format = "table";
    Path output = null;
    boolean includeTests = false;
    // Each --sources adds its directories: a repeated option means more roots, not a replacement.
    List<String> sources = new ArrayList<>();
    String classPath = null;
    List<String> options = new ArrayList<>();
    Path project = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--format" -> format = value(args, ++i, arg);
          case "--output" -> output = Paths.get(value(args, ++i, arg));
          case "--include-tests" -> includeTests = true;
          case "--sources" -> sources.add(value(args, ++i, arg));
          case "--classpath" -> classPath = value(args, ++i, arg);
          case "-h", "--help" -> {
            out.println(USAGE);
            return OK;
          }
          default -> {
            if (arg.startsWith("-XepOpt:")) {
              options.add(arg);
            } else if (arg.startsWith("-") || project != null) {
              throw new IllegalArgumentException("unexpected argument: " + arg);
            } else {
              project = Paths.get(arg);
            }
          }
        }
      }
      if (!List.of("table", "json", "sarif").contains(format)) {
        throw new IllegalArgumentException("unknown format: " + format + " (table, json or sarif)");
      }
      if ((project == null) == sources.isEmpty()) {
        throw new IllegalArgumentException("give a Maven project directory, or --sources");
      }
    } catch (IllegalArgumentException e) {
      err.println("fsync-guard-audit: " + e.getMessage());
      err.println(USAGE);
      return BAD_USAGE;
    }

    List<Path> roots = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    Path base;
    try {
      if (project != null) {
        if (!Files.isDirectory(project)) {
          err.println("fsync-guard-audit: no such directory: " + project);
          return BAD_USAGE;
        }
        if (!MavenProject.isMavenProject(project)) {
          err.println(
              "fsync-guard-audit: " + project + " is not a Maven project (no pom.xml);"
                  + " for other builds use --sources <dirs> --classpath <path>");
          return NOT_A_MAVEN_PROJECT;
        }
        base = project.toAbsolutePath().normalize();
        MavenProject maven = MavenProject.resolve(base, includeTests);
        roots.addAll(maven.sourceRoots);
        entries.addAll(maven.classPath);
      } else {
        for (String option : sources) {
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
        if (classPath != null) {
          for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
              entries.add(entry);
            }
          }
        }
        base = Paths.get("").toAbsolutePath();
      }
      List<RenameSite> sites =
          SitePaths.relativize(new AuditCompiler(err).audit(roots, entries, options), base, roots);
      String report =
          switch (format) {
            case "json" -> Reports.json(sites);
            case "sarif" -> Reports.sarif(sites);
            default -> Reports.table(sites);
          };
      if (output == null) {
        out.print(report);
      } else {
        Files.writeString(output, report, StandardCharsets.UTF_8);
        err.println("fsync-guard-audit: " + Reports.summary(sites) + "; report written to " + output);
      }
      return sites.stream().anyMatch(RenameSite::fails) ? FINDINGS : OK;
    } catch (MavenProject.ResolutionFailedException e) {
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

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
