package dev.fsyncguard.crashtest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is durable and what is only in memory, for every directory and file: updated after each
 * recorded operation, and copied at each crash point so that the states a crash may leave can be
 * enumerated later.
 */
final class DurabilityModel {
  final Object root;
  final Map<Object, DirectoryModel> directories;
  final Map<Object, FileDataModel> files;
  private final boolean atomicRename;

  DurabilityModel(Object root, boolean atomicRename) {
    this(root, new HashMap<>(), new HashMap<>(), atomicRename);
  }

  private DurabilityModel(
      Object root,
      Map<Object, DirectoryModel> directories,
      Map<Object, FileDataModel> files,
      boolean atomicRename) {
    this.root = root;
    this.directories = directories;
    this.files = files;
    this.atomicRename = atomicRename;
  }

  DurabilityModel copy() {
    Map<Object, DirectoryModel> directoriesCopy = new HashMap<>();
    directories.forEach((key, directory) -> directoriesCopy.put(key, directory.copy()));
    Map<Object, FileDataModel> filesCopy = new HashMap<>();
    files.forEach((key, file) -> filesCopy.put(key, file.copy()));
    return new DurabilityModel(root, directoriesCopy, filesCopy, atomicRename);
  }

  DirectoryModel directory(Object key) {
    return directories.computeIfAbsent(key, absent -> DirectoryModel.empty());
  }

  FileDataModel file(Object key) {
    return files.computeIfAbsent(key, absent -> FileDataModel.durable(new byte[0]));
  }

  void addEntry(int operation, Object directory, String name, Entry entry) {
    directory(directory).pending.add(PendingChange.of(operation, name, entry));
  }

  void removeEntry(int operation, Object directory, String name) {
    directory(directory).pending.add(PendingChange.of(operation, name, null));
  }

  void rename(
      int operation,
      Object fromDirectory,
      String fromName,
      Object toDirectory,
      String toName,
      Entry entry,
      boolean targetExisted) {
    if (!atomicRename) {
      // rename(2) without its atomicity: the old target may go, the new name may come, the old name
      // may go, in
      // any combination, so a crash can leave no file at the target at all.
      if (targetExisted) {
        removeEntry(operation, toDirectory, toName);
      }
      addEntry(operation, toDirectory, toName, entry);
      removeEntry(operation, fromDirectory, fromName);
    } else if (fromDirectory.equals(toDirectory)) {
      Map<String, Entry> names = new LinkedHashMap<>();
      names.put(fromName, null);
      names.put(toName, entry);
      directory(toDirectory).pending.add(new PendingChange(operation, names));
    } else {
      // Each directory's half becomes durable when that directory is forced, so the two halves are
      // independent.
      addEntry(operation, toDirectory, toName, entry);
      removeEntry(operation, fromDirectory, fromName);
    }
  }

  /** Every directory's entries with every change applied: what the running program sees. */
  Map<Object, Map<String, Entry>> liveEntries() {
    Map<Object, Map<String, Entry>> live = new HashMap<>();
    directories.forEach((key, directory) -> live.put(key, directory.live()));
    return live;
  }
}
