package dev.fsyncguard.checker.baseline;

import java.util.Comparator;
import java.util.List;

/**
 * One finding a baseline accepts: which check reported what code where. The key leaves out line
 * numbers, so an edit elsewhere in the file does not invalidate it.
 *
 * @param check the check's name, as {@code -Xep:} spells it
 * @param file the source file, relative to the baseline's directory, with {@code /} separators
 * @param type the binary name of the class that declares the code (the nearest class that is not
 *     anonymous or local)
 * @param member the member of that class holding the code: {@code name(ParamType,...)} for a method
 *     or constructor ({@code <init>}), the field's name for its initializer, {@code {}} or {@code
 *     static{}} for an initializer block
 * @param code the reported code's source text without any whitespace
 * @param occurrence which of the equal pieces of code in the member this is, counted from 1 in
 *     source order
 */
public record BaselineEntry(
    String check, String file, String type, String member, String code, int occurrence) {
  static final int FIELDS = 6;

  /** The order a baseline is written in: by place, so that a diff reads file by file. */
  static final Comparator<BaselineEntry> ORDER =
      Comparator.comparing(BaselineEntry::file)
          .thenComparing(BaselineEntry::type)
          .thenComparing(BaselineEntry::member)
          .thenComparing(BaselineEntry::check)
          .thenComparing(BaselineEntry::code)
          .thenComparingInt(BaselineEntry::occurrence);

  /** Validates the fields: none may be empty or hold a tab or a line break. */
  public BaselineEntry {
    for (String field : List.of(check, file, type, member, code)) {
      if (field.isEmpty()
          || field.indexOf('\t') >= 0
          || field.indexOf('\n') >= 0
          || field.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "a baseline field is empty or holds a tab or line break");
      }
    }
    if (occurrence < 1) {
      throw new IllegalArgumentException("occurrence must be at least 1: " + occurrence);
    }
  }

  /** The entry as a line of the baseline file: the fields joined by tabs. */
  String toLine() {
    return String.join("\t", check, file, type, member, code, Integer.toString(occurrence));
  }

  /** Where the entry points, as a person reads it in a build log. */
  public String describe() {
    String occurrenceText = occurrence == 1 ? "" : " (occurrence " + occurrence + ")";
    return check + " in " + file + ", " + type + "." + member + ": " + code + occurrenceText;
  }
}
