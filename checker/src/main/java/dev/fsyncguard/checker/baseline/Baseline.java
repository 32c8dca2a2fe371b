package dev.fsyncguard.checker.baseline;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.MultiTaskListener;
import com.sun.tools.javac.util.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline of one compilation: the findings it accepts, which of them this compilation still
 * found, and at its end the entries that no longer match (or, when updating, the rewritten file).
 *
 * <p>A finding is keyed by {@link BaselineEntry}; an entry is stale only when its check analysed
 * its file in this compilation and found nothing there, so a module's compile never judges another
 * module's entries.
 */
public final class Baseline {
  private static final Context.Key<Map<BaselineOptions, Baseline>> KEY = new Context.Key<>();

  /** Stale entries listed by name before the rest are only counted. */
  private static final int LISTED = 20;

  private final BaselineOptions options;
  private final Path directory;
  private final CompilerMessages messages;

  /** The entries read, or null when the file could not be used (the error is reported). */
  private final Set<BaselineEntry> entries;

  private final Set<BaselineEntry> matched = new LinkedHashSet<>();
  private final Set<BaselineEntry> recorded = new LinkedHashSet<>();

  /** For each check, the files it analysed; a file is named as in its entries. */
  private final Map<String, Set<String>> analysed = new HashMap<>();

  private Baseline(BaselineOptions options, CompilerMessages messages) {
    this.options = options;
    this.directory = BaselineKeys.realOrAbsolute(options.file().getParent());
    this.messages = messages;
    this.entries = load();
  }

  /**
   * The baseline of the compilation {@code state} belongs to, read on first use; null when the
   * options name none.
   */
  public static Baseline of(VisitorState state, BaselineOptions options) {
    if (options.file() == null) {
      return null;
    }
    Context context = state.context;
    Map<BaselineOptions, Baseline> baselines = context.get(KEY);
    if (baselines == null) {
      baselines = new HashMap<>();
      context.put(KEY, baselines);
    }
    Baseline baseline = baselines.get(options);
    if (baseline == null) {
      baseline = new Baseline(options, new CompilerMessages(context));
      baselines.put(options, baseline);
      Baseline finishing = baseline;
      MultiTaskListener.instance(context)
          .add(
              new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                  if (event.getKind() == TaskEvent.Kind.COMPILATION) {
                    finishing.finish();
                  }
                }
              });
    }
    return baseline;
  }

  private Set<BaselineEntry> load() {
    if (options.update() && !options.file().toFile().exists()) {
      return new LinkedHashSet<>();
    }
    try {
      BaselineFile.Contents contents = BaselineFile.read(options.file());
      contents.unknownChecks().forEach(messages::warning);
      return new LinkedHashSet<>(contents.entries());
    } catch (BaselineException e) {
      messages.error(
          "fsync-guard: "
              + e.getMessage()
              + (options.update()
                  ? "; it is left as it is: fix or delete it, then update it again"
                  : "; write it with `mvn fsync-guard:baseline` or `fsync-guard-audit"
                      + " --write-baseline`, or drop -XepOpt:"
                      + BaselineOptions.FILE_FLAG));
      return null;
    }
  }

  /**
   * Notes that {@code check} analysed the unit: its entries for that file are judged at the end.
   */
  public void analysed(String check, CompilationUnitTree unit) {
    String file = BaselineKeys.file(unit, directory);
    if (file != null) {
      analysed.computeIfAbsent(check, c -> new LinkedHashSet<>()).add(file);
    }
  }

  /**
   * Whether the baseline accepts the finding of {@code check} at the leaf of {@code state}'s path,
   * which the check then does not report. When updating, every finding is accepted and recorded.
   */
  public boolean accepts(String check, VisitorState state) {
    if (entries == null) {
      return false;
    }
    BaselineEntry entry = BaselineKeys.of(check, state, directory);
    if (entry == null) {
      return false;
    }
    if (options.update()) {
      recorded.add(entry);
      return true;
    }
    if (entries.contains(entry)) {
      matched.add(entry);
      return true;
    }
    return false;
  }

  /**
   * Whether the baseline lists the finding of {@code check} at the leaf of {@code state}'s path,
   * without counting it as matched: for a report of the findings, not for a check.
   */
  public boolean holds(String check, VisitorState state) {
    if (entries == null || options.update()) {
      return false;
    }
    BaselineEntry entry = BaselineKeys.of(check, state, directory);
    return entry != null && entries.contains(entry);
  }

  private void finish() {
    if (entries == null) {
      return;
    }
    if (options.update()) {
      BaselineUpdate.write(options.file(), directory, entries, analysed, recorded, messages);
      return;
    }
    List<BaselineEntry> stale = new ArrayList<>();
    for (BaselineEntry entry : entries) {
      if (!matched.contains(entry)
          && analysed.getOrDefault(entry.check(), Set.of()).contains(entry.file())) {
        stale.add(entry);
      }
    }
    if (stale.isEmpty()) {
      return;
    }
    StringBuilder text =
        new StringBuilder("fsync-guard: ")
            .append(stale.size())
            .append(stale.size() == 1 ? " entry" : " entries")
            .append(" of the baseline ")
            .append(options.file())
            .append(
                stale.size() == 1 ? " no longer matches a finding" : " no longer match a finding")
            .append(" (fixed, or the code changed): `mvn fsync-guard:baseline` removes ")
            .append(stale.size() == 1 ? "it" : "them");
    stale.stream().limit(LISTED).forEach(e -> text.append("\n  ").append(e.describe()));
    if (stale.size() > LISTED) {
      text.append("\n  ... and ").append(stale.size() - LISTED).append(" more");
    }
    messages.warning(text.toString());
  }
}
