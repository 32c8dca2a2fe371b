package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patch mode the way users run it, on whole classes: the three saves the project grew from, and
 * every source of the samples, each patched with all 63 sets of the six checks ({@link
 * PatchModes}); one run with all six leaves nothing to report.
 */
final class PatchModeTest {
  /**
   * The report's save in Java, and the two other shapes it asks to audit, as the sample has them.
   */
  private static final Path SAVES =
      Path.of(
          "..",
          "samples",
          "three-saves",
          "src",
          "main",
          "java",
          "dev",
          "fsyncguard",
          "samples",
          "saves",
          "Saves.java");

  private static final String SAVES_NAME = "dev.fsyncguard.samples.saves.Saves";

  /**
   * With the utility: two saves become one call each, and StandardCopyOption goes, as both its uses
   * go (the second site is reported by every check that reports the first).
   */
  private static final String SAVES_WITH_UTILITY =
      """
      package dev.fsyncguard.samples.saves;

      import dev.fsyncguard.durable.DurableFiles;
      import java.io.BufferedWriter;
      import java.io.File;
      import java.io.FileOutputStream;
      import java.io.IOException;
      import java.io.OutputStreamWriter;
      import java.io.Writer;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.Map;

      /**
       * Three saves as applications write them, each replacing a file through a temp file and a rename,
       * none of them crash-safe: the report's note save, a settings file written through a buffered
       * writer and {@code File.renameTo}, and a cache entry whose temp file is made in java.io.tmpdir.
       */
      public final class Saves {
        /** Replaces the note at {@code path} with {@code markdown}. */
        public void saveNarrative(Path path, String markdown) throws IOException {
          Files.createDirectories(path.getParent());
          DurableFiles.write(path, markdown, StandardCharsets.UTF_8);
        }

        /** Replaces the settings file {@code target}, one {@code key=value} line per setting. */
        public void saveSettings(File target, Map<String, String> settings) throws IOException {
          File tmp = new File(target.getPath() + ".tmp");
          Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(tmp), StandardCharsets.UTF_8));
          try {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
              out.write(setting.getKey() + "=" + setting.getValue() + "\\n");
            }
          } finally {
            out.close();
          }
          DurableFiles.force(tmp.toPath());
          if (!tmp.renameTo(target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
          }
          DurableFiles.forceDirectory(target.toPath().toAbsolutePath().getParent());
        }

        /** Replaces the cache entry {@code target} with {@code data}. */
        public void saveCache(Path target, byte[] data) throws IOException {
          DurableFiles.write(target, data);
        }
      }
      """;

