package dev.fsyncguard.checker.flow;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.junit.jupiter.api.Test;

/**
 * The segments' graphs are the library's although what they look up is cached across graphs: the
 * same {@code close()} at the end of every try-with-resources, the same exceptions thrown.
 */
final class SegmentGraphsTest {
  private static final String SOURCE =
      String.join(
          "\n",
          "package app;",
          "import java.nio.channels.FileChannel;",
          "import java.nio.file.Path;",
          "class Res implements AutoCloseable { public void close() {} }",
          "class SubRes extends Res { @Override public void close() {} }",
          "class Uses {",
          "  <T extends Res> void all(Path p, T t) throws Exception {",
          "    try (FileChannel a = FileChannel.open(p)) { a.force(true); }",
          "    try (Res b = new Res(); SubRes c = new SubRes()) {}",
          "    try (SubRes d = new SubRes(); Res e = new SubRes(); FileChannel f = FileChannel.open(p)) {",
          "      if (f.size() > 0) { return; }",
          "    }",
          "    try (t; FileChannel g = FileChannel.open(p)) {}",
          "    try (Res h = new Res()) { try (Res i = new Res()) { throw new Exception(); } }",
          "  }",
          "  int throwing(int[] a, Object o, java.util.List<String> l, int n) throws Exception {",
          "    int q = a[n] / n; String s = (String) o; int[] b = new int[n]; assert n > 0;",
          "    for (String x : l) { s += x; }",
          "    try { q += Integer.parseInt(s); } catch (NumberFormatException e) { q = -1; }",
          "    return q + b.length;",
          "  }",
          "}");

  @Test
  void closesTheMethodsTheLibraryCloses() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(null, files, diagnostics, List.of("-proc:none"), null, List.of(source()));
      CompilationUnitTree unit = task.parse().iterator().next();
      task.analyze();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        assertWithMessage("%s", d).that(d.getKind()).isNotEqualTo(Diagnostic.Kind.ERROR);
      }
      Context context = ((BasicJavacTask) task).getContext();
      TreePath method = methodPath(unit, "all");
      TreePath body = new TreePath(method, ((MethodTree) method.getLeaf()).getBody());
      ClassTree owner = (ClassTree) method.getParentPath().getLeaf();
      UnderlyingAST ast = new UnderlyingAST.CFGMethod((MethodTree) method.getLeaf(), owner);

      SegmentGraphs graphs = new SegmentGraphs(context);
      Multiset<String> ours = closes(graphs.build(body, ast));
      Multiset<String> again = closes(graphs.build(body, ast));
      Multiset<String> library =
          closes(
              CFGBuilder.build(body, ast, false, false, JavacProcessingEnvironment.instance(context)));

      assertThat(ours).isEqualTo(library);
      assertThat(again).isEqualTo(library);
      assertThat(ours.elementSet())
          .containsExactly(
              "java.nio.channels.FileChannel -> java.nio.channels.spi.AbstractInterruptibleChannel",
              "app.Res -> app.Res",
              "app.SubRes -> app.SubRes",
              "T -> app.Res");
    }
  }

  @Test
  void throwsAsTheLibrarysGraphsDo() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
      JavacTask task =
          (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, List.of(source()));
      CompilationUnitTree unit = task.parse().iterator().next();
      task.analyze();
      Context context = ((BasicJavacTask) task).getContext();
      SegmentGraphs graphs = new SegmentGraphs(context);
      for (String name : List.of("all", "throwing")) {
        TreePath method = methodPath(unit, name);
        TreePath body = new TreePath(method, ((MethodTree) method.getLeaf()).getBody());
        UnderlyingAST ast =
            new UnderlyingAST.CFGMethod(
                (MethodTree) method.getLeaf(), (ClassTree) method.getParentPath().getLeaf());
        Multiset<String> library =
            exceptionalEdges(
                CFGBuilder.build(
                    body, ast, false, false, JavacProcessingEnvironment.instance(context)));
        assertThat(library).isNotEmpty();
        assertThat(exceptionalEdges(graphs.build(body, ast))).isEqualTo(library);
        assertThat(exceptionalEdges(graphs.build(body, ast))).isEqualTo(library);
      }
    }
  }

  /** Every node that can throw, with the exception types it can throw, sorted. */
  private static Multiset<String> exceptionalEdges(ControlFlowGraph cfg) {
    Multiset<String> edges = HashMultiset.create();
    for (Block block : cfg.getAllBlocks()) {
      if (block instanceof ExceptionBlock throwing) {
        edges.add(
            throwing.getNode()
                + " throws "
                + new TreeSet<>(
                    throwing.getExceptionalSuccessors().keySet().stream()
                        .map(Object::toString)
                        .toList()));
      }
    }
    return edges;
  }

  /** Every synthetic {@code close()} call in the graph, as "receiver type -> declaring class". */
  private static Multiset<String> closes(ControlFlowGraph cfg) {
    Multiset<String> closes = HashMultiset.create();
    for (Node node : cfg.getAllNodes()) {
      if (node instanceof MethodInvocationNode call && !call.getInSource()) {
        ExecutableElement method = call.getTarget().getMethod();
        if (method.getSimpleName().contentEquals("close")) {
          closes.add(call.getTarget().getReceiver().getType() + " -> " + method.getEnclosingElement());
        }
      }
    }
    return closes;
  }

  private static TreePath methodPath(CompilationUnitTree unit, String name) {
    List<TreePath> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (tree.getName().contentEquals(name)) {
          found.add(getCurrentPath());
        }
        return super.visitMethod(tree, null);
      }
    }.scan(unit, null);
    return found.get(0);
  }

  private static JavaFileObject source() {
    return new SimpleJavaFileObject(URI.create("string:///app/Uses.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return SOURCE;
      }
    };
  }
}
