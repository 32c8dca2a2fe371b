package dev.fsyncguard.crashtest;

/**
 * The operations the crash-test file system records: those that change what a crash can leave
 * behind.
 */
public enum OperationKind {
  /** A new regular file (an entry in its directory, with no data yet). */
  CREATE_FILE,
  CREATE_DIRECTORY,
  /** A new hard link: a second entry for an existing file. */
  CREATE_LINK,
  CREATE_SYMBOLIC_LINK,
  /** Bytes written to a file; forced at once only if its channel was opened with SYNC or DSYNC. */
  WRITE,
  /** A file made shorter, by {@code truncate} or by opening it with TRUNCATE_EXISTING. */
  TRUNCATE,
  /**
   * {@code FileChannel.force} on a file: its data so far becomes durable (its directory entry does
   * not).
   */
  FORCE_FILE,
  /**
   * A {@code FileChannel.force} on a file that failed (a {@link Fault}): the data written before it
   * may be lost in every later crash state, whatever later forces do.
   */
  FORCE_FILE_FAILED,
  /**
   * {@code FileChannel.force} on a directory opened for reading: its entries so far become durable.
   */
  FORCE_DIRECTORY,
  RENAME,
  DELETE
}
