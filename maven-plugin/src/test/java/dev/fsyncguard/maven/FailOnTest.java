package dev.fsyncguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class FailOnTest {
  @Test
  void readsTheValuesTheGoalDocuments() throws MojoExecutionException {
    assertEquals(FailOn.MISSING_FORCE, FailOn.parse("missing-force"));
    assertEquals(FailOn.ANY, FailOn.parse("any"));
    assertEquals(FailOn.NONE, FailOn.parse("none"));
  }

  @Test
  void anUnknownValueNamesTheParameterAndTheValuesItTakes() {
    MojoExecutionException e =
        assertThrows(MojoExecutionException.class, () -> FailOn.parse("MISSING_FORCE"));
    assertEquals(
        "fsync-guard: unknown failOn value 'MISSING_FORCE' (parameter failOn, user property"
            + " fsyncguard.failOn): use one of missing-force, any, none",
        e.getMessage());
  }
}
