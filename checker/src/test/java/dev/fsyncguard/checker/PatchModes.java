package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Patch mode the way users run it: {@code -XepPatchChecks:} with any non-empty set of the six
 * checks, in one run. For a source, every one of the 63 sets is applied (one compilation finds the
 * fixes; each set's patch is a replay of its checks' fixes), and every distinct result is compiled
 * again with all six checks. Required of each:
 *
 * <ul>
 *   <li>every check that reports at one place attaches the same fix, so the sets cannot collide;
 *   <li>every set that reports at the same places as all six writes the same code as all six;
 *   <li>the result compiles;
 *   <li>no check reports more than it reported before at places the set did not touch, plus the
 *       findings whose message left part of the repair to the author; and none of the findings left
 *       offers a fix beyond those at untouched places (one run is a fixed point: no step starts
 *       failing after a repair).
 * </ul>
 */
final class PatchModes {
  private static final ImmutableList<String> NAMES =
      PatchRun.ALL_CHECKS.stream()
          .map(Class::getSimpleName)
          .collect(ImmutableList.toImmutableList());

  private PatchModes() {}

  /**
   * Asserts the above for {@code source}, compiled as {@code Store.java} with {@code javacArgs}.
   */
  static void assertEverySubset(String source, List<String> javacArgs) {
    assertEverySubset("Store", source, javacArgs);
  }

  /**
   * Asserts the above for {@code source}, the class {@code name}, compiled with {@code javacArgs};
   * returns what all six checks' fixes make of it.
   */
  static String assertEverySubset(String name, String source, List<String> javacArgs) {
    PatchRun before = PatchRun.of(name, source, javacArgs, PatchRun.ALL_CHECKS);
    assertOneFixPerPlace(before, source);
    Set<Integer> allPlaces = placesOf(before, ImmutableSet.copyOf(NAMES));
    String all = before.patchedBy(ImmutableSet.copyOf(NAMES));
    Map<String, PatchRun> compiled = new HashMap<>();
    for (Set<String> checks : subsets()) {
      String patched = before.patchedBy(checks);
      if (placesOf(before, checks).equals(allPlaces)) {
        assertWithMessage("patch mode with %s writes what all six write, on\n%s", checks, source)
            .that(patched)
            .isEqualTo(all);
      }
      if (patched.equals(source)) {
        continue;
      }
      PatchRun after =
          compiled.computeIfAbsent(
              patched, p -> PatchRun.of(name, p, javacArgs, PatchRun.ALL_CHECKS));
      assertNothingNew(before, after, checks, source);
    }
    return all;
  }

  /** Every finding at one place carries the same fix, or none. */
  private static void assertOneFixPerPlace(PatchRun run, String source) {
    Map<Integer, Object> fixes = new HashMap<>();
    for (PatchRun.Finding finding : run.findings()) {
      if (finding.fix() == null) {
        continue;
      }
      Object replacements = run.replacementsOf(finding.fix());
      Object earlier = fixes.putIfAbsent(finding.position(), replacements);
      if (earlier != null) {
        assertWithMessage(
                "%s's fix differs from another check's at the same place in\n%s",
                finding.check(), source)
            .that(replacements)
            .isEqualTo(earlier);
      }
    }
  }

  private static void assertNothingNew(
      PatchRun before, PatchRun after, Set<String> checks, String source) {
    Set<Integer> touched = placesOf(before, checks);
    // For each check, at how many touched places a message left its step to the author.
    Map<String, Set<Integer>> leftAt = new HashMap<>();
    for (PatchRun.Finding finding : before.findings()) {
      int left = finding.message().indexOf("Left to you:");
      if (left >= 0 && touched.contains(finding.position())) {
        for (String check : NAMES) {
          if (finding.message().indexOf("(" + check + ")", left) >= 0) {
            leftAt.computeIfAbsent(check, c -> new java.util.HashSet<>()).add(finding.position());
          }
        }
      }
    }
    for (String check : NAMES) {
      long untouched = 0;
      long untouchedWithFix = 0;
      long withoutFix = 0;
      for (PatchRun.Finding finding : before.findings()) {
        if (!finding.check().equals(check)) {
          continue;
        }
        if (!touched.contains(finding.position())) {
          untouched++;
          untouchedWithFix += finding.fix() == null ? 0 : 1;
        } else if (finding.fix() == null) {
          withoutFix++;
        }
      }
      long left = leftAt.getOrDefault(check, Set.of()).size();
      List<PatchRun.Finding> remaining =
          after.findings().stream()
              .filter(f -> f.check().equals(check))
              .collect(Collectors.toList());
      long withFix = remaining.stream().filter(f -> f.fix() != null).count();
      assertWithMessage(
              "after patch mode with %s, %s reports what no message left to the author:\n"
                  + "%s\n"
                  + "-- patched from --\n"
                  + "%s",
              checks, check, remaining, source)
          .that((long) remaining.size())
          .isAtMost(untouched + withoutFix + left);
      assertWithMessage(
              "after patch mode with %s, %s still offers fixes: one run is not a fixed point:\n"
                  + "%s\n"
                  + "-- patched from --\n"
                  + "%s",
              checks, check, remaining, source)
          .that(withFix)
          .isAtMost(untouchedWithFix);
    }
  }

  /** The places where any of {@code checks} reports with a fix: the places their patch touches. */
  private static Set<Integer> placesOf(PatchRun run, Set<String> checks) {
    return run.findings().stream()
        .filter(f -> f.fix() != null && checks.contains(f.check()))
        .map(PatchRun.Finding::position)
        .collect(Collectors.toSet());
  }

  /** The 63 non-empty sets of the six checks. */
  static List<Set<String>> subsets() {
    List<Set<String>> sets = new java.util.ArrayList<>();
    for (int mask = 1; mask < 1 << NAMES.size(); mask++) {
      Set<String> set = new java.util.LinkedHashSet<>();
      for (int i = 0; i < NAMES.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          set.add(NAMES.get(i));
        }
      }
      set = java.util.Collections.unmodifiableSet(set);
      sets.add(set);
    }
    return sets;
  }
}
