package dev.fsyncguard.samples.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsyncguard.crashtest.CrashState;
import dev.fsyncguard.crashtest.CrashTest;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A power loss at any moment of a save leaves the note whole: its old version while the save runs,
 * the new one once it has returned. The store as first written fails this (the note can be empty
 * after the rename); the store patched to DurableFiles passes it.
 */
class NarrativeStoreCrashTest {
  @Test
  void everyCrashStateHoldsAWholeNote() {
    CrashTest.startingWith(dir -> new NarrativeStore(dir).saveNarrative("one", Map.of("v", "1"), "first"))
        .run(dir -> new NarrativeStore(dir).saveNarrative("one", Map.of("v", "2"), "second"))
        .assertEveryCrashState(NarrativeStoreCrashTest::noteIsWhole);
  }

  private static void noteIsWhole(CrashState state) throws IOException {
    String body = new NarrativeStore(state.directory()).loadNarrative("one").body();
    if (state.workloadReturned()) {
      assertEquals("second", body);
    } else {
      assertTrue(Set.of("first", "second").contains(body), body);
    }
  }
}
