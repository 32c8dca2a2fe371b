package dev.fsyncguard.crashtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One directory's entries as of its last force, and the changes made since, which a crash may or
 * may not keep.
 */
final class DirectoryModel {
  final Map<String, Entry> durable;
  final List<PendingChange> pending;

  DirectoryModel(Map<String, Entry> durable, List<PendingChange> pending) {
    this.durable = durable;
    this.pending = pending;
  }

  static DirectoryModel empty() {
    return new DirectoryModel(new HashMap<>(), new ArrayList<>());
  }

  DirectoryModel copy() {
    return new DirectoryModel(new HashMap<>(durable), new ArrayList<>(pending));
  }

  /** The entries as the running program sees them: every change applied. */
  Map<String, Entry> live() {
    Map<String, Entry> entries = new HashMap<>(durable);
    pending.forEach(change -> change.applyTo(entries));
    return entries;
  }

  void force() {
    Map<String, Entry> live = live();
    durable.clear();
    durable.putAll(live);
    pending.clear();
  }
}
