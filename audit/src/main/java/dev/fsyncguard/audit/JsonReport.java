package dev.fsyncguard.audit;

import java.util.List;
import java.util.Map;

/** The JSON report's shape, as records Gson serialises field by field in declaration order. */
final class JsonReport {
  private JsonReport() {}

  /**
   * The document.
   *
   * @param summary a count per force verdict by its name, then {@code findings}: per check, the
   *     sites the build reports
   */
  record Report(List<Site> sites, Map<String, Object> summary) {}

  /**
   * One rename site: the force step's verdict at the top level, as before the other steps were
   * judged, then every step by its check's name.
   */
  record Site(
      String file,
      long line,
      long column,
      String call,
      String verdict,
      String detail,
      long relatedLine,
      Map<String, Step> steps) {}

  /** One check's verdict at a site. */
  record Step(String outcome, String detail, long relatedLine) {}
}
