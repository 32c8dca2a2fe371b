package dev.fsyncguard.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** The audit's command line, as picocli parses it and prints its help. */
@Command(
    name = "fsync-guard-audit",
    // The verdicts are laid out by hand: wide enough that picocli does not wrap them.
    usageHelpWidth = 100,
    synopsisHeading = "usage: ",
    customSynopsis = {
      "fsync-guard-audit [options] <maven-project-directory>",
      "       fsync-guard-audit [options] --artifact <groupId:artifactId:version>",
      "       fsync-guard-audit [options] --sources <dir>[${sys:path.separator}<dir>...]"
          + " [--sources <dir>...]",
      "                         [--classpath <path>]"
    },
    descriptionHeading = "%n",
    description = {
      "Lists every Files.move/File.renameTo (and rename helper), and every Files.copy of a file"
          + " written in the method, with its verdict on each step of a crash-safe replace:",
      "  force       (RenameWithoutFsync): forced, missing force, not written here, suppressed,",
      "              left to a durability switch, not a rename (a copy)",
      "  atomic      (NonAtomicReplace): atomic, NOT ATOMIC, suppressed, n/a, ? (not decided)",
      "  temp dir    (TempFileOutsideTargetDirectory): ok, IN TMPDIR, suppressed, n/a, ?",
      "  dir force   (RenameWithoutDirectoryFsync): forced, NOT FORCED (the target's directory is",
      "              not forced after the rename), suppressed, n/a, ?",
      "  on failure  (FsyncFailureIgnored): fails (a failed force fails the save), IGNORED (a",
      "              force's failure is caught and let go, and the file is renamed anyway; the",
      "              build reports the force), suppressed, n/a, ?",
      "  Any failing step reads \"baselined\" when the baseline lists its finding: the build is"
          + " silent on it."
    },
    parameterListHeading = "%n",
    optionListHeading = "%noptions:%n",
    // picocli lists the options it parses; the pass-through ones are listed after them.
    footer = {
      "      -XepOpt:RenameWithoutFsync:<option>=<value>",
      "                           analysis options, as in the build; may be repeated",
      "",
      "exit status: 0 no check reports a site (suppressed and baselined findings do not count); 1"
          + " some site"
          + " misses its force, replaces its target non-atomically, renames a temp file from"
          + " java.io.tmpdir, leaves its directory unforced after the rename (a warning in the"
          + " build, but it counts), or renames a file whose force failed and was let go; 2 bad"
          + " usage or input; 3 not a Maven project; 4 sources do not compile; 5 Maven could not"
          + " resolve the project"
    })
final class AuditOptions {
  /** Analysis options, passed through to Error Prone: picocli leaves them unmatched. */
  static final String ANALYSIS_OPTION_PREFIX = "-XepOpt:";

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  boolean help;

  @Parameters(
      arity = "0..1",
      paramLabel = "<maven-project-directory>",
      description = "the Maven project to audit (its pom.xml's directory)")
  Path project;

  // Each --sources adds its directories: a repeated option means more roots, not a replacement.
  @Option(
      names = "--sources",
      paramLabel = "<dir>[${sys:path.separator}<dir>...]",
      description =
          "audit these source directories instead of a Maven project; may be repeated, the roots"
              + " add up")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--artifact",
      paramLabel = "<groupId:artifactId:version>",
      description =
          "audit a published library: Maven fetches its sources jar and the class path its own"
              + " build had (compile, provided, optional); files that still do not compile are left"
              + " out and named")
  String artifact;

  @Option(
      names = "--classpath",
      paramLabel = "<path>",
      description = "the class path the --sources compile against")
  String classPath;

  @Option(
      names = "--format",
      paramLabel = "table|json|sarif",
      converter = FormatConverter.class,
      description = "report format (default: table)")
  ReportFormat format = ReportFormat.TABLE;

  @Option(
      names = "--output",
      paramLabel = "<file>",
      description =
          "write the report to <file>, in a directory that exists, instead of standard output")
  Path output;

  @Option(
      names = "--report-dir",
      paramLabel = "<dir>",
      description =
          "write audit.txt, audit.json and audit.sarif into <dir> (created if missing); standard"
              + " output then gets a report only if --format or --output asks for one")
  Path reportDir;

  @Option(names = "--include-tests", description = "also audit src/test/java")
  boolean includeTests;

  @Option(
      names = "--baseline",
      paramLabel = "<file>",
      description =
          "the baseline whose findings are marked baselined and do not count (default: "
              + AuditBaseline.DEFAULT_NAME
              + " in the project directory, or for --sources the working directory, if it exists)")
  Path baseline;

  @Option(
      names = "--write-baseline",
      description =
          "write the findings of every check, test sources included, into the baseline instead of"
              + " reporting them: entries of the files analysed are replaced, those of files that"
              + " no longer exist dropped")
  boolean writeBaseline;

  /**
   * {@code -XepOpt:RenameWithoutFsync:<option>=<value>} analysis options, and anything else picocli
   * does not know, which {@link Audit} rejects.
   */
  @Unmatched List<String> unmatched = new ArrayList<>();

  /** Reads {@code --format}'s value. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.of(value);
    }
  }
}
