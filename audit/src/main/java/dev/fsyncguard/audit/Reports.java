package dev.fsyncguard.audit;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.fsyncguard.checker.FsyncFailureIgnored;
import dev.fsyncguard.checker.NonAtomicReplace;
import dev.fsyncguard.checker.RenameWithoutDirectoryFsync;
import dev.fsyncguard.checker.RenameWithoutFsync;
import dev.fsyncguard.checker.TempFileOutsideTargetDirectory;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The audit's three outputs: a table for people, JSON for scripts, SARIF for code scanning. */
final class Reports {
  private static final String TOOL_VERSION = "0.1.0-SNAPSHOT";
  private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /**
   * Keeps {@code null} details as {@code null}, so every site has every field; leaves characters
   * such as {@code <} and {@code =} in calls unescaped, as a person reading the file expects.
   */
  private static final Gson JSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  /** Leaves SARIF's optional properties out when absent: SARIF has no {@code null} for them. */
  private static final Gson SARIF =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /**
   * The steps in report order: the force first, as the audit had it before the others, then the
   * others in the order they were added, so that earlier columns and keys keep their places.
   */
  static final List<ReplaceStep> STEPS =
      List.of(
          ReplaceStep.FORCE,
          ReplaceStep.ATOMIC,
          ReplaceStep.TEMP_LOCATION,
          ReplaceStep.DIRECTORY_FORCE,
          ReplaceStep.FORCE_FAILURE);

  /** The check that reports each step, whose {@code @BugPattern} describes its SARIF rule. */
  private static final Map<ReplaceStep, Class<? extends BugChecker>> CHECKS =
      Map.of(
          ReplaceStep.FORCE, RenameWithoutFsync.class,
          ReplaceStep.ATOMIC, NonAtomicReplace.class,
          ReplaceStep.TEMP_LOCATION, TempFileOutsideTargetDirectory.class,
          ReplaceStep.DIRECTORY_FORCE, RenameWithoutDirectoryFsync.class,
          ReplaceStep.FORCE_FAILURE, FsyncFailureIgnored.class);

  /** The table's column headings: the force verdict, then the other steps. */
  private static final Map<ReplaceStep, String> HEADINGS =
      Map.of(
          ReplaceStep.FORCE, "force",
          ReplaceStep.ATOMIC, "atomic",
          ReplaceStep.TEMP_LOCATION, "temp dir",
          ReplaceStep.DIRECTORY_FORCE, "dir force",
          ReplaceStep.FORCE_FAILURE, "on failure");

  private Reports() {}

