package dev.fsyncguard.durable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The program {@link StraceSyscallOrderTest} runs under strace: it performs {@code count} durable
 * operations of one {@code mode} in {@code directory} and nothing else that touches that directory.
 *
 * <p>Usage: {@code StraceWriteProgram write|stream|batch|rename <directory> <count>}
 */
public final class StraceWriteProgram {
  static final int PAYLOAD_BYTES = 4096;

  private StraceWriteProgram() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: write|stream|batch|rename <directory> <count>");
    }
    String mode = args[0];
    Path directory = Paths.get(args[1]);
    int count = Integer.parseInt(args[2]);
    byte[] payload = new byte[PAYLOAD_BYTES];
    Arrays.fill(payload, (byte) 'x');
    switch (mode) {
      case "write":
        for (int i = 0; i < count; i++) {
          DurableFiles.write(directory.resolve("target"), payload);
        }
        break;
      case "stream":
        for (int i = 0; i < count; i++) {
          try (DurableOutput output = DurableFiles.newOutput(directory.resolve("target"))) {
            output.stream().write(payload);
            output.commit();
          }
        }
        break;
      case "batch":
        Map<Path, byte[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          batch.put(directory.resolve("file" + i), payload);
        }
        DurableFiles.writeAll(batch);
        break;
      case "rename":
        for (int i = 0; i < count; i++) {
          Path source = directory.resolve("source");
          Files.write(source, payload);
          DurableFiles.rename(source, directory.resolve("target"));
        }
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    System.out.println(
        "done " + mode + " " + count + " " + new String(payload, 0, 1, StandardCharsets.US_ASCII));
  }
}
