package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.FileTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;

/**
 * The fields of a method's own object (its class's static fields for a static method) that name a
 * file as a {@code Path} or {@code File}, or hold one open, and that its body uses: one method may
 * write such a field's file and another rename it. {@code String} fields are left out, and so are
 * methods that use none: nearly every class has one, and each summary costs a dataflow run.
 */
final class OwnFileFields {
  private final FileTypes types;
  private final Function<MethodSymbol, MethodTree> declarations;
  private final Map<MethodSymbol, List<Symbol.VarSymbol>> used = new HashMap<>();

  OwnFileFields(FileTypes types, Function<MethodSymbol, MethodTree> declarations) {
    this.types = types;
    this.declarations = declarations;
  }

  /** The fields, in declaration order; empty when the method's source is not at hand. */
  List<Symbol.VarSymbol> usedBy(MethodSymbol method) {
    return used.computeIfAbsent(method, this::compute);
  }

  private List<Symbol.VarSymbol> compute(MethodSymbol method) {
    Symbol.ClassSymbol owner = method.enclClass();
    MethodTree declaration = declarations.apply(method);
    if (owner == null
        || method.isConstructor()
        || declaration == null
        || declaration.getBody() == null) {
      return List.of();
    }
    Set<Symbol> candidates = new HashSet<>();
    for (Symbol member : owner.getEnclosedElements()) {
      if (member instanceof Symbol.VarSymbol field
          && member.getKind() == ElementKind.FIELD
          && (!method.isStatic() || field.isStatic())
          && !field.asType().tsym.getQualifiedName().contentEquals("java.lang.String")
          && (types.isName(field.asType()) || types.isHandle(field.asType()))) {
        candidates.add(field);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<Symbol> referenced = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        use(ASTHelpers.getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        use(ASTHelpers.getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      private void use(Symbol symbol) {
        if (symbol != null && candidates.contains(symbol)) {
          referenced.add(symbol);
        }
      }
    }.scan(declaration.getBody(), null);
    List<Symbol.VarSymbol> fields = new ArrayList<>();
    for (Symbol member : owner.getEnclosedElements()) {
      if (referenced.contains(member)) {
        fields.add((Symbol.VarSymbol) member);
      }
    }
    return fields;
  }
}
