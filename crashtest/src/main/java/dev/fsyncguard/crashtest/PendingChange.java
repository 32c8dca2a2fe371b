package dev.fsyncguard.crashtest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names in one directory changed by one operation and not yet made durable by forcing that
 * directory. A crash keeps all of the change or none of it: that is what makes a rename within a
 * directory atomic.
 */
final class PendingChange {
  final int operation;

  /** Name to its new entry; a null entry means the name was removed. */
  final Map<String, Entry> names;

  PendingChange(int operation, Map<String, Entry> names) {
    this.operation = operation;
    this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  static PendingChange of(int operation, String name, Entry entry) {
    Map<String, Entry> names = new LinkedHashMap<>();
    names.put(name, entry);
    return new PendingChange(operation, names);
  }

  void applyTo(Map<String, Entry> entries) {
    names.forEach(
        (name, entry) -> {
          if (entry == null) {
            entries.remove(name);
          } else {
            entries.put(name, entry);
          }
        });
  }
}
