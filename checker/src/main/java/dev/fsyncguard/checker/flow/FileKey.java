package dev.fsyncguard.checker.flow;

/**
 * The identity of one file within a method: a variable or field that names it, the expression that
 * first produced its name, or a string literal. Everything derived from the same key (a {@code
 * Path} and its {@code toFile()}, the streams and channels opened on it) is the same file.
 */
public record FileKey(Object id) {
  static FileKey literal(String name) {
    return new FileKey("\0" + name);
  }
}
