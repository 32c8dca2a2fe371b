package dev.fsyncguard.checker.baseline;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.fsyncguard.checker.AllChecks;
import dev.fsyncguard.checker.NonAtomicReplace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline written by one compile and read by the next: what it accepts, what it no longer
 * matches, and what it does with bad input.
 */
class BaselineTest {
  private static final List<Class<? extends BugChecker>> CHECKS = AllChecks.CLASSES;

  private static final String SAVE =
      """
      package com.example;

      import java.io.IOException;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.nio.file.StandardCopyOption;

      public class Store {
        public void save(Path target, String text) throws IOException {
          Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
          Files.writeString(tmp, text);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      """;

  @TempDir Path temp;
  private Path project;
  private Path baseline;

  @BeforeEach
  void setUp() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    baseline = project.resolve("fsync-guard-baseline.txt");
  }

  @Test
  void updateWritesEveryFindingAndTheNextBuildReportsNone() throws IOException {
    write("Store", SAVE);
    assertThat(checks(List.of()).findings()).isNotEmpty();

    BaselineRun update = update();
    assertThat(update.findings()).isEmpty();
    assertThat(update.messages()).hasSize(1);
    assertThat(update.messages().get(0))
        .contains(
            "NOTE: fsync-guard: wrote the baseline " + baseline + ": 1 entry (1 added, 0 removed)");
    assertThat(entries())
        .containsExactly(
            "RenameWithoutFsync\tsrc/com/example/Store.java\tcom.example.Store"
                + "\tsave(Path,String)\tFiles.move(tmp,target,StandardCopyOption.ATOMIC_MOVE)\t1");

    BaselineRun build = build();
    assertThat(build.findings()).isEmpty();
    assertThat(build.messages()).isEmpty();
  }

  @Test
  void aSiteMovedDownOrReformattedStaysAccepted() throws IOException {
    write("Store", SAVE);
    update();
    write(
        "Store",
        SAVE.replace("public class Store {", "public class Store {\n" + "\n".repeat(20))
            .replace(
                "Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
                "Files.move(\n        tmp,\n        target,  StandardCopyOption.ATOMIC_MOVE);"));
    BaselineRun build = build();
    assertThat(build.findings()).isEmpty();
    assertThat(build.messages()).isEmpty();
  }

  @Test
  void aNewSiteIsReportedAndOnlyIt() throws IOException {
    write("Store", SAVE);
    update();
    write(
        "Store",
        SAVE.replace(
            "  }\n}",
            """
              }

              public void saveAgain(Path target, String text) throws IOException {
                Path tmp = target.resolveSibling(target.getFileName() + ".new");
                Files.writeString(tmp, text);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
              }
            }\
            """));
    BaselineRun build = build();
    assertThat(
            build.findings().stream()
                .map(BaselineRun.Finding::toString)
                .collect(Collectors.toList()))
        .containsExactly("RenameWithoutFsync Store.java:18");
    assertThat(build.messages()).isEmpty();
  }

  @Test
  void aSecondEqualCallInTheSameMethodIsNew() throws IOException {
    write("Store", SAVE);
    update();
    write(
        "Store",
        SAVE.replace(
            "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n",
            """
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(tmp, text);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            """));
    BaselineRun build = build();
    assertThat(
            build.findings().stream()
                .map(BaselineRun.Finding::line)
                .distinct()
                .collect(Collectors.toList()))
        .containsExactly(14L);
  }

  @Test
  void aFixedSiteMakesItsEntriesStaleAndTheUpdateRemovesThem() throws IOException {
    write("Store", SAVE);
    update();
    write(
        "Store",
        SAVE.replace(
                "Files.writeString(tmp, text);",
                "Files.writeString(tmp, text);\n"
                    + "    try (java.nio.channels.FileChannel c ="
                    + " java.nio.channels.FileChannel.open(tmp,"
                    + " java.nio.file.StandardOpenOption.WRITE)) {\n"
                    + "      c.force(true);\n"
                    + "    }")
            .replace(
                "Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
                "Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);\n"
                    + "    try (java.nio.channels.FileChannel d ="
                    + " java.nio.channels.FileChannel.open(target.getParent(),"
                    + " java.nio.file.StandardOpenOption.READ)) {\n"
                    + "      d.force(true);\n"
                    + "    }"));
    BaselineRun build = build();
    assertThat(build.findings()).isEmpty();
    assertThat(build.messages()).hasSize(1);
    assertThat(build.messages().get(0))
        .startsWith(
            "WARNING: fsync-guard: 1 entry of the baseline "
                + baseline
                + " no longer matches a finding (fixed, or the code changed):"
                + " `mvn fsync-guard:baseline` removes it\n");
    assertThat(build.messages().get(0))
        .contains(
            "RenameWithoutFsync in src/com/example/Store.java, com.example.Store.save(Path,String):"
                + " Files.move(tmp,target,StandardCopyOption.ATOMIC_MOVE)");

    assertThat(update().messages().get(0)).contains(": 0 entries (0 added, 1 removed)");
    assertThat(entries()).isEmpty();
    assertThat(build().messages()).isEmpty();
  }

  @Test
  void anUpdateKeepsTheEntriesOfFilesItDidNotCompileAndDropsThoseOfDeletedFiles()
      throws IOException {
    write("Store", SAVE);
    write("Other", SAVE.replace("class Store", "class Other"));
    update();
    assertThat(entries()).hasSize(2);
    // Another module's file: not compiled here, still there.
    Path elsewhere = temp.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.move(project.resolve("src/com/example/Other.java"), elsewhere.resolve("Other.java"));
    Files.writeString(project.resolve("src/com/example/Other.java"), "");
    BaselineRun kept = update();
    assertThat(kept.messages().get(0)).contains(": 2 entries (0 added, 0 removed)");

    Files.delete(project.resolve("src/com/example/Other.java"));
    BaselineRun dropped = update();
    assertThat(dropped.messages().get(0)).contains(": 1 entry (0 added, 1 removed)");
  }

  @Test
  void anUpdateWithACheckTurnedOffKeepsThatChecksEntries() throws IOException {
    write("Store", SAVE);
    update();
    BaselineRun partial =
        BaselineRun.compile(project, List.of(NonAtomicReplace.class), flags(true));
    assertThat(partial.messages().get(0)).contains(": 1 entry (0 added, 0 removed)");
  }

  @Test
  void aMalformedLineIsAnErrorNamingItAndEveryFindingIsReported() throws IOException {
    write("Store", SAVE);
    Files.writeString(baseline, "# comment\nRenameWithoutFsync\tsrc/Store.java\tStore\n", UTF_8);
    BaselineRun build = build();
    assertThat(build.messages())
        .containsExactly(
            "ERROR: fsync-guard: "
                + baseline
                + ":2: expected 6 fields separated by tabs (check, file, class, member, code,"
                + " occurrence), found 3; write it with `mvn fsync-guard:baseline` or"
                + " `fsync-guard-audit --write-baseline`, or drop"
                + " -XepOpt:RenameWithoutFsync:Baseline");
    assertThat(build.findings()).hasSize(1);

    String before = Files.readString(baseline);
    BaselineRun update = update();
    assertThat(update.messages()).hasSize(1);
    assertThat(update.messages().get(0)).startsWith("ERROR: fsync-guard: " + baseline + ":2:");
    assertThat(update.messages().get(0))
        .endsWith("it is left as it is: fix or delete it, then update it again");
    assertThat(Files.readString(baseline)).isEqualTo(before);
  }

  @Test
  void aMissingFileIsAnError() throws IOException {
    write("Store", SAVE);
    BaselineRun build = build();
    assertThat(build.messages()).hasSize(1);
    assertThat(build.messages().get(0))
        .startsWith("ERROR: fsync-guard: the baseline file " + baseline + " does not exist");
    assertThat(build.findings()).hasSize(1);
  }

  @Test
  void anEntryForACheckThatDoesNotExistIsReportedAndTheOthersStillApply() throws IOException {
    write("Store", SAVE);
    update();
    Files.writeString(
        baseline,
        Files.readString(baseline)
            + "RenameWithoutFync\tsrc/com/example/Store.java\tcom.example.Store"
            + "\tsave(Path,String)\tFiles.move(tmp,target)\t1\n");
    BaselineRun build = build();
    assertThat(build.findings()).isEmpty();
    assertThat(build.messages())
        .containsExactly(
            "WARNING: "
                + "fsync-guard: "
                + baseline
                + ":5: no check is named RenameWithoutFync; the entry is ignored");
  }

  @Test
  void findingsInLambdasAndAnonymousClassesAreKeyedByTheNamedClassesMember() throws IOException {
    write(
        "Store",
        """
        package com.example;

        import java.io.IOException;
        import java.io.UncheckedIOException;
        import java.nio.file.Files;
        import java.nio.file.Path;

        public class Store {
          public Runnable saver(Path target, String text) {
            return new Runnable() {
              @Override
              public void run() {
                Runnable inner = () -> {
                  try {
                    Path tmp = target.resolveSibling("x.tmp");
                    Files.writeString(tmp, text);
                    Files.move(tmp, target);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                };
                inner.run();
              }
            };
          }
        }
        """);
    update();
    assertThat(
            entries().stream()
                .map(e -> e.split("\t")[2] + " " + e.split("\t")[3])
                .distinct()
                .collect(Collectors.toList()))
        .containsExactly("com.example.Store saver(Path,String)");
    assertThat(build().findings()).isEmpty();
  }

  @Test
  void theFsyncsAnnotationAndAnIgnoredForceFailureAreBaselinedToo() throws IOException {
    Path annotations = project.resolve("src/dev/fsyncguard/annotations/Fsyncs.java");
    Files.createDirectories(annotations.getParent());
    Files.writeString(
        annotations,
        "package dev.fsyncguard.annotations;\n"
            + "@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)\n"
            + "public @interface Fsyncs {}\n");
    write(
        "Store",
        """
        package com.example;

        import dev.fsyncguard.annotations.Fsyncs;
        import java.io.IOException;
        import java.nio.channels.FileChannel;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.nio.file.StandardCopyOption;
        import java.nio.file.StandardOpenOption;

        public class Store {
          static void promise(@Fsyncs Path file) {}

          public void save(Path target, String text) throws IOException {
            Path tmp = target.resolveSibling("x.tmp");
            Files.writeString(tmp, text);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
              try {
                c.force(true);
              } catch (IOException e) {
                System.err.println("fsync failed: " + e);
              }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          }
        }
        """);
    List<String> checks =
        checks(List.of()).findings().stream()
            .map(BaselineRun.Finding::check)
            .collect(Collectors.toList());
    assertThat(checks).containsAtLeast("FsyncsWithoutForce", "FsyncFailureIgnored");
    update();
    assertThat(entries().stream().map(e -> e.split("\t")[0]).collect(Collectors.toList()))
        .containsAtLeast("FsyncsWithoutForce", "FsyncFailureIgnored");
    assertThat(build().findings()).isEmpty();
  }

  @Test
  void updateWithoutAFileIsRejected() throws IOException {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                BaselineOptions.from(
                    com.google.errorprone.ErrorProneFlags.builder()
                        .putFlag("RenameWithoutFsync:BaselineUpdate", "true")
                        .build()));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "-XepOpt:RenameWithoutFsync:BaselineUpdate=true needs"
                + " -XepOpt:RenameWithoutFsync:Baseline=<file> to update");
  }

  private void write(String name, String source) throws IOException {
    Path file = project.resolve("src/com/example/" + name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, UTF_8);
  }

  private List<String> flags(boolean update) {
    return List.of(
        "-XepOpt:RenameWithoutFsync:Baseline=" + baseline,
        "-XepOpt:RenameWithoutFsync:BaselineUpdate=" + update);
  }

  private BaselineRun checks(List<String> flags) throws IOException {
    return BaselineRun.compile(project, CHECKS, flags);
  }

  private BaselineRun update() throws IOException {
    return checks(flags(true));
  }

  private BaselineRun build() throws IOException {
    return checks(flags(false));
  }

  private ImmutableList<String> entries() throws IOException {
    return Files.readAllLines(baseline, UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .collect(ImmutableList.toImmutableList());
  }
}
