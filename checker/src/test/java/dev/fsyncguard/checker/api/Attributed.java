package dev.fsyncguard.checker.api;

import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Sources parsed and attributed by javac alone, for tests of the analysis' parts on real trees and
 * symbols. Open until closed: javac completes library classes lazily, through its file manager.
 */
public final class Attributed implements AutoCloseable {
  final ImmutableList<CompilationUnitTree> units;
  public final Context context;
  private final StandardJavaFileManager files;

  private Attributed(
      ImmutableList<CompilationUnitTree> units, Context context, StandardJavaFileManager files) {
    this.units = units;
    this.context = context;
    this.files = files;
  }

  /** Attributes the sources, given by path ("app/Io.java") and text; fails on any javac error. */
  public static Attributed of(Map<String, String> sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8);
    List<JavaFileObject> objects = new ArrayList<>();
    sources.forEach((path, text) -> objects.add(source(path, text)));
    JavacTask task =
        (JavacTask) javac.getTask(null, files, diagnostics, List.of("-proc:none"), null, objects);
    ImmutableList<CompilationUnitTree> units = ImmutableList.copyOf(task.parse());
    task.analyze();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      assertWithMessage("%s", d).that(d.getKind()).isNotEqualTo(Diagnostic.Kind.ERROR);
    }
    return new Attributed(units, ((BasicJavacTask) task).getContext(), files);
  }

  /** The path of the first method named {@code name}. */
  public TreePath method(String name) {
    List<TreePath> found = new ArrayList<>();
    TreePathScanner<Void, Void> scanner =
        new TreePathScanner<>() {
          @Override
          public Void visitMethod(MethodTree tree, Void unused) {
            if (tree.getName().contentEquals(name)) {
              found.add(getCurrentPath());
            }
            return super.visitMethod(tree, null);
          }
        };
    for (CompilationUnitTree unit : units) {
      scanner.scan(unit, null);
    }
    assertWithMessage("a method named %s", name).that(found).isNotEmpty();
    return found.get(0);
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  private static JavaFileObject source(String path, String text) {
    return new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }
}
