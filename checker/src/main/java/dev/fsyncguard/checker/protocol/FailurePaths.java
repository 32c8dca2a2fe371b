package dev.fsyncguard.checker.protocol;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BooleanLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalOrNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;

/**
 * Whether a call can still be reached after a force failed into its handler, following the boolean
 * local variables the method sets to constants through the conditions that test them.
 *
 * <p>Why: the file states of the dataflow join at every merge, so they cannot tell the success-flag
 * idiom ({@code synced = true} after the force, {@code if (!synced) return false;} before the
 * rename) from a flag that is only logged. This walk keeps the flags' values per path, from the
 * method's entry to the force, through the force's exceptional edges (the failure), and on to the
 * call. It knows only what the idiom needs: literals assigned to boolean locals, and conditions
 * made of them with {@code !}, {@code &&}, {@code ||}, {@code ==} and {@code !=}; anything else is
 * unknown, and an unknown condition goes both ways. When the walk cannot decide (no path reaches
 * the force, or the paths are too many) it answers that the call is reached.
 */
final class FailurePaths {
  /** Path states explored before giving up; a method's flags are few, so this is generous. */
  private static final int BOUND = 20_000;

  private FailurePaths() {}

  /**
   * Whether {@code call} is reached on some path on which {@code force} failed into a handler
   * inside {@code method}.
   */
  static boolean reachedAfterFailure(
      TreePath method, MethodInvocationTree force, Tree call, Context context) {
    if (!(method.getLeaf() instanceof MethodTree tree)
        || tree.getBody() == null
        || !(method.getParentPath().getLeaf() instanceof ClassTree owner)) {
      return true;
    }
    ControlFlowGraph graph =
        CFGBuilder.build(
            method.getCompilationUnit(),
            new UnderlyingAST.CFGMethod(tree, owner),
            false,
            false,
            JavacProcessingEnvironment.instance(context));
    return new Walk(force, call).reaches(graph.getEntryBlock());
  }

  /** One path's position: a block, whether the force has failed, and the flags' known values. */
  private record State(Block block, boolean failed, Map<Element, Boolean> flags) {}

  private static final class Walk {
    private final MethodInvocationTree force;
    private final Tree call;
    private boolean forceSeen;

    Walk(MethodInvocationTree force, Tree call) {
      this.force = force;
      this.call = call;
    }

    boolean reaches(Block entry) {
      Set<State> seen = new HashSet<>();
      Deque<State> work = new ArrayDeque<>();
      work.push(new State(entry, false, Map.of()));
      while (!work.isEmpty()) {
        State state = work.pop();
        if (!seen.add(state)) {
          continue;
        }
        if (seen.size() > BOUND) {
          return true;
        }
        if (step(state, work)) {
          return true;
        }
      }
      return !forceSeen;
    }

    /** Walks one block; true when it reaches the call after the failure. */
    private boolean step(State state, Deque<State> work) {
      Map<Element, Boolean> flags = new HashMap<>(state.flags());
      Node last = null;
      for (Node node : state.block().getNodes()) {
        if (state.failed() && isCall(node)) {
          return true;
        }
        assign(node, flags);
        last = node;
      }
      Block block = state.block();
      if (block instanceof ExceptionBlock exceptional && isForce(exceptional.getNode())) {
        forceSeen = true;
        for (Set<Block> handlers : exceptional.getExceptionalSuccessors().values()) {
          for (Block handler : handlers) {
            work.push(new State(handler, true, Map.copyOf(flags)));
          }
        }
      }
      if (block instanceof SingleSuccessorBlock single && single.getSuccessor() != null) {
        Block next = single.getSuccessor();
        if (next instanceof ConditionalBlock condition) {
          Boolean value = last == null ? null : value(last, flags);
          if (!Boolean.FALSE.equals(value)) {
            work.push(new State(condition.getThenSuccessor(), state.failed(), Map.copyOf(flags)));
          }
          if (!Boolean.TRUE.equals(value)) {
            work.push(new State(condition.getElseSuccessor(), state.failed(), Map.copyOf(flags)));
          }
        } else {
          work.push(new State(next, state.failed(), Map.copyOf(flags)));
        }
      } else if (block instanceof ConditionalBlock condition) {
        // Reached directly (a condition at the start of a graph): both ways.
        work.push(new State(condition.getThenSuccessor(), state.failed(), Map.copyOf(flags)));
        work.push(new State(condition.getElseSuccessor(), state.failed(), Map.copyOf(flags)));
      }
      return false;
    }

    private boolean isForce(Node node) {
      Tree tree = node.getTree();
      return (node instanceof MethodInvocationNode && tree == force)
          || (node instanceof MethodAccessNode && tree == force.getMethodSelect());
    }

    private boolean isCall(Node node) {
      return node.getTree() == call && !(node instanceof MethodAccessNode);
    }
  }

  /** A literal assigned to a boolean local is known from then on; anything else assigned is not. */
  private static void assign(Node node, Map<Element, Boolean> flags) {
    if (node instanceof AssignmentNode assignment
        && assignment.getTarget() instanceof LocalVariableNode variable
        && isBooleanLocal(variable.getElement())) {
      Boolean value =
          assignment.getExpression() instanceof BooleanLiteralNode literal
              ? literal.getValue()
              : null;
      if (value == null) {
        flags.remove(variable.getElement());
      } else {
        flags.put(variable.getElement(), value);
      }
    }
  }

  private static boolean isBooleanLocal(Element element) {
    return element != null
        && element.getKind() == ElementKind.LOCAL_VARIABLE
        && element.asType().getKind() == TypeKind.BOOLEAN;
  }

  /** The condition's value under the known flags, or null when it depends on anything else. */
  private static Boolean value(Node node, Map<Element, Boolean> flags) {
    if (node instanceof BooleanLiteralNode literal) {
      return literal.getValue();
    }
    if (node instanceof LocalVariableNode variable) {
      return flags.get(variable.getElement());
    }
    if (node instanceof ConditionalNotNode not) {
      Boolean operand = value(not.getOperand(), flags);
      return operand == null ? null : !operand;
    }
    if (node instanceof ConditionalAndNode and) {
      Boolean left = value(and.getLeftOperand(), flags);
      Boolean right = value(and.getRightOperand(), flags);
      return Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)
          ? Boolean.FALSE
          : left != null && right != null ? Boolean.TRUE : null;
    }
    if (node instanceof ConditionalOrNode or) {
      Boolean left = value(or.getLeftOperand(), flags);
      Boolean right = value(or.getRightOperand(), flags);
      return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)
          ? Boolean.TRUE
          : left != null && right != null ? Boolean.FALSE : null;
    }
    if (node instanceof EqualToNode equal) {
      return same(value(equal.getLeftOperand(), flags), value(equal.getRightOperand(), flags));
    }
    if (node instanceof NotEqualNode notEqual) {
      Boolean same =
          same(value(notEqual.getLeftOperand(), flags), value(notEqual.getRightOperand(), flags));
      return same == null ? null : !same;
    }
    return null;
  }

  private static Boolean same(Boolean left, Boolean right) {
    return left == null || right == null ? null : Objects.equals(left, right);
  }
}
