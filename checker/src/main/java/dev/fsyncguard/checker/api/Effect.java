package dev.fsyncguard.checker.api;

/** What a call or constructor does to the file named by, or open through, its operand. */
public enum Effect {
  /** The result names the operand's file ({@code File.toPath()}, {@code Path.of(s)}). */
  NAME_OF,
  /** The result names the directory holding the operand's file ({@code getParent()}). */
  PARENT_OF,
  /** The result names a file in the operand's directory ({@code dir.resolve(name)}). */
  CHILD_OF,
  /** The result names a file next to the operand's file ({@code path.resolveSibling(name)}). */
  SIBLING_OF,
  /**
   * The result is a stream, writer or channel on the operand's file. On a name, the file is opened
   * (and dirtied if the opening truncates or creates it); on a handle, the result wraps it.
   */
  OPEN,
  /**
   * The result is an unbuffered view of the operand's descriptor ({@code getFD()}, {@code
   * getChannel()}).
   */
  DESCRIPTOR,
  /** Writes to the operand's file, through the operand's buffer if it has one. */
  WRITE,
  /**
   * Writes through the operand and flushes it ({@code Properties.store}, {@code Yaml.dump}): a
   * deflater keeps what flushing leaves in it. On a name, opens, writes and closes the file.
   */
  WRITE_AND_FLUSH,
  /**
   * As {@link #WRITE_AND_FLUSH}, but the callee may close the operand ({@code
   * ObjectMapper.writeValue} does unless {@code AUTO_CLOSE_TARGET} is off): every buffer counts as
   * drained, a deflater's too.
   */
  WRITE_AND_CLOSE,
  /**
   * Moves bytes held in the operand's Java buffers to the operating system, except what a deflater
   * without sync-flush holds.
   */
  FLUSH,
  /** Drains every buffer, a deflater's too ({@code close()}, {@code finish()}); never forces. */
  CLOSE,
  /** Forces the operand's file to stable storage. */
  FORCE,
  /**
   * Forces the operand's file on some of the callee's normal paths, not all: the file stays dirty,
   * but a later "never forced" would be untrue.
   */
  FORCE_ON_SOME_PATHS,
  /**
   * Forces the operand's file, but a failure of the force is caught and let go inside the callee (a
   * {@code void} helper that logs it): after the call the file's force may have failed unseen.
   */
  FORCE_FAILURE_LET_GO,
  /** Forces a directory: makes a rename into it durable. */
  FORCE_DIRECTORY,
  /**
   * Maps the operand's file for writing: the mapping is written, and forcing it forces the file.
   */
  MAP,
  /** Commits the operand's file under the name given by the action's target operand. */
  RENAME,
  /**
   * Copies the operand's file onto the name given by the action's target operand, which is written;
   * the source stays. Only when both operands are names.
   */
  COPY,
  /** Removes the operand's file: nothing is left to commit. */
  DELETE,
  /**
   * Leaves the callee's own field (the action's target field) holding a handle on the operand's
   * file: a stream one method opens into a field and others write, force and close.
   */
  HOLD
}
