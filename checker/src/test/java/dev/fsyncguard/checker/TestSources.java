package dev.fsyncguard.checker;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks' tests share: the imports every case may use, a class template, and positions
 * asserted by a marker in the source instead of a line number. A line ending in {@code // @write}
 * is the line a {@code BUG: Diagnostic contains: ... line @write} expects: moving code does not
 * break the test, and the expected line is named for what is there.
 */
final class TestSources {
  /** The imports of a case written with {@link #classA}: unused ones cost nothing. */
  static final String PRELUDE =
      """
      import static java.nio.charset.StandardCharsets.UTF_8;
      import static java.nio.file.StandardCopyOption.*;
      import static java.nio.file.StandardOpenOption.*;

      import dev.fsyncguard.durable.DurableFiles;
      import java.io.*;
      import java.net.URL;
      import java.nio.ByteBuffer;
      import java.nio.MappedByteBuffer;
      import java.nio.channels.*;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.*;
      import java.util.*;
      import java.util.concurrent.Callable;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.atomic.AtomicLong;
      import java.util.function.Consumer;
      import java.util.logging.Logger;
      import java.util.stream.Stream;
      """;

  /** The flag that turns strict mode on: a durability switch no longer excuses a missing force. */
  static final String STRICT = "-XepOpt:RenameWithoutFsync:Strict=true";

  private static final Pattern MARKER = Pattern.compile("//\\s*@(\\w+)\\s*$");
  private static final Pattern REFERENCE = Pattern.compile("\\bline @(\\w+)");

  private TestSources() {}

  /**
   * The source of a class {@code A} with the prelude's imports, a logger {@code LOG}, and {@code
   * members}, markers resolved.
   */
  static String classA(String members) {
    return marked(
        PRELUDE
            + "class A {\n"
            + "  private static final Logger LOG = Logger.getLogger(\"a\");\n"
            + members.indent(2)
            + "}\n");
  }

  /**
   * A compilation unit: the prelude's imports, then {@code source} (any imports of its own, and its
   * classes), markers resolved.
   */
  static String source(String source) {
    return marked(PRELUDE + source);
  }

  /** {@code source} with each {@code line @name} turned into the line its marker is on. */
  static String marked(String source) {
    return String.join("\n", marked(source.split("\n", -1)));
  }

  /** {@code lines} with each {@code line @name} turned into the line its marker is on. */
  static String[] marked(String... lines) {
    Map<String, Integer> markers = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher marker = MARKER.matcher(lines[i]);
      if (marker.find() && markers.put(marker.group(1), i + 1) != null) {
        throw new IllegalArgumentException("marker @" + marker.group(1) + " is on two lines");
      }
    }
    String[] resolved = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      Matcher reference = REFERENCE.matcher(lines[i]);
      StringBuilder line = new StringBuilder();
      while (reference.find()) {
        Integer at = markers.get(reference.group(1));
        if (at == null) {
          throw new IllegalArgumentException("no line is marked @" + reference.group(1));
        }
        reference.appendReplacement(line, "line " + at);
      }
      resolved[i] = reference.appendTail(line).toString();
    }
    return resolved;
  }
}
