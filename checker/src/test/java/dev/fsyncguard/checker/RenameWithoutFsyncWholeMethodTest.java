package dev.fsyncguard.checker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every case of {@link RenameWithoutFsyncTest} again, each method analysed as one graph instead of
 * in segments of top-level statements: the two must agree on every verdict.
 */
final class RenameWithoutFsyncWholeMethodTest extends RenameWithoutFsyncTest {
  @BeforeAll
  static void wholeMethods() {
    SegmentSize.whole();
  }

  @AfterAll
  static void restore() {
    SegmentSize.reset();
  }
}
