package dev.fsyncguard.checker.flow;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseOne;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseThree;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseTwo;
import org.checkerframework.errorprone.dataflow.cfg.builder.PhaseOneResult;
import org.checkerframework.errorprone.javacutil.BasicAnnotationProvider;
import org.checkerframework.errorprone.javacutil.TreeUtils;
import org.checkerframework.errorprone.javacutil.TypesUtils;
import org.checkerframework.errorprone.javacutil.trees.TreeBuilder;

/**
 * Builds the control-flow graphs of a method's segments, as the dataflow library's {@code
 * CFGBuilder} does, with one difference in cost: the {@code close()} method that a
 * try-with-resources calls is looked up once per resource class, not once per copy of every such
 * statement's implicit finally block.
 *
 * <p>Why: the library finds that method through {@code Elements.getAllMembers}, which rebuilds the
 * class's whole member scope on each call; on long methods that was an eighth of the analysis.
 */
final class SegmentGraphs {
  private final ProcessingEnvironment env;
  private final CloseCachingTreeBuilder trees;

  SegmentGraphs(Context context) {
    this.env = JavacProcessingEnvironment.instance(context);
    this.trees = new CloseCachingTreeBuilder(env);
  }

  /** The graph of the code at {@code path}, which {@code ast} describes. */
  ControlFlowGraph build(TreePath path, UnderlyingAST ast) {
    PhaseOneResult phaseOne =
        new CFGTranslationPhaseOne(trees, new BasicAnnotationProvider(), false, false, env)
            .process(path, ast);
    return CFGTranslationPhaseThree.process(CFGTranslationPhaseTwo.process(phaseOne));
  }

  /** The library's tree builder, remembering each resource class's {@code close()}. */
  private static final class CloseCachingTreeBuilder extends TreeBuilder {
    /** Symbols of one compilation: the cache lives as long as the analysis of its context. */
    private final Map<Element, Symbol> closeMethods = new HashMap<>();

    CloseCachingTreeBuilder(ProcessingEnvironment env) {
      super(env);
    }

    @Override
    public MemberSelectTree buildCloseMethodAccess(ExpressionTree expression) {
      TypeMirror type = TypesUtils.upperBound(TreeUtils.typeOf(expression));
      if (!(type instanceof DeclaredType)) {
        return super.buildCloseMethodAccess(expression); // fails as the library does
      }
      Element resourceClass = ((DeclaredType) type).asElement();
      Symbol close = closeMethods.get(resourceClass);
      if (close != null) {
        return TreeUtils.Select(maker, expression, close);
      }
      MemberSelectTree select = super.buildCloseMethodAccess(expression);
      if (select instanceof JCFieldAccess access && access.sym != null) {
        closeMethods.put(resourceClass, access.sym);
      }
      return select;
    }
  }
}
