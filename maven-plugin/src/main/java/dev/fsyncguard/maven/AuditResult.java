package dev.fsyncguard.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What the forked audit found, read from the result file it wrote. */
final class AuditResult {
  /** The findings of one module, or of the whole build. */
  record Part(
      String name,
      boolean compiled,
      String error,
      String summary,
      List<String> missingForce,
      List<String> failing) {
    List<String> failingFor(FailOn failOn) {
      return switch (failOn) {
        case MISSING_FORCE -> missingForce;
        case ANY -> failing;
        case NONE -> List.of();
      };
    }
  }

  final List<Part> modules;
  final Part aggregate;

  private AuditResult(List<Part> modules, Part aggregate) {
    this.modules = modules;
    this.aggregate = aggregate;
  }

  static AuditResult read(Path file) throws IOException {
    Properties result = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      result.load(in);
    }
    List<Part> modules = new ArrayList<>();
    for (int n = 0; result.containsKey("module." + n + ".name"); n++) {
      modules.add(part(result, "module." + n));
    }
    return new AuditResult(modules, part(result, "aggregate"));
  }

  private static Part part(Properties result, String key) {
    return new Part(
        result.getProperty(key + ".name", "the build"),
        !"false".equals(result.getProperty(key + ".compiled")),
        result.getProperty(key + ".error", ""),
        result.getProperty(key + ".summary", ""),
        lines(result, key + ".missingForce"),
        lines(result, key + ".failing"));
  }

  private static List<String> lines(Properties result, String key) {
    int count = Integer.parseInt(result.getProperty(key, "0"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(result.getProperty(key + "." + i));
    }
    return lines;
  }
}
