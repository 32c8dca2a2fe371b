package dev.fsyncguard.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The audit's three outputs: a table for people, JSON for scripts, SARIF for code scanning. */
final class Reports {
  private static final String TOOL_VERSION = "0.1.0-SNAPSHOT";
  private static final String RULE = "RenameWithoutFsync";

  private Reports() {}

  static Map<Verdict, Integer> counts(List<RenameSite> sites) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict, 0);
    }
    sites.forEach(site -> counts.merge(site.verdict(), 1, Integer::sum));
    return counts;
  }

  static String summary(List<RenameSite> sites) {
    Map<Verdict, Integer> counts = counts(sites);
    List<String> parts = new ArrayList<>();
    for (Verdict verdict : Verdict.values()) {
      if (verdict != Verdict.UNKNOWN || counts.get(verdict) > 0) {
        parts.add(counts.get(verdict) + " " + verdict.label());
      }
    }
    return sites.size() + (sites.size() == 1 ? " rename site: " : " rename sites: ")
        + String.join(", ", parts);
  }

  /** Sites grouped by file, columns aligned, then the summary line. */
  static String table(List<RenameSite> sites) {
    Map<String, List<RenameSite>> byFile = new TreeMap<>();
    sites.forEach(site -> byFile.computeIfAbsent(site.file(), f -> new ArrayList<>()).add(site));
    int location = 0;
    int call = 0;
    int verdict = 0;
    for (RenameSite site : sites) {
      location = Math.max(location, (site.line() + ":" + site.column()).length());
      call = Math.max(call, shorten(site.call()).length());
      verdict = Math.max(verdict, site.verdict().label().length());
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<RenameSite>> file : byFile.entrySet()) {
      out.append(file.getKey()).append('\n');
      file.getValue().sort((a, b) -> Long.compare(a.line(), b.line()));
      for (RenameSite site : file.getValue()) {
        out.append("  ")
            .append(pad(site.line() + ":" + site.column(), location))
            .append("  ")
            .append(pad(shorten(site.call()), call))
            .append("  ")
            .append(pad(site.verdict().label(), verdict))
            .append("  ")
            .append(site.detail())
            .append('\n');
      }
      out.append('\n');
    }
    return out.append(summary(sites)).append('\n').toString();
  }

  static String json(List<RenameSite> sites) {
    List<Object> list = new ArrayList<>();
    for (RenameSite site : sites) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", site.file());
      entry.put("line", site.line());
      entry.put("column", site.column());
      entry.put("call", site.call());
      entry.put("verdict", site.verdict().name());
      entry.put("detail", site.detail());
      entry.put("relatedLine", site.relatedLine());
      list.add(entry);
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts(sites).forEach((verdict, count) -> counts.put(verdict.name(), count));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sites", list);
    root.put("summary", counts);
    return Json.write(root);
  }

  /**
   * SARIF 2.1.0: every site is a result, so code scanning sees the audit whole. Missing forces are
   * failures at level error; durability switches ask for review; forced sites pass; files not written
   * in the method are not applicable; suppressed sites carry an in-source suppression.
   */
  static String sarif(List<RenameSite> sites) {
    List<Object> results = new ArrayList<>();
    for (RenameSite site : sites) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", RULE);
      String kind;
      String level;
      switch (site.verdict()) {
        case MISSING_FORCE, SUPPRESSED -> {
          kind = "fail";
          level = "error";
        }
        case DURABILITY_SWITCH -> {
          kind = "review";
          level = "warning";
        }
        case FORCED -> {
          kind = "pass";
          level = "none";
        }
        case NOT_WRITTEN_HERE -> {
          kind = "notApplicable";
          level = "none";
        }
        default -> {
          kind = "open";
          level = "note";
        }
      }
      result.put("kind", kind);
      result.put("level", level);
      result.put("message", Map.of("text", site.call() + ": " + site.verdict().label() + ", " + site.detail()));
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", site.line());
      region.put("startColumn", site.column());
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", Map.of("uri", site.file()));
      physical.put("region", region);
      result.put("locations", List.of(Map.of("physicalLocation", physical)));
      if (site.verdict() == Verdict.SUPPRESSED) {
        result.put("suppressions", List.of(Map.of("kind", "inSource")));
      }
      results.add(result);
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", RULE);
    rule.put("name", RULE);
    rule.put(
        "shortDescription",
        Map.of("text", "File renamed into place before its data was forced to disk"));
    rule.put("helpUri", "docs/RenameWithoutFsync.md");
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "fsync-guard");
    driver.put("version", TOOL_VERSION);
    driver.put("rules", List.of(rule));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return Json.write(root);
  }

  /** Long calls cut for the table's column; JSON and SARIF carry them whole. */
  private static String shorten(String call) {
    return call.length() <= 70 ? call : call.substring(0, 67) + "...";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
