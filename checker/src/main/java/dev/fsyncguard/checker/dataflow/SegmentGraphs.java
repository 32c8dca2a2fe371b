package dev.fsyncguard.checker.dataflow;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * CFGBuilder} does, but remembers across graphs what the library looks up again for each:
 *
 * <ul>
 *   <li>the {@code close()} method that a try-with-resources calls, once per resource class rather
 *       than once per copy of every such statement's implicit finally block. The library finds it
 *       through {@code Elements.getAllMembers}, which rebuilds the class's whole member scope on
 *       each call: on long methods, an eighth of the analysis;
 *   <li>the types of the dozen exception and library classes every graph starts by resolving by
 *       name: a twentieth.
 * </ul>
 */
final class SegmentGraphs {
  private final ProcessingEnvironment env;
  private final CachingTreeBuilder trees;

  SegmentGraphs(Context context) {
    this.env = JavacProcessingEnvironment.instance(context);
    this.trees = new CachingTreeBuilder(env);
  }

  /** The graph of the code at {@code path}, which {@code ast} describes. */
  ControlFlowGraph build(TreePath path, UnderlyingAST ast) {
    PhaseOneResult phaseOne = new CachingTranslation(trees, env).process(path, ast);
    return CFGTranslationPhaseThree.process(CFGTranslationPhaseTwo.process(phaseOne));
  }

  /** The library's first translation phase, taking class types from the shared cache. */
  private static final class CachingTranslation extends CFGTranslationPhaseOne {
    CachingTranslation(CachingTreeBuilder trees, ProcessingEnvironment env) {
      super(trees, new BasicAnnotationProvider(), false, false, env);
    }

    // Both are called by the superclass' constructor, before this class could set a field: the
    // cache is reached through the tree builder, the first field that constructor sets.

    @Override
    protected TypeMirror getTypeMirror(Class<?> type) {
      return treeBuilder instanceof CachingTreeBuilder cache
          ? cache.typeOf(type, super::getTypeMirror)
          : super.getTypeMirror(type);
    }

    @Override
    protected TypeMirror maybeGetTypeMirror(Class<?> type) {
      return treeBuilder instanceof CachingTreeBuilder cache
          ? cache.typeOf(type, super::maybeGetTypeMirror)
          : super.maybeGetTypeMirror(type);
    }
  }

  /**
   * The library's tree builder, which also holds what the graphs of one compilation share; its
   * symbols and types are that compilation's, so the caches live as long as its analysis.
   */
  private static final class CachingTreeBuilder extends TreeBuilder {
    private final Map<Element, Symbol> closeMethods = new HashMap<>();

    /** Empty for a class the compilation does not have (the library then gets null). */
    private final Map<Class<?>, Optional<TypeMirror>> classTypes = new HashMap<>();

    CachingTreeBuilder(ProcessingEnvironment env) {
      super(env);
    }

    TypeMirror typeOf(Class<?> type, Function<Class<?>, TypeMirror> resolve) {
      Optional<TypeMirror> known = classTypes.get(type);
      if (known == null) {
        known = Optional.ofNullable(resolve.apply(type));
        classTypes.put(type, known);
      }
      return known.orElse(null);
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