  private static final String SAVES_JDK_ONLY =
      """
      package dev.fsyncguard.samples.saves;

      import java.io.BufferedWriter;
      import java.io.File;
      import java.io.FileOutputStream;
      import java.io.IOException;
      import java.io.OutputStreamWriter;
      import java.io.Writer;
      import java.nio.channels.FileChannel;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.nio.file.StandardCopyOption;
      import java.nio.file.StandardOpenOption;
      import java.util.Locale;
      import java.util.Map;

      /**
       * Three saves as applications write them, each replacing a file through a temp file and a rename,
       * none of them crash-safe: the report's note save, a settings file written through a buffered
       * writer and {@code File.renameTo}, and a cache entry whose temp file is made in java.io.tmpdir.
       */
      public final class Saves {
        /** Replaces the note at {@code path} with {@code markdown}. */
        public void saveNarrative(Path path, String markdown) throws IOException {
          Files.createDirectories(path.getParent());
          Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
          Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
          try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          forceDirectory(path.toAbsolutePath().getParent());
        }

        /** Replaces the settings file {@code target}, one {@code key=value} line per setting. */
        public void saveSettings(File target, Map<String, String> settings) throws IOException {
          File tmp = new File(target.getPath() + ".tmp");
          Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(tmp), StandardCharsets.UTF_8));
          try {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
              out.write(setting.getKey() + "=" + setting.getValue() + "\\n");
            }
          } finally {
            out.close();
          }
          try (FileChannel channel = FileChannel.open(tmp.toPath(), StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          if (!tmp.renameTo(target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
          }
          forceDirectory(target.toPath().toAbsolutePath().getParent());
        }

        /** Replaces the cache entry {@code target} with {@code data}. */
        public void saveCache(Path target, byte[] data) throws IOException {
          Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "cache", ".tmp");
          Files.write(tmp, data);
          try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          forceDirectory(target.toAbsolutePath().getParent());
        }

        /** Windows cannot open a directory to force it; NTFS journals the rename itself. */
        private static final boolean DIRECTORIES_CAN_BE_FORCED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

        /** Forces {@code directory}'s entries, so that a file renamed into it stays renamed after a crash. */
        private static void forceDirectory(Path directory) throws IOException {
          if (DIRECTORIES_CAN_BE_FORCED) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
              channel.force(true);
            }
          }
        }
      }
      """;

  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void theThreeSavesAreRepairedInOneRun(boolean durable) throws IOException {
    ImmutableList<String> args = FixAssertions.args(durable);
    String saves = Files.readString(SAVES);
    PatchRun before = PatchRun.of(SAVES_NAME, saves, args, PatchRun.ALL_CHECKS);
    assertThat(before.findings().stream().map(PatchRun.Finding::check).distinct().sorted().toList())
        .containsExactly(
            "NonAtomicReplace", "RenameWithoutFsync", "TempFileOutsideTargetDirectory");

    String patched = PatchModes.assertEverySubset(SAVES_NAME, saves, args);

    assertThat(patched).isEqualTo(durable ? SAVES_WITH_UTILITY : SAVES_JDK_ONLY);
    assertThat(PatchRun.of(SAVES_NAME, patched, args, PatchRun.ALL_CHECKS).findings()).isEmpty();
  }

  /**
   * One site's repair deletes the last use of {@code StandardCopyOption} while another site's
   * repair writes one ({@code ATOMIC_MOVE}, the import being there already): the import stays.
   */
  private static final String CONFIG =
      """
      package notes;

      import java.io.BufferedWriter;
      import java.io.IOException;
      import java.io.UncheckedIOException;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.nio.file.StandardCopyOption;
      import java.util.List;

      public class Config {
        public void saveConfig(Path dir, List<String> lines) throws IOException {
          Path target = dir.resolve("config.properties");
          Path tmp = dir.resolve("config.properties.tmp");
          try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String line : lines) {
              out.write(line);
              out.newLine();
            }
          }
          if (Files.exists(target)) {
            Files.delete(target);
          }
          Files.move(tmp, target);
        }

        public void saveRecent(Path dir, List<String> recent) {
          Path target = dir.resolve("recent.txt");
          Path tmp = target.resolveSibling("recent.txt.tmp");
          try {
            Files.write(tmp, recent, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      """;

  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void anImportAnotherRepairWritesStays(boolean durable) {
    ImmutableList<String> args = FixAssertions.args(durable);
    String patched = PatchModes.assertEverySubset("notes.Config", CONFIG, args);
    assertThat(patched).contains("import java.nio.file.StandardCopyOption;");
    assertThat(patched).contains("Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);");
    assertThat(PatchRun.of("notes.Config", patched, args, PatchRun.ALL_CHECKS).findings())
        .isEmpty();
  }

