package dev.fsyncguard.crashtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One state a crash may leave: every path that exists, with what it holds, and how the state came
 * about.
 */
final class DurableState {
  /** What one path holds after the crash. */
  static final class Node {
    final Entry.Kind kind;
    final Object inode;

    /** A file's content; null for other kinds. */
    final byte[] content;

    final String linkTarget;

    Node(Entry entry, byte[] content) {
      this.kind = entry.kind;
      this.inode = entry.inode;
      this.content = content;
      this.linkTarget = entry.linkTarget;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Node)) {
        return false;
      }
      Node that = (Node) other;
      return kind == that.kind
          && Arrays.equals(content, that.content)
          && Objects.equals(linkTarget, that.linkTarget);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, Arrays.hashCode(content), linkTarget);
    }

    String describe() {
      switch (kind) {
        case DIRECTORY:
          return "directory";
        case SYMBOLIC_LINK:
          return "symbolic link -> " + linkTarget;
        default:
          return ContentPreview.of(content);
      }
    }
  }

  /** Absolute path to what it holds, sorted so that a directory comes before what it contains. */
  final SortedMap<String, Node> nodes;

  final List<String> howItCameAbout;

  DurableState(SortedMap<String, Node> nodes, List<String> howItCameAbout) {
    this.nodes = Collections.unmodifiableSortedMap(nodes);
    this.howItCameAbout = Collections.unmodifiableList(new ArrayList<>(howItCameAbout));
  }

  /** Every path but the directories that merely lead to something, one a line. */
  String describe() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Node> node : nodes.entrySet()) {
      if (node.getValue().kind == Entry.Kind.DIRECTORY && hasChildren(node.getKey())) {
        continue;
      }
      text.append("  ")
          .append(node.getKey())
          .append("  ")
          .append(node.getValue().describe())
          .append('\n');
    }
    return text.length() == 0 ? "  (nothing at all)\n" : text.toString();
  }

  private boolean hasChildren(String directory) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    String next = nodes.tailMap(prefix).isEmpty() ? null : nodes.tailMap(prefix).firstKey();
    return next != null && next.startsWith(prefix);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DurableState && nodes.equals(((DurableState) other).nodes);
  }

  @Override
  public int hashCode() {
    return nodes.hashCode();
  }
}
