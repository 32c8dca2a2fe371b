package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.fsyncguard.checker.api.ApiTable;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.dataflow.FileState.Level;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files an object opens for writing and keeps, so that its callers write them and another of its
 * methods commits them: a stream field set in a constructor or a {@code begin}-like method, the
 * stream a {@code FilterOutputStream} subclass hands its superclass, or a stream a method returns
 * for the caller to write and hand back. Each is tied to the object's {@code File} or {@code Path}
 * field naming the same file. A method of the object that renames that field starts with the file
 * written (by the callers, through the object) and the stream open on it, so the whole protocol,
 * spread over the object's methods, is judged where the object commits.
 */
final class KeptFiles {
  /**
   * A file the object keeps open for writing.
   *
   * @param file the object's field naming the file
   * @param holder the field holding the stream on it; null when a method returns the stream
   * @param handleType the stream's type as the object declares it
   * @param buffered the stream keeps written bytes in a Java buffer
   * @param synchronous every write through it reaches the disk ({@code SYNC}/{@code DSYNC})
   * @param position where the stream is opened
   * @param openedIn the constructor or method that opens it
   */
  record Kept(
      VarSymbol file,
      Symbol holder,
      Type handleType,
      boolean buffered,
      boolean synchronous,
      int position,
      MethodSymbol openedIn) {}

  private final VisitorState state;
  private final FileTypes types;
  private final KeptFileScan scan;
  private final Map<ClassTree, List<Kept>> byClass = new IdentityHashMap<>();
  private final Map<ClassTree, Set<Symbol>> calledInside = new IdentityHashMap<>();

  KeptFiles(VisitorState state, ApiTable table, FileTypes types) {
    this.state = state;
    this.types = types;
    this.scan = new KeptFileScan(state, table, types);
  }

  /** What {@code owner}'s methods open and keep. */
  List<Kept> of(ClassTree owner) {
    return byClass.computeIfAbsent(owner, scan::keptBy);
  }

  /**
   * Where {@code method}, an instance method of {@code owner}, starts: each file the object keeps
   * is written as far as it knows (unflushed if its stream buffers), and its stream is bound to it:
   * the holding field, or a parameter of the returned stream's type. A method that opens the file
   * itself starts with nothing known about it, and so does one that another method of the object
   * calls: that caller, which sees the opening, the writes and the commit, is judged instead.
   */
  FileStore entry(MethodTree method, ClassTree owner) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (method.getBody() == null || !startsWithKeptFiles(owner, symbol)) {
      return FileStore.EMPTY;
    }
    FileStore store = FileStore.EMPTY;
    for (Kept kept : of(owner)) {
      if (kept.openedIn().equals(symbol)) {
        continue;
      }
      FileKey file = new FileKey(kept.file());
      FileValue handle = FileValue.handle(file, kept.buffered(), kept.synchronous());
      if (kept.holder() != null) {
        store = store.bind(kept.holder(), handle);
      } else {
        for (VariableTree parameter : method.getParameters()) {
          VarSymbol variable = ASTHelpers.getSymbol(parameter);
          if (variable != null
              && types.isHandle(variable.asType())
              && state.getTypes().isAssignable(kept.handleType(), variable.asType())) {
            store = store.bind(variable, handle);
          }
        }
      }
      FileState written =
          kept.synchronous()
              ? FileState.forced(kept.position(), true)
              : FileState.dirty(kept.buffered() ? Level.BUFFERED : Level.DIRTY, kept.position(), 0);
      store = store.update(file, s -> written);
    }
    return store;
  }

  /**
   * The constructor or method of {@code owner} that opens {@code file} for writing and keeps the
   * stream, when {@code method} is another of its methods; else null.
   */
  MethodSymbol openerOf(ClassTree owner, MethodSymbol method, Object file) {
    if (!startsWithKeptFiles(owner, method)) {
      return null;
    }
    for (Kept kept : of(owner)) {
      if (kept.file().equals(file) && !kept.openedIn().equals(method)) {
        return kept.openedIn();
      }
    }
    return null;
  }

  /** Whether {@code method} of {@code owner} is judged with the files the object keeps. */
  private boolean startsWithKeptFiles(ClassTree owner, MethodSymbol method) {
    return method != null
        && !method.isStatic()
        && !method.isConstructor()
        && !of(owner).isEmpty()
        && !calledInside(owner).contains(method);
  }

  /** The methods that {@code owner}'s own code calls on its own object. */
  private Set<Symbol> calledInside(ClassTree owner) {
    return calledInside.computeIfAbsent(
        owner,
        tree -> {
          Set<Symbol> called = new HashSet<>();
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
              ExpressionTree receiver = ASTHelpers.getReceiver(call);
              if (receiver == null
                  || (receiver instanceof IdentifierTree self
                      && self.getName().contentEquals("this"))) {
                called.add(ASTHelpers.getSymbol(call));
              }
              return super.visitMethodInvocation(call, null);
            }
          }.scan(tree.getMembers(), null);
          return called;
        });
  }
}
