package dev.fsyncguard.checker.fix;

import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.Tree;
import java.util.List;

/**
 * One part of a site's repair: the source edit, what it does in a few words ("add ATOMIC_MOVE"),
 * which the diagnostic joins into one sentence with the other parts, and the code it deletes, whose
 * imports may then go unused.
 */
record Edit(SuggestedFix fix, String does, List<? extends Tree> deleted) {
  Edit(SuggestedFix fix, String does) {
    this(fix, does, List.of());
  }
}
