package dev.fsyncguard.audit;

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
