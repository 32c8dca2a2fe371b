package dev.fsyncguard.checker.protocol;

import com.sun.source.tree.LineMap;
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
 * @param span for a save spread over an object's methods (one opens the file and keeps the stream,
 *     callers write through it, this one commits it), the two methods as written ({@code
 *     "AtomicFileOutputStream(File)"}, {@code "close()"}); null for a save made in one method
 */
public record SiteVerdicts(
    RenameSites.Site site,
    Map<ReplaceStep, StepVerdict> steps,
    AtomicReplace.Finding atomic,
    TempLocation.Finding temp,
    boolean directoryPendingAfter,
    Span span) {
  /**
   * The constructor or method that opens the file, and the method that commits it.
   *
   * @param handsOut the opening method returns the stream to its caller, who hands it back
   */
  public record Span(String opens, String commits, boolean handsOut) {}

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

  /** What was known of the renamed file's data just before the call. */
  public enum Data {
    /** The analysis cannot tell. */
    UNKNOWN,
    /** The method did not write it (a force alone is not a write). */
    NOT_WRITTEN_HERE,
    /** Forced after its last write on every path (or its force was made and failed). */
    FORCED,
    /** Written and not forced on some path: the bytes are in the operating system's cache. */
    UNFORCED,
    /** Written into a Java buffer not flushed on some path: even a force would miss it. */
    UNFORCED_IN_BUFFER
  }

  /** Whether the call copies: the source stays, and only the atomicity of the replace is judged. */
  public boolean isCopy() {
    return site.isCopy();
  }

  /** What was known of the renamed file's data just before the call. */
  public Data data() {
    FileState state = sourceState();
    if (state == null) {
      return Data.UNKNOWN;
    }
    if (state.isDirty()) {
      return state.level() == FileState.Level.BUFFERED ? Data.UNFORCED_IN_BUFFER : Data.UNFORCED;
    }
    return state.level() == FileState.Level.FORCED || state.level() == FileState.Level.FORCE_FAILED
        ? Data.FORCED
        : Data.NOT_WRITTEN_HERE;
  }

  /**
   * Where {@link #data()} was decided: the write that left the data unforced, or the force that
   * covered it; -1 when unknown.
   */
  public int dataPosition() {
    FileState state = sourceState();
    return state == null ? -1 : state.position();
  }

  /** For unforced data, in words: whether, and on which line, other paths forced it. */
  public String forceCoverage(LineMap lines) {
    FileState state = sourceState();
    return state == null || !state.isDirty() ? "" : ForceCoverage.of(state, lines);
  }

  /**
   * Whether the replace is not atomic only when an atomic move fails: the call is the fallback in
   * the handler of {@code AtomicMoveNotSupportedException}.
   */
  public boolean fallsBackAfterAtomicMove() {
    return atomic.kind() == AtomicReplace.Kind.NON_ATOMIC_FALLBACK;
  }
}
