package corpus;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Lambdas and method references, with renames inside them. */
public final class Lambdas {
  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }

  static Runnable unchecked(IoAction a) {
    return () -> {
      try {
        a.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private final Supplier<Boolean> renameOnDemand =
      () -> new File("a.tmp").renameTo(new File("a"));

  private final Function<Path, Path> mover =
      p -> {
        try {
          return Files.move(p, p.resolveSibling("moved"), ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  public void writeInLambdaRenameOutside(Path tmp, Path target) throws IOException {
    Runnable w = unchecked(() -> Files.writeString(tmp, "x"));
    w.run();
    Files.move(tmp, target, ATOMIC_MOVE);
  }

  public void writeAndRenameInLambda(Path tmp, Path target) {
    unchecked(
            () -> {
              Files.writeString(tmp, "x");
              Files.move(tmp, target, ATOMIC_MOVE);
            })
        .run();
  }

  public void nestedLambdas(List<Path> files) {
    files.forEach(
        f ->
            Optional.of(f)
                .map(g -> g.resolveSibling(g.getFileName() + ".bak"))
                .ifPresent(
                    b ->
                        unchecked(
                                () -> {
                                  Files.write(b, new byte[] {1});
                                  try (FileOutputStream out = new FileOutputStream(b.toFile(), true)) {
                                    out.write(2);
                                    out.getFD().sync();
                                  }
                                  Files.move(b, f, ATOMIC_MOVE);
                                })
                            .run()));
  }

  public List<Boolean> renameAll(List<File> from, File dir) {
    return from.stream().map(f -> f.renameTo(new File(dir, f.getName()))).collect(Collectors.toList());
  }

  public long methodRefs(List<String> names) {
    Function<String, File> toFile = File::new;
    Function<File, Path> toPath = File::toPath;
    BiFunction<File, File, Boolean> rename = File::renameTo;
    Predicate<File> exists = File::exists;
    Consumer<Object> sink = System.out::println;
    Supplier<List<String>> fresh = ArrayList::new;
    Function<Integer, String[]> arr = String[]::new;
    List<String> copy = fresh.get();
    copy.addAll(names);
    copy.sort(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
    sink.accept(arr.apply(copy.size()).length);
    return copy.stream()
        .map(toFile)
        .filter(exists.negate())
        .filter(f -> rename.apply(f, new File(f.getPath() + ".old")))
        .map(toPath)
        .count();
  }

  public int callables() throws Exception {
    Callable<Integer> c =
        () ->
            IntStream.range(0, 3)
                .map(
                    i -> {
                      File t = new File("t" + i);
                      try {
                        Files.writeString(t.toPath(), "" + i);
                      } catch (IOException e) {
                        return -1;
                      }
                      return t.renameTo(new File("f" + i)) ? i : 0;
                    })
                .sum();
    return c.call();
  }

  public Path applyMover(Path p) {
    return renameOnDemand.get() ? mover.apply(p) : p;
  }
}
