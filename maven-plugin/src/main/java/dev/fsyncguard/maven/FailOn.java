package dev.fsyncguard.maven;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;

/** Which of the audit's findings fail the build. */
enum FailOn {
  /** A site whose data is not forced before the rename (RenameWithoutFsync reports it). */
  MISSING_FORCE("missing-force"),
  /** A site any of the checks reports, as the audit's exit status counts them. */
  ANY("any"),
  /** Nothing: the reports are written, the build goes on. */
  NONE("none");

  final String value;

  FailOn(String value) {
    this.value = value;
  }

  static FailOn parse(String value) throws MojoExecutionException {
    for (FailOn failOn : values()) {
      if (failOn.value.equals(value)) {
        return failOn;
      }
    }
    List<String> known = Arrays.stream(values()).map(f -> f.value).collect(Collectors.toList());
    throw new MojoExecutionException(
        "fsync-guard: unknown failOn value '"
            + value
            + "' (parameter failOn, user property"
            + " fsyncguard.failOn): use one of "
            + String.join(", ", known));
  }
}
