package dev.fsyncguard.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import dev.fsyncguard.checker.fix.SiteRepair;
import dev.fsyncguard.checker.protocol.ReplaceProtocol;
import dev.fsyncguard.checker.protocol.ReplaceStep;
import dev.fsyncguard.checker.protocol.SiteVerdicts;
import java.util.Optional;

/**
 * A check that reports one step of a crash-safe replace at the rename or copy sites where it fails,
 * with the site's one repair. All read the options of {@code -XepOpt:RenameWithoutFsync:…}: one
 * analysis, one set of flags.
 */
abstract class SiteCheck extends FsyncGuardCheck implements MethodInvocationTreeMatcher {
  private final ReplaceStep step;

  SiteCheck(ReplaceStep step, ErrorProneFlags flags) {
    super(flags);
    this.step = step;
  }

  @Override
  public final Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    SiteVerdicts site = ReplaceProtocol.at(tree, state, options);
    if (site == null || !site.fails(step) || isBaselined(state)) {
      return Description.NO_MATCH;
    }
    String message = ReplaceMessages.of(step, tree, site, state) + ReplaceMessages.span(site);
    Optional<SiteRepair.Repair> repair = SiteRepair.of(site, state, options);
    return Findings.describe(buildDescription(tree), message, repair);
  }
}
