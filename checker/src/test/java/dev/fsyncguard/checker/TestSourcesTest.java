package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The markers the checks' tests assert positions with. */
class TestSourcesTest {
  @Test
  void turnsAReferenceIntoTheLineItsMarkerIsOn() {
    assertThat(
            TestSources.marked(
                "class A {",
                "  void f() {",
                "    write(); // @write",
                "    // BUG: Diagnostic contains: the write on line @write was",
                "  }",
                "}"))
        .asList()
        .contains("    // BUG: Diagnostic contains: the write on line 3 was");
  }

  @Test
  void refusesAReferenceToNoMarker() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TestSources.marked("// BUG: Diagnostic contains: line @force"));
  }

  @Test
  void refusesAMarkerOnTwoLines() {
    assertThrows(
        IllegalArgumentException.class, () -> TestSources.marked("a(); // @x", "b(); // @x"));
  }
}