  /**
   * Two renames into one directory on different paths: the analysis keeps the latest, so a
   * directory force after that one alone would leave the other path for the directory check to
   * report after the repair. A Windows-style retry after a failed {@code renameTo}, and a rename
   * followed by {@code return} before another (whose repair is the utility's one call, with it on
   * the class path).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "RetryAfterFailedRenameTo",
        "EarlyReturnAfterAForcedRename",
        "EarlyReturnThenDurableRename"
      })
  void everyRenameIntoTheDirectoryGetsItsForce(String name) {
    String source =
        name.equals("EarlyReturnThenDurableRename")
            ? """
            package notes;

            import java.io.IOException;
            import java.nio.channels.FileChannel;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardCopyOption;
            import java.nio.file.StandardOpenOption;

            public class EarlyReturnThenDurableRename {
              public void save(Path tmp, Path target, byte[] data) throws IOException {
                Files.write(tmp, data);
                if (data.length > 4096) {
                  try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                  }
                  Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                  return;
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
              }
            }
            """
            : name.equals("RetryAfterFailedRenameTo")
                ? """
                package notes;

                import java.io.File;
                import java.io.FileOutputStream;
                import java.io.IOException;

                public class RetryAfterFailedRenameTo {
                  public void save(File target, byte[] data) throws IOException {
                    File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
                    try (FileOutputStream out = new FileOutputStream(tmp)) {
                      out.write(data);
                      out.getFD().sync();
                    }
                    if (!tmp.renameTo(target)) {
                      target.delete();
                      if (!tmp.renameTo(target)) {
                        throw new IOException("rename failed");
                      }
                    }
                  }
                }
                """
                : """
                package notes;

                import java.io.IOException;
                import java.nio.channels.FileChannel;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class EarlyReturnAfterAForcedRename {
                  public void save(Path tmp, Path target, byte[] data) throws IOException {
                    Files.write(tmp, data);
                    if (data.length > 4096) {
                      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                      }
                      Files.move(tmp, target);
                      return;
                    }
                    Files.move(tmp, target);
                  }
                }
                """;
    for (boolean durable : new boolean[] {true, false}) {
      String patched =
          PatchModes.assertEverySubset("notes." + name, source, FixAssertions.args(durable));
      assertWithMessage(patched).that(patched).isNotEqualTo(source);
    }
  }

  /** The repaired saves stay quiet when durability switches are reported too. */
  @ParameterizedTest(name = "durable utility on the class path: {0}")
  @ValueSource(booleans = {true, false})
  void theRepairedSavesAreQuietInStrictMode(boolean durable) {
    ImmutableList<String> args =
        ImmutableList.<String>builder()
            .addAll(FixAssertions.args(durable))
            .add(TestSources.STRICT)
            .build();
    String repaired = durable ? SAVES_WITH_UTILITY : SAVES_JDK_ONLY;
    assertThat(PatchRun.of(SAVES_NAME, repaired, args, PatchRun.ALL_CHECKS).findings()).isEmpty();
  }

  /** The robustness corpus's odd shapes (lambdas, records, switches, try forms, nested classes). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "ClassShapes",
        "Lambdas",
        "NoRenames",
        "Records",
        "SpreadShapes",
        "Switches",
        "TryShapes",
        "Writers"
      })
  void everyCorpusShape(String name) throws IOException {
    String source = Files.readString(Path.of("src", "test", "resources", "corpus", name + ".java"));
    for (boolean durable : new boolean[] {true, false}) {
      PatchModes.assertEverySubset("corpus." + name, source, FixAssertions.args(durable));
    }
  }

  /**
   * Every source of the samples, with the samples' sources on the source path (a module uses its
   * sibling).
   */
  @Test
  void everySampleSource() throws IOException {
    Path samples = Path.of("..", "samples");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(samples)) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main/java"))
              .filter(f -> !f.toString().contains("/target/"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertWithMessage("sample sources under %s", samples.toAbsolutePath())
        .that(sources)
        .isNotEmpty();
    String sourcePath =
        sources.stream()
            .map(PatchModeTest::sourceRoot)
            .distinct()
            .collect(Collectors.joining(java.io.File.pathSeparator));
    ImmutableList<String> args =
        ImmutableList.<String>builder()
            .addAll(FixAssertions.args(true))
            .add("-sourcepath", sourcePath)
            .build();
    for (Path source : sources) {
      String path = source.toString().replace('\\', '/');
      String root = sourceRoot(source);
      String name =
          path.substring(root.length() + 1, path.length() - ".java".length()).replace('/', '.');
      PatchModes.assertEverySubset(name, Files.readString(source), args);
    }
  }

  private static String sourceRoot(Path source) {
    String path = source.toString().replace('\\', '/');
    return path.substring(0, path.indexOf("src/main/java") + "src/main/java".length());
  }
}
