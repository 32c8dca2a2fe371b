package dev.fsyncguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.TypeConversionException;

/**
 * The audit's report formats, by the name {@code --format} takes and the file {@code --report-dir}
 * writes.
 */
enum ReportFormat {
  TABLE("audit.txt", Reports::table),
  JSON("audit.json", Reports::json),
  SARIF("audit.sarif", Reports::sarif);

  private final String fileName;
  private final Function<List<RenameSite>, String> writer;

  ReportFormat(String fileName, Function<List<RenameSite>, String> writer) {
    this.fileName = fileName;
    this.writer = writer;
  }

  /** The format's name on the command line: {@code table}, {@code json} or {@code sarif}. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file {@code --report-dir} writes the format to. */
  String fileName() {
    return fileName;
  }

  String write(List<RenameSite> sites) {
    return writer.apply(sites);
  }

  /** Writes every format's report into {@code directory}, created if missing. */
  static void writeAll(Path directory, List<RenameSite> sites) throws IOException {
    Files.createDirectories(directory);
    for (ReportFormat format : values()) {
      Files.writeString(
          directory.resolve(format.fileName()), format.write(sites), StandardCharsets.UTF_8);
    }
  }

  /**
   * Removes every format's report from {@code directory}, so that none is left from an earlier run.
   */
  static void deleteAll(Path directory) throws IOException {
    for (ReportFormat format : values()) {
      Files.deleteIfExists(directory.resolve(format.fileName()));
    }
  }

  /** The format named on the command line; exact names only, as the help lists them. */
  static ReportFormat of(String value) {
    for (ReportFormat format : values()) {
      if (format.optionValue().equals(value)) {
        return format;
      }
    }
    throw new TypeConversionException("expected table, json or sarif, not " + value);
  }
}
