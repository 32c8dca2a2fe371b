package dev.fsyncguard.checker;

/**
 * Sets how many statements the analysis puts in one graph of a long method (the system property it
 * reads when a compilation starts), for tests that compare segmented and whole-method analyses.
 */
final class SegmentSize {
  private static final String PROPERTY = "dev.fsyncguard.segmentStatements";

  private SegmentSize() {}

  static void set(int statements) {
    System.setProperty(PROPERTY, Integer.toString(statements));
  }

  /** Every method one graph, however long. */
  static void whole() {
    set(Integer.MAX_VALUE);
  }

  static void reset() {
    System.clearProperty(PROPERTY);
  }
}
