package dev.fsyncguard.checker.protocol;

import dev.fsyncguard.checker.dataflow.FileState;
import java.util.EnumMap;
import java.util.Map;

/**
 * A rename or copy site with its verdict on each of the five steps of a crash-safe replace, as
 * {@link ReplaceProtocol} computes them once per site. The checks and the audit read only this.
 *
 * @param site the call and what the analysis knew at it
 * @param atomic step 3, with how the replace fails to be atomic
 * @param temp step 1, with the expression that created the temp file in java.io.tmpdir
 * @param directoryPendingAfter whether, on some path to the method's return, the target's directory
 *     is not forced after a rename into it, whatever the state of the data: where step 2 fails,
 *     step 4 is not judged, but a repair that forces the data must also force the directory
 */
public record SiteVerdicts(
    RenameSites.Site site,
    Map<ReplaceStep, StepVerdict> steps,
    AtomicReplace.Finding atomic,
    TempLocation.Finding temp,
    boolean directoryPendingAfter) {
  public SiteVerdicts {
    steps = new EnumMap<>(steps);
  }

  /** The verdict on {@code step}. */
  public StepVerdict verdict(ReplaceStep step) {
    return steps.get(step);
  }

  /** Whether {@code step} fails here: its check reports the site. */
  public boolean fails(ReplaceStep step) {
    return verdict(step).failed();
  }

  /** The state of the renamed file just before the call, or null when the analysis cannot tell. */
  public FileState sourceState() {
    return site.verdict() == null ? null : site.verdict().state();
  }
}
