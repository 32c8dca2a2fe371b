package dev.fsyncguard.checker.testdata;

import dev.fsyncguard.annotations.Fsyncs;
import dev.fsyncguard.annotations.RenameSource;
import dev.fsyncguard.annotations.RenameTarget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Helpers compiled before the tests' sources, as a library in another module would be: the check
 * sees only their signatures and annotations, never their bodies.
 */
public final class PrecompiledIo {
  private PrecompiledIo() {}

  public static void sync(@Fsyncs Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  public static void replace(@RenameSource Path from, @RenameTarget Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void fill(Path file, String content) throws IOException {
    Files.writeString(file, content);
  }
}
