package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * One temp spread over several expressions, in unusual places: inline lambdas in initializers,
 * nested and recursive ones, anonymous classes with several methods, method references to this
 * class, getters that recurse, fields of generic and static types, and a record.
 */
public final class SpreadShapes {
  private static final List<String> NAMES = List.of("a", "b");
  private static final Path STATIC_TMP = Path.of("static.tmp");
  private static OutputStream staticOut;

  static {
    NAMES.forEach(n -> System.out.println(n));
  }

  private final Path dir;
  private final Map<String, byte[]> parts;
  private Optional<Path> maybeTmp = Optional.empty();
  private BufferedWriter writer;
  private PrintStream print;

  private final Consumer<String> stored =
      s -> {
        try {
          Files.writeString(tmp(), s);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  SpreadShapes(Path dir, Map<String, byte[]> parts) {
    this.dir = dir;
    this.parts = parts;
    parts.forEach((k, v) -> System.out.println(k));
  }

  Path tmp() {
    return dir.resolve("spread.tmp");
  }

  Path looping() {
    return looping();
  }

  Path alternating(boolean first) {
    return first ? tmp() : dir.resolve(String.valueOf(parts.size()));
  }

  record Pair(Path temp, Path target) {
    Pair {
      if (temp.equals(target)) {
        throw new IllegalArgumentException();
      }
    }
  }

  void nested(List<List<String>> rows) throws IOException {
    rows.forEach(
        row ->
            row.forEach(
                cell -> {
                  try {
                    Files.writeString(tmp(), cell);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
    Files.move(tmp(), dir.resolve("spread"), ATOMIC_MOVE);
  }

  void anonymousWithTwoMethods(List<String> lines) throws IOException {
    lines.forEach(
        new Consumer<String>() {
          @Override
          public void accept(String line) {
            helper(line);
          }

          void helper(String line) {
            System.out.println(line);
          }
        });
    Files.move(tmp(), dir.resolve("spread"), ATOMIC_MOVE);
  }

  void methodReferences(List<String> lines) throws IOException {
    lines.forEach(this::append);
    lines.forEach(System.out::println);
    lines.stream().map(String::trim).forEach(stored);
    IntStream.range(0, 3).forEach(i -> append(String.valueOf(i)));
    Files.move(tmp(), dir.resolve("spread"), ATOMIC_MOVE);
  }

  void append(String line) {
    try {
      writer.write(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void recursiveGetter() throws IOException {
    Files.move(looping(), alternating(true), ATOMIC_MOVE);
  }

  void optionalField(byte[] bytes) throws IOException {
    maybeTmp.ifPresent(
        t -> {
          try {
            Files.write(t, bytes);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    maybeTmp.ifPresentOrElse(t -> {}, () -> {});
    Files.move(maybeTmp.orElseThrow(), dir.resolve("spread"), ATOMIC_MOVE);
  }

  void openFields() throws IOException {
    writer = Files.newBufferedWriter(tmp());
    print = new PrintStream(new FileOutputStream(tmp().toFile()));
  }

  void commitFields() throws IOException {
    writer.close();
    print.close();
    Files.move(tmp(), dir.resolve("spread"), ATOMIC_MOVE);
  }

  void both() throws IOException {
    openFields();
    commitFields();
  }

  static void staticOpen() throws IOException {
    staticOut = new FileOutputStream(STATIC_TMP.toFile());
  }

  static void staticCommit() throws IOException {
    staticOut.close();
    STATIC_TMP.toFile().renameTo(new File("static"));
  }

  static void staticBoth() throws IOException {
    staticOpen();
    staticCommit();
  }

  void recordAccessors(Pair pair, String text) throws IOException {
    Files.writeString(pair.temp(), text);
    Files.move(pair.temp(), pair.target(), ATOMIC_MOVE);
  }

  void switchInLambda(List<Integer> codes) throws IOException {
    codes.forEach(
        c -> {
          String s =
              switch (c) {
                case 0 -> "zero";
                default -> {
                  try {
                    Files.writeString(tmp(), "x");
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  yield "other";
                }
              };
          System.out.println(s);
        });
    Files.move(tmp(), dir.resolve("spread"), ATOMIC_MOVE);
  }
}
