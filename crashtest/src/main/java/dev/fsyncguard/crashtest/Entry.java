package dev.fsyncguard.crashtest;

import java.util.Objects;

/**
 * What a directory entry names: a file, a directory or a symbolic link, identified by its inode.
 */
final class Entry {
  enum Kind {
    FILE,
    DIRECTORY,
    SYMBOLIC_LINK
  }

  final Object inode;
  final Kind kind;

  /** The link's target, for a symbolic link; null otherwise. */
  final String linkTarget;

  Entry(Object inode, Kind kind, String linkTarget) {
    this.inode = Objects.requireNonNull(inode, "inode");
    this.kind = kind;
    this.linkTarget = linkTarget;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Entry)) {
      return false;
    }
    Entry that = (Entry) other;
    return inode.equals(that.inode)
        && kind == that.kind
        && Objects.equals(linkTarget, that.linkTarget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inode, kind, linkTarget);
  }
}
