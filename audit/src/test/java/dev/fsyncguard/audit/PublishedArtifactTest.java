package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library fetched by its coordinates from a local repository of the test's own: its sources, the
 * class path its build had (a provided dependency included), and a best-effort audit that names the
 * files it could not compile and the packages they miss.
 */
class PublishedArtifactTest {
  @TempDir Path dir;

  private static final Map<String, String> SOURCES =
      Map.of(
          "demo/Store.java",
          String.join(
              "\n",
              "package demo;",
              "import java.nio.file.*;",
              "public class Store {",
              "  void save(@javax.annotation.Nullable Path tmp, Path target, String s) throws"
                  + " java.io.IOException {",
              "    Files.writeString(tmp, s);",
              "    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);",
              "  }",
              "}",
              ""),
          "demo/Broken.java",
          "package demo;\nimport com.missing.Thing;\npublic class Broken {\n  Thing thing;\n}\n",
          "demo/UsesBroken.java",
          "package demo;\npublic class UsesBroken {\n  Broken broken = new Broken();\n}\n");

  @Test
  void fetchesSourcesAndTheBuildsOwnClassPathAndAuditsWhatCompiles() throws Exception {
    Path repository = publish();
    Path work = Files.createDirectories(dir.resolve("work"));

    PublishedArtifact library =
        PublishedArtifact.fetch(
            "demo:store:1.0", work, List.of("-Dmaven.repo.local=" + repository));

    assertEquals(null, library.fallback);
    assertTrue(Files.isRegularFile(library.sources.resolve("demo/Store.java")));
    // A provided dependency: a user of the library does not get it, its own build did.
    assertTrue(
        library.classPath.stream().anyMatch(entry -> entry.endsWith("jsr305-3.0.2.jar")),
        library.classPath.toString());

    AuditCompiler.Partial partial =
        new AuditCompiler(new PrintStream(OutputStream.nullOutputStream()), false)
            .auditBestEffort(List.of(library.sources), library.classPath, List.of());
    assertEquals(1, partial.sites().size());
    assertTrue(partial.sites().get(0).fails());
    assertEquals(
        List.of(
            library.sources.resolve("demo/Broken.java"),
            library.sources.resolve("demo/UsesBroken.java")),
        partial.leftOut());
    assertEquals(List.of("com.missing"), partial.missingPackages());
  }

  @Test
  void anArtifactWithoutSourcesIsNamed() throws Exception {
    Path repository = publish();
    Path work = Files.createDirectories(dir.resolve("work"));
    Maven.ResolutionFailedException e =
        assertThrows(
            Maven.ResolutionFailedException.class,
            () ->
                PublishedArtifact.fetch(
                    "demo:store:2.0", work, List.of("-o", "-Dmaven.repo.local=" + repository)));
    assertTrue(
        e.getMessage()
            .startsWith("demo:store:2.0 has no sources jar in the repositories Maven uses"),
        e.getMessage());
  }

  @Test
  void coordinatesAreCheckedBeforeMavenRuns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PublishedArtifact.fetch("demo:store", dir, List.of()));
    assertEquals("--artifact needs groupId:artifactId:version, got 'demo:store'", e.getMessage());
  }

  /** {@code demo:store:1.0} in a local repository under the test's directory. */
  private Path publish() throws IOException {
    Path repository = dir.resolve("repository");
    Path version = Files.createDirectories(repository.resolve("demo/store/1.0"));
    Files.writeString(
        version.resolve("store-1.0.pom"),
        String.join(
            "\n",
            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
            "  <modelVersion>4.0.0</modelVersion>",
            "  <groupId>demo</groupId>",
            "  <artifactId>store</artifactId>",
            "  <version>1.0</version>",
            "  <dependencies>",
            "    <dependency>",
            "      <groupId>com.google.code.findbugs</groupId>",
            "      <artifactId>jsr305</artifactId>",
            "      <version>3.0.2</version>",
            "      <scope>provided</scope>",
            "    </dependency>",
            "  </dependencies>",
            "</project>",
            ""),
        StandardCharsets.UTF_8);
    try (ZipOutputStream jar =
        new ZipOutputStream(Files.newOutputStream(version.resolve("store-1.0-sources.jar")))) {
      for (Map.Entry<String, String> source : new java.util.TreeMap<>(SOURCES).entrySet()) {
        jar.putNextEntry(new ZipEntry(source.getKey()));
        jar.write(source.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    }
    return repository;
  }
}
