package dev.fsyncguard.crashtest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A hand-written copy of the durable write sequence (temp file, buffered write, flush, force,
 * atomic rename, directory force), with switches that break it the ways real code gets it wrong.
 */
final class WriteSequence {
  boolean forceFile = true;
  boolean forceDirectory = true;
  boolean forceBeforeFlush;
  boolean deleteThenRename;

  static WriteSequence correct() {
    return new WriteSequence();
  }

  WriteSequence withoutFileForce() {
    forceFile = false;
    return this;
  }

  WriteSequence withoutDirectoryForce() {
    forceDirectory = false;
    return this;
  }

  WriteSequence withForceBeforeFlush() {
    forceBeforeFlush = true;
    return this;
  }

  WriteSequence withDeleteThenRename() {
    deleteThenRename = true;
    return this;
  }

  void write(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      // Small chunks through a buffer smaller than the content, so that part of it is still
      // buffered at the end.
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 4);
      for (byte b : content) {
        out.write(b);
      }
      if (forceBeforeFlush && forceFile) {
        channel.force(true);
        out.flush();
      } else {
        out.flush();
        if (forceFile) {
          channel.force(true);
        }
      }
    }
    if (deleteThenRename) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
    if (forceDirectory) {
      try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
        directory.force(true);
      }
    }
  }
}
