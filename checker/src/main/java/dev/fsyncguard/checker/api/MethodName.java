package dev.fsyncguard.checker.api;

import java.util.regex.Pattern;

/** A method named on the command line as {@code fully.qualified.Class#method}. */
public record MethodName(String className, String methodName) {
  private static final Pattern FORM =
      Pattern.compile(
          "(\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}]*\\.)*"
              + "\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}]*#"
              + "\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}]*");

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming the flag and the entry when it is malformed
   */
  public static MethodName parse(String flag, String entry) {
    String trimmed = entry.trim();
    if (!FORM.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "-XepOpt:" + flag + ": '" + entry + "' is not of the form fully.qualified.Class#method");
    }
    int hash = trimmed.indexOf('#');
    return new MethodName(trimmed.substring(0, hash), trimmed.substring(hash + 1));
  }

  @Override
  public String toString() {
    return className + "#" + methodName;
  }
}
