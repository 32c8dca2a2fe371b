package dev.fsyncguard.crashtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every state a crash at one crash point may leave, under the model: each change to a directory
 * since its last force reached the disk or did not (independently; a change is one operation's
 * effect on one directory), and each visible file holds one of the contents {@link
 * FileDataModel#candidates()} allows. Identical states are visited once; at most {@code maxStates}
 * combinations are tried.
 */
final class StateEnumerator {
  /** Receives each distinct state; returns false to stop the enumeration. */
  interface Visitor {
    boolean visit(DurableState state);
  }

  /** How an enumeration ended. */
  static final class Outcome {
    final long combinationsTried;
    final long distinctStates;

    /** True if the bound stopped it with combinations left untried. */
    final boolean boundHit;

    final boolean stoppedByVisitor;

    Outcome(
        long combinationsTried, long distinctStates, boolean boundHit, boolean stoppedByVisitor) {
      this.combinationsTried = combinationsTried;
      this.distinctStates = distinctStates;
      this.boundHit = boundHit;
      this.stoppedByVisitor = stoppedByVisitor;
    }
  }

  private static final class Change {
    final Object directory;
    final PendingChange change;

    Change(Object directory, PendingChange change) {
      this.directory = directory;
      this.change = change;
    }
  }

  private final DurabilityModel model;
  private final Map<Integer, RecordedOperation> operations;
  private final long maxStates;
  private final List<Change> changes = new ArrayList<>();
  private final Map<Object, String> directoryNames;

  StateEnumerator(DurabilityModel model, List<RecordedOperation> operations, long maxStates) {
    this.model = model;
    this.operations = new HashMap<>();
    operations.forEach(operation -> this.operations.put(operation.number(), operation));
    this.maxStates = maxStates;
    model.directories.forEach(
        (key, directory) ->
            directory.pending.forEach(change -> changes.add(new Change(key, change))));
    // Oldest change first; the odometer below varies the last digit fastest, so the states right
    // after the one
    // that loses nothing lose only the newest changes, the easiest to read in a report.
    changes.sort((a, b) -> Integer.compare(a.change.operation, b.change.operation));
    directoryNames = namesOf(model.liveEntries(), model.root);
  }

  Outcome enumerate(Visitor visitor) {
    Set<DurableState> seen = new HashSet<>();
    long tried = 0;
    // Digit i: 0 if change i reached the disk, 1 if it was lost. All zeros (nothing lost) comes
    // first.
    int[] lost = new int[changes.size()];
    do {
      Map<Object, Map<String, Entry>> entries = entriesWith(lost);
      Map<String, Entry> visible = new TreeMap<>();
      walk(entries, model.root, "/", visible, new HashSet<>());
      List<Object> files = new ArrayList<>();
      visible
          .values()
          .forEach(
              entry -> {
                if (entry.kind == Entry.Kind.FILE && !files.contains(entry.inode)) {
                  files.add(entry.inode);
                }
              });
      List<List<FileDataModel.Candidate>> candidates = new ArrayList<>();
      files.forEach(inode -> candidates.add(model.file(inode).candidates()));
      int[] chosen = new int[files.size()];
      do {
        if (tried == maxStates) {
          return new Outcome(tried, seen.size(), true, false);
        }
        tried++;
        DurableState state = build(visible, files, candidates, chosen, lost);
        if (seen.add(state) && !visitor.visit(state)) {
          return new Outcome(tried, seen.size(), false, true);
        }
      } while (next(chosen, candidates));
    } while (nextSubset(lost));
    return new Outcome(tried, seen.size(), false, false);
  }

  private Map<Object, Map<String, Entry>> entriesWith(int[] lost) {
    Map<Object, Map<String, Entry>> entries = new HashMap<>();
    model.directories.forEach(
        (key, directory) -> entries.put(key, new HashMap<>(directory.durable)));
    for (int i = 0; i < changes.size(); i++) {
      if (lost[i] == 0) {
        changes.get(i).change.applyTo(entries.get(changes.get(i).directory));
      }
    }
    return entries;
  }

  private static void walk(
      Map<Object, Map<String, Entry>> entries,
      Object directory,
      String path,
      Map<String, Entry> visible,
      Set<Object> onPath) {
    Map<String, Entry> children = entries.get(directory);
    if (children == null || !onPath.add(directory)) {
      return;
    }
    for (Map.Entry<String, Entry> child : new TreeMap<>(children).entrySet()) {
      String childPath = path.endsWith("/") ? path + child.getKey() : path + "/" + child.getKey();
      visible.put(childPath, child.getValue());
      if (child.getValue().kind == Entry.Kind.DIRECTORY) {
        walk(entries, child.getValue().inode, childPath, visible, onPath);
      }
    }
    onPath.remove(directory);
  }

  private DurableState build(
      Map<String, Entry> visible,
      List<Object> files,
      List<List<FileDataModel.Candidate>> candidates,
      int[] chosen,
      int[] lost) {
    TreeMap<String, DurableState.Node> nodes = new TreeMap<>();
    visible.forEach(
        (path, entry) -> {
          byte[] content = null;
          if (entry.kind == Entry.Kind.FILE) {
            int file = files.indexOf(entry.inode);
            content = candidates.get(file).get(chosen[file]).content;
          }
          nodes.put(path, new DurableState.Node(entry, content));
        });
    return new DurableState(nodes, howItCameAbout(visible, files, candidates, chosen, lost));
  }

  private List<String> howItCameAbout(
      Map<String, Entry> visible,
      List<Object> files,
      List<List<FileDataModel.Candidate>> candidates,
      int[] chosen,
      int[] lost) {
    List<String> how = new ArrayList<>();
    Map<Object, List<String>> reached = new LinkedHashMap<>();
    Map<Object, List<String>> missed = new LinkedHashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      String operation = describe(change.change.operation);
      (lost[i] == 0 ? reached : missed)
          .computeIfAbsent(change.directory, key -> new ArrayList<>())
          .add(operation);
      reached.computeIfAbsent(change.directory, key -> new ArrayList<>());
    }
    reached.forEach(
        (directory, kept) -> {
          List<String> gone = missed.getOrDefault(directory, List.of());
          how.add(
              "directory "
                  + directoryNames.getOrDefault(directory, "(removed)")
                  + " not forced since: "
                  + (kept.isEmpty() ? "" : "reached the disk " + String.join(", ", kept))
                  + (kept.isEmpty() || gone.isEmpty() ? "" : "; ")
                  + (gone.isEmpty() ? "" : "lost " + String.join(", ", gone)));
        });
    for (int i = 0; i < files.size(); i++) {
      if (candidates.get(i).size() > 1) {
        how.add(
            "file " + pathOf(visible, files.get(i)) + ": " + candidates.get(i).get(chosen[i]).how);
      }
    }
    return how;
  }

  private String describe(int operation) {
    RecordedOperation recorded = operations.get(operation);
    return recorded == null ? "#" + operation : "#" + operation + " " + recorded.kind();
  }

  private static String pathOf(Map<String, Entry> visible, Object inode) {
    for (Map.Entry<String, Entry> entry : visible.entrySet()) {
      if (entry.getValue().inode.equals(inode)) {
        return entry.getKey();
      }
    }
    return "(unnamed)";
  }

  private static Map<Object, String> namesOf(Map<Object, Map<String, Entry>> entries, Object root) {
    Map<String, Entry> visible = new TreeMap<>();
    walk(entries, root, "/", visible, new HashSet<>());
    Map<Object, String> names = new HashMap<>();
    names.put(root, "/");
    visible.forEach(
        (path, entry) -> {
          if (entry.kind == Entry.Kind.DIRECTORY) {
            names.putIfAbsent(entry.inode, path);
          }
        });
    return names;
  }

  private static boolean next(int[] chosen, List<List<FileDataModel.Candidate>> candidates) {
    for (int i = chosen.length - 1; i >= 0; i--) {
      if (++chosen[i] < candidates.get(i).size()) {
        return true;
      }
      chosen[i] = 0;
    }
    return false;
  }

  private static boolean nextSubset(int[] lost) {
    for (int i = lost.length - 1; i >= 0; i--) {
      if (++lost[i] < 2) {
        return true;
      }
      lost[i] = 0;
    }
    return false;
  }
}
