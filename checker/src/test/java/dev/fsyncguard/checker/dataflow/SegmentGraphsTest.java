package dev.fsyncguard.checker.dataflow;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import dev.fsyncguard.checker.api.Attributed;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
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
          "    try (SubRes d = new SubRes(); Res e = new SubRes(); FileChannel f ="
              + " FileChannel.open(p)) {",
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
    try (Attributed attributed = Attributed.of(Map.of("app/Uses.java", SOURCE))) {
      TreePath body = body(attributed.method("all"));
      UnderlyingAST ast = methodAst(attributed.method("all"));
      SegmentGraphs graphs = new SegmentGraphs(attributed.context);
      Multiset<String> ours = closes(graphs.build(body, ast));
      Multiset<String> again = closes(graphs.build(body, ast));
      Multiset<String> library = closes(libraryGraph(attributed.context, body, ast));

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
    try (Attributed attributed = Attributed.of(Map.of("app/Uses.java", SOURCE))) {
      SegmentGraphs graphs = new SegmentGraphs(attributed.context);
      for (String name : List.of("all", "throwing")) {
        TreePath body = body(attributed.method(name));
        UnderlyingAST ast = methodAst(attributed.method(name));
        Multiset<String> library = exceptionalEdges(libraryGraph(attributed.context, body, ast));
        assertThat(library).isNotEmpty();
        assertThat(exceptionalEdges(graphs.build(body, ast))).isEqualTo(library);
        assertThat(exceptionalEdges(graphs.build(body, ast))).isEqualTo(library);
      }
    }
  }

  private static TreePath body(TreePath method) {
    return new TreePath(method, ((MethodTree) method.getLeaf()).getBody());
  }

  private static UnderlyingAST methodAst(TreePath method) {
    return new UnderlyingAST.CFGMethod(
        (MethodTree) method.getLeaf(), (ClassTree) method.getParentPath().getLeaf());
  }

  private static ControlFlowGraph libraryGraph(Context context, TreePath body, UnderlyingAST ast) {
    return CFGBuilder.build(body, ast, false, false, JavacProcessingEnvironment.instance(context));
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
          closes.add(
              call.getTarget().getReceiver().getType() + " -> " + method.getEnclosingElement());
        }
      }
    }
    return closes;
  }
}
