package dev.fsyncguard.checker.flow;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the intent of a method the analysis knows nothing else about from its name: {@code fsync},
 * {@code syncQuietly} or {@code forceToDisk} force what they are given; {@code closeQuietly}
 * closes it. Only used for callees that no rule, annotation or summary describes.
 */
final class ForceNames {
  private static final Set<String> FORCE_WORDS =
      Set.of("fsync", "fdatasync", "sync", "synced", "force", "forced", "durable", "durably");
  private static final Set<String> NOT_A_FORCE =
      Set.of("async", "delete", "mkdir", "mkdirs", "move", "rename", "copy", "read", "is", "has");

  private ForceNames() {}

  static boolean looksLikeForce(String methodName) {
    boolean force = false;
    for (String word : words(methodName)) {
      if (NOT_A_FORCE.contains(word)) {
        return false;
      }
      force |= FORCE_WORDS.contains(word);
    }
    return force;
  }

  static boolean looksLikeClose(String methodName) {
    return methodName.toLowerCase(Locale.ROOT).contains("close");
  }

  /** Splits camelCase and snake_case into lower-case words. */
  private static String[] words(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("_+");
  }
}
