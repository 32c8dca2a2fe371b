package dev.fsyncguard.checker.api;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.util.Name;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the intent of a method the analysis knows nothing else about from its name: {@code fsync},
 * {@code syncQuietly} or {@code forceToDisk} force what they are given; {@code closeQuietly} closes
 * it. Only used for callees that no rule, annotation or summary describes; answers are kept per
 * name.
 */
public final class ForceNames {
  /** What a method's name says it does to the files given to it. */
  public enum Intent {
    FORCE,
    CLOSE,
    NONE
  }

  private final Map<Name, Intent> intents = new HashMap<>();

  /** The intent of calling {@code method}; {@link Intent#NONE} when it is unknown. */
  public Intent of(Symbol method) {
    return method == null
        ? Intent.NONE
        : intents.computeIfAbsent(method.getSimpleName(), name -> intent(name.toString()));
  }

  private static Intent intent(String methodName) {
    if (looksLikeForce(methodName)) {
      return Intent.FORCE;
    }
    return methodName.toLowerCase(Locale.ROOT).contains("close") ? Intent.CLOSE : Intent.NONE;
  }

  private static boolean looksLikeForce(String methodName) {
    boolean force = false;
    for (String word : KnownNames.words(methodName)) {
      if (KnownNames.NOT_A_FORCE_WORDS.contains(word)) {
        return false;
      }
      force |= KnownNames.FORCE_WORDS.contains(word);
    }
    return force;
  }
}
