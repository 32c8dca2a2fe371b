package dev.fsyncguard.checker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

  /** Runs a test class with every method analysed as one graph. */
  static final class Whole implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      whole();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      reset();
    }
  }
}
