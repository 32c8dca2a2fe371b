package dev.fsyncguard.checker.fix;

import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.Tree;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A site's repair as it is put together: the edits found, the words for each, the code they delete,
 * and what is left to the author, named with the check that keeps reporting it.
 */
final class RepairPlan {
  /**
   * A repair before the imports it leaves unused are removed.
   *
   * @param summary "Fix: …", then "Left to you: …" for what it cannot repair
   * @param deleted the code the repair deletes, whose imports may go unused
   */
  record Draft(SuggestedFix fix, String summary, List<Tree> deleted) {}

  private final SuggestedFix.Builder fix = SuggestedFix.builder();
  private final List<String> done = new ArrayList<>();
  private final List<String> left = new ArrayList<>();
  private final List<Tree> deleted = new ArrayList<>();

  /**
   * Adds {@code edit}, which repairs {@code step}; without one, {@code otherwise} is left to the
   * author. Returns whether the step is repaired.
   */
  boolean add(Optional<Edit> edit, ReplaceStep step, String otherwise) {
    if (edit == null || edit.isEmpty()) {
      if (otherwise != null) {
        leave(step, otherwise);
      }
      return false;
    }
    fix.merge(edit.get().fix());
    done.add(edit.get().does());
    deleted.addAll(edit.get().deleted());
    return true;
  }

  /** What the author must do for {@code step}. */
  void leave(ReplaceStep step, String what) {
    left.add(what + " (" + step.check() + ")");
  }

  /** The draft, or empty when nothing could be repaired. */
  Optional<Draft> draft() {
    if (done.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder summary = new StringBuilder("Fix: ").append(sentence(done)).append('.');
    if (!left.isEmpty()) {
      summary.append(" Left to you: ").append(sentence(left)).append('.');
    }
    return Optional.of(new Draft(fix.build(), summary.toString(), List.copyOf(deleted)));
  }

  private static String sentence(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join("; ", parts.subList(0, parts.size() - 1))
        + "; and "
        + parts.get(parts.size() - 1);
  }
}
