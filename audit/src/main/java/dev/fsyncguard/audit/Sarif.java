package dev.fsyncguard.audit;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * The part of SARIF 2.1.0 the audit writes, as records Gson serialises field by field in
 * declaration order. A {@code null} component is left out of the document: SARIF's optional
 * properties are absent, never {@code null}.
 */
final class Sarif {
  private Sarif() {}

  /** The document: one run of the audit. */
  record Log(@SerializedName("$schema") String schema, String version, List<Run> runs) {}

  record Run(Tool tool, List<Result> results) {}

  record Tool(Driver driver) {}

  /** The audit itself, with one rule per check. */
  record Driver(String name, String version, List<Rule> rules) {}

  /**
   * A check: SARIF's {@code reportingDescriptor}.
   *
   * @param help where the check's page is in fsync-guard's documentation: a relative path, which
   *     SARIF's {@code helpUri} (an absolute URI) cannot hold
   */
  record Rule(String id, String name, Message shortDescription, Message help) {}

  /**
   * One check's verdict at one site.
   *
   * @param relatedLocations the code the verdict rests on, or {@code null}
   * @param suppressions an in-source suppression of the check, or {@code null}
   */
  record Result(
      String ruleId,
      String kind,
      String level,
      Message message,
      List<Location> locations,
      List<Location> relatedLocations,
      List<Suppression> suppressions) {}

  record Message(String text) {}

  /**
   * A place in a source file.
   *
   * @param id the location's number among a result's related locations, or {@code null} for its
   *     primary location
   */
  record Location(Integer id, PhysicalLocation physicalLocation) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri) {}

  /**
   * A line, and where known a column, 1-based.
   *
   * @param startColumn the column, or {@code null} where only the line is known
   */
  record Region(long startLine, Long startColumn) {}

  /** How a finding is silenced: {@code inSource} for {@code @SuppressWarnings}. */
  record Suppression(String kind) {}
}