  static Map<Verdict, Integer> counts(List<RenameSite> sites) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict, 0);
    }
    sites.forEach(site -> counts.merge(site.verdict(), 1, Integer::sum));
    return counts;
  }

  /**
   * For each check, in report order, the sites the build reports for it (unsuppressed failures).
   */
  static Map<String, Integer> findings(List<RenameSite> sites) {
    Map<String, Integer> findings = new LinkedHashMap<>();
    for (ReplaceStep step : STEPS) {
      findings.put(step.check(), (int) sites.stream().filter(s -> s.step(step).failed()).count());
    }
    return findings;
  }

  static String summary(List<RenameSite> sites) {
    Map<Verdict, Integer> counts = counts(sites);
    List<String> parts = new ArrayList<>();
    for (Verdict verdict : Verdict.values()) {
      // Copies, undecided and baselined sites are rare: named only when there are some.
      boolean rare =
          verdict == Verdict.UNKNOWN
              || verdict == Verdict.NOT_A_RENAME
              || verdict == Verdict.BASELINED;
      if (!rare || counts.get(verdict) > 0) {
        parts.add(counts.get(verdict) + " " + verdict.label());
      }
    }
    List<String> findings = new ArrayList<>();
    findings(sites).forEach((check, count) -> findings.add(check + " " + count));
    return sites.size()
        + (sites.size() == 1 ? " rename site: " : " rename sites: ")
        + String.join(", ", parts)
        + "; findings: "
        + String.join(", ", findings);
  }

  /** A heading row, sites grouped by file, columns aligned, then the summary line. */
  static String table(List<RenameSite> sites) {
    Map<String, List<RenameSite>> byFile = new TreeMap<>();
    sites.forEach(site -> byFile.computeIfAbsent(site.file(), f -> new ArrayList<>()).add(site));
    String locationHeading = "line:col";
    int location = locationHeading.length();
    int call = "call".length();
    Map<ReplaceStep, Integer> widths = new EnumMap<>(ReplaceStep.class);
    STEPS.forEach(step -> widths.put(step, HEADINGS.get(step).length()));
    for (RenameSite site : sites) {
      location = Math.max(location, (site.line() + ":" + site.column()).length());
      call = Math.max(call, shorten(site.call()).length());
      for (ReplaceStep step : STEPS) {
        widths.merge(step, site.step(step).label().length(), Math::max);
      }
    }
    StringBuilder out = new StringBuilder();
    if (!sites.isEmpty()) {
      StringBuilder heading =
          new StringBuilder("  ")
              .append(pad(locationHeading, location))
              .append("  ")
              .append(pad("call", call));
      for (ReplaceStep step : STEPS) {
        heading.append("  ").append(pad(HEADINGS.get(step), widths.get(step)));
      }
      out.append(heading.append("  detail")).append("\n\n");
    }
    for (Map.Entry<String, List<RenameSite>> file : byFile.entrySet()) {
      out.append(file.getKey()).append('\n');
      file.getValue().sort((a, b) -> Long.compare(a.line(), b.line()));
      for (RenameSite site : file.getValue()) {
        out.append("  ")
            .append(pad(site.line() + ":" + site.column(), location))
            .append("  ")
            .append(pad(shorten(site.call()), call));
        for (ReplaceStep step : STEPS) {
          out.append("  ").append(pad(site.step(step).label(), widths.get(step)));
        }
        out.append("  ").append(tableDetail(site)).append('\n');
      }
      out.append('\n');
    }
    return out.append(summary(sites)).append('\n').toString();
  }

  /**
   * The force step's detail, then the reason of each other step that fails, is suppressed or could
   * not be decided: its label alone does not say why.
   */
  private static String tableDetail(RenameSite site) {
    StringBuilder detail = new StringBuilder(site.detail());
    for (ReplaceStep step : STEPS) {
      StepResult result = site.step(step);
      if (step != ReplaceStep.FORCE
          && (result.outcome() == StepResult.Outcome.FAIL
              || result.outcome() == StepResult.Outcome.SUPPRESSED
              || result.outcome() == StepResult.Outcome.BASELINED
              || result.outcome() == StepResult.Outcome.UNKNOWN)) {
        detail.append("; ").append(step.check()).append(": ").append(result.detail());
        if (result.outcome() == StepResult.Outcome.SUPPRESSED) {
          detail.append(" (suppressed)");
        } else if (result.outcome() == StepResult.Outcome.BASELINED) {
          detail.append(" (baselined)");
        }
      }
    }
    return detail.toString();
  }

  /** Every site with each step's verdict, then the summary's counts; see the README for fields. */
  static String json(List<RenameSite> sites) {
    List<JsonReport.Site> entries = new ArrayList<>();
    for (RenameSite site : sites) {
      Map<String, JsonReport.Step> steps = new LinkedHashMap<>();
      site.steps()
          .forEach(
              (check, result) ->
                  steps.put(
                      check,
                      new JsonReport.Step(
                          result.outcome().name(), result.detail(), result.relatedLine())));
      entries.add(
          new JsonReport.Site(
              site.file(),
              site.line(),
              site.column(),
              site.call(),
              site.verdict().name(),
              site.detail(),
              site.relatedLine(),
              steps));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    counts(sites).forEach((verdict, count) -> summary.put(verdict.name(), count));
    summary.put("findings", findings(sites));
    return JSON.toJson(new JsonReport.Report(entries, summary)) + "\n";
  }

  /**
   * SARIF 2.1.0: one rule per check, and every site is a result for every check, so code scanning
   * sees the audit whole. Failures are at the level of their check's default severity (error, or
   * warning for RenameWithoutDirectoryFsync); durability switches ask for review; steps done right
   * pass; steps that do not apply (a file not written in the method, a copy) are not applicable;
   * undecided ones are open; suppressed failures carry an in-source suppression, and baselined ones
   * an external one. A result whose verdict rests on a line (the write, the force, the delete)
   * names it as a related location: for FsyncFailureIgnored that is the force, where the build
   * reports it.
   */
  static String sarif(List<RenameSite> sites) {
    List<Sarif.Result> results = new ArrayList<>();
    for (RenameSite site : sites) {
      for (ReplaceStep step : STEPS) {
        results.add(result(site, step, site.step(step)));
      }
    }
    List<Sarif.Rule> rules = new ArrayList<>();
    for (ReplaceStep step : STEPS) {
      BugPattern pattern = CHECKS.get(step).getAnnotation(BugPattern.class);
      rules.add(
          new Sarif.Rule(
              step.check(),
              step.check(),
              new Sarif.Message(pattern.summary()),
              new Sarif.Message("See " + pattern.link() + " in fsync-guard's documentation.")));
    }
    Sarif.Run run =
        new Sarif.Run(
            new Sarif.Tool(new Sarif.Driver("fsync-guard", TOOL_VERSION, rules)), results);
    return SARIF.toJson(new Sarif.Log(SARIF_SCHEMA, "2.1.0", List.of(run))) + "\n";
  }

  private static Sarif.Result result(RenameSite site, ReplaceStep check, StepResult step) {
    String kind;
    String level;
    switch (step.outcome()) {
      case FAIL, SUPPRESSED, BASELINED -> {
        kind = "fail";
        level = failureLevel(check);
      }
      case REVIEW -> {
        kind = "review";
        level = "warning";
      }
      case PASS -> {
        kind = "pass";
        level = "none";
      }
      case NOT_APPLICABLE -> {
        kind = "notApplicable";
        level = "none";
      }
      default -> {
        kind = "open";
        level = "note";
      }
    }
    Sarif.ArtifactLocation file = new Sarif.ArtifactLocation(site.file());
    Sarif.Location location =
        new Sarif.Location(
            null, new Sarif.PhysicalLocation(file, new Sarif.Region(site.line(), site.column())));
    // The code the verdict rests on; for FsyncFailureIgnored, the force the build reports.
    List<Sarif.Location> related =
        step.relatedLine() > 0
            ? List.of(
                new Sarif.Location(
                    1,
                    new Sarif.PhysicalLocation(file, new Sarif.Region(step.relatedLine(), null))))
            : null;
    // SARIF's kinds: a suppression in the code, or one kept outside it (the baseline file).
    List<Sarif.Suppression> suppressions =
        switch (step.outcome()) {
          case SUPPRESSED -> List.of(new Sarif.Suppression("inSource"));
          case BASELINED -> List.of(new Sarif.Suppression("external"));
          default -> null;
        };
    return new Sarif.Result(
        check.check(),
        kind,
        level,
        new Sarif.Message(site.call() + ": " + step.label() + ", " + step.detail()),
        List.of(location),
        related,
        suppressions);
  }

  /** The SARIF level of a failed step: its check's default severity, as the build reports it. */
  private static String failureLevel(ReplaceStep step) {
    return switch (CHECKS.get(step).getAnnotation(BugPattern.class).severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case SUGGESTION -> "note";
    };
  }

  /** Long calls cut for the table's column; JSON and SARIF carry them whole. */
  private static String shorten(String call) {
    return call.length() <= 70 ? call : call.substring(0, 67) + "...";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
