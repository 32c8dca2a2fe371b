package dev.fsyncguard.checker;

import com.google.errorprone.fixes.SuggestedFix;

/**
 * One part of a site's repair: the source edit, and what it does in a few words ("add ATOMIC_MOVE"),
 * which the diagnostic joins into one sentence with the other parts.
 */
record Edit(SuggestedFix fix, String does) {}
