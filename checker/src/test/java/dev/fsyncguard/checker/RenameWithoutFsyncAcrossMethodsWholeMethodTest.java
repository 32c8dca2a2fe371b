package dev.fsyncguard.checker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every case of {@link RenameWithoutFsyncAcrossMethodsTest} again, each method one graph. */
final class RenameWithoutFsyncAcrossMethodsWholeMethodTest
    extends RenameWithoutFsyncAcrossMethodsTest {
  @BeforeAll
  static void wholeMethods() {
    SegmentSize.whole();
  }

  @AfterAll
  static void restore() {
    SegmentSize.reset();
  }
}
