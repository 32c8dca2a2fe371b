package dev.fsyncguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Maven the user has, for what only Maven knows: class paths, published artifacts. */
final class Maven {
  /** Maven could not do what it was asked. */
  static final class ResolutionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    ResolutionFailedException(String message) {
      super(message);
    }
  }

  /** What a run printed, and how it ended. */
  record Result(int exitCode, List<String> lines) {
    /** Maven's first error lines, which say what went wrong. */
    List<String> errors() {
      List<String> errors = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("[ERROR]") && errors.size() < 15) {
          errors.add(line);
        }
      }
      return errors;
    }
  }

  private Maven() {}

  /** Runs {@code mvn -B -ntp <arguments>} in {@code directory}; its output is kept, not shown. */
  static Result run(Path directory, List<String> arguments)
      throws IOException, InterruptedException, ResolutionFailedException {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of("-B", "-ntp"));
    command.addAll(arguments);
    Path log = Files.createTempFile("fsync-guard-audit-maven", ".log");
    try {
      Process maven =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!maven.waitFor(30, TimeUnit.MINUTES)) {
        maven.destroyForcibly();
        throw new ResolutionFailedException("Maven did not finish in 30 minutes");
      }
      return new Result(maven.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String executable() {
    String home = System.getProperty("maven.home");
    if (home == null || home.isEmpty()) {
      home = System.getenv("MAVEN_HOME");
    }
    String name = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    if (home != null && !home.isEmpty() && Files.isRegularFile(Paths.get(home, "bin", name))) {
      return Paths.get(home, "bin", name).toString();
    }
    return name;
  }
}
