package dev.fsyncguard.durable;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A replacement written piece by piece, for content too large or too incremental to hold in memory.
 * Nothing is visible at the target until {@link #commit()}; {@link #close()} without a commit
 * aborts, so a try-with-resources block that throws leaves the target as it was:
 *
 * <pre>{@code
 * try (DurableOutput out = DurableFiles.newOutput(target)) {
 *   Writer w = out.writer(StandardCharsets.UTF_8);
 *   w.write(...);
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one writer per instance, as with any stream.
 */
public final class DurableOutput implements Closeable {
  private final DirectoryHandle directory;
  private final Replacement replacement;
  private final ChannelOutputStream stream;
  private boolean streamHandedOut;
  private Writer writer;
  private Charset writerCharset;
  private boolean finished;

  DurableOutput(DirectoryHandle directory, Replacement replacement) {
    this.directory = directory;
    this.replacement = replacement;
    this.stream = new ChannelOutputStream(replacement.channel());
  }

  /**
   * The stream into the temp file. Buffered, so small writes cost no system call each; closing it
   * only flushes, the commit or abort is decided here.
   *
   * @return the same stream on every call
   * @throws IllegalStateException if a writer was requested, whose buffered characters would be
   *     reordered with bytes written here, or after commit or close
   */
  public OutputStream stream() {
    ensureOpen();
    if (writer != null) {
      throw new IllegalStateException("a writer is already in use; write through it");
    }
    streamHandedOut = true;
    return stream;
  }

  /**
   * A writer into the temp file that reports characters the charset cannot encode instead of
   * writing replacement characters (as {@code Files.writeString} does), since a silently altered
   * file is a lost write.
   *
   * @param charset the encoding
   * @return the same writer on every call
   * @throws IllegalStateException if the stream was requested, a different charset was used before,
   *     or after commit or close
   */
  public Writer writer(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    ensureOpen();
    if (streamHandedOut) {
      throw new IllegalStateException("the stream is already in use; write through it");
    }
    if (writer == null) {
      writer = new OutputStreamWriter(stream, charset.newEncoder());
      writerCharset = charset;
    } else if (!writerCharset.equals(charset)) {
      throw new IllegalStateException("a writer for " + writerCharset + " is already in use");
    }
    return writer;
  }

  /**
   * Forces the content written so far, renames it over the target and forces the directory: when
   * this returns, the new content survives a crash.
   *
   * @throws TargetUnchangedException if anything failed before the rename (including an earlier
   *     failed write), and the target is as it was
   * @throws ReplacedButNotDurableException if only the directory force failed
   * @throws IllegalStateException if already committed or closed
   */
  public void commit() throws IOException {
    ensureOpen();
    finished = true;
    try {
      flushBuffers();
      stream.end("already committed");
      replacement.forceAndClose();
      replacement.renameOverTarget();
      DurableFiles.forceAfterRename(directory, replacement.target().path());
    } finally {
      directory.close();
    }
  }

  /**
   * Aborts unless committed: removes the temp file and leaves the target untouched. Safe to call
   * more than once.
   *
   * @throws IOException if the temp file could not be removed
   */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    stream.end("aborted");
    try {
      replacement.abort();
    } finally {
      directory.close();
    }
  }

  private void flushBuffers() throws TargetUnchangedException {
    try {
      // A closed stream (closed directly or through the writer) has already handed everything to
      // the channel.
      if (!stream.closed()) {
        if (writer != null) {
          writer.flush();
        } else {
          stream.flush();
        }
      }
    } catch (IOException e) {
      throw replacement.abandon("writing the temporary file failed", e);
    } catch (RuntimeException | Error e) {
      replacement.abandonAfter(e);
      throw e;
    }
    if (stream.failed()) {
      throw replacement.abandon("an earlier write to the temporary file failed", null);
    }
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("already committed or closed");
    }
  }
}
