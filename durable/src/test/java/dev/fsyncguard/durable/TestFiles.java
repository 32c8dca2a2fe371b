package dev.fsyncguard.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small helpers shared by the tests: directory listings and recognising temporary files. */
final class TestFiles {
  private TestFiles() {}

  /** The sorted names in {@code directory}, read through the default file system. */
  static List<String> entries(Path directory) {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing
          .map(path -> path.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code path} names one of the utility's temporary files ({@code .name.<random>.tmp}).
   */
  static boolean isTemp(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
