package dev.fsyncguard.checker.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Which types name a file, which hold one open, and which are booleans. The answers depend only on
 * the class, and the analysis asks at nearly every node, so they are kept per class.
 */
public final class FileTypes {
  private static final int NAME = 1;
  private static final int HANDLE = 2;

  private final VisitorState state;
  private final Map<TypeSymbol, Integer> kinds = new HashMap<>();

  public FileTypes(VisitorState state) {
    this.state = state;
  }

  /** {@code Path}, {@code File} or {@code String}: a name of a file. */
  public boolean isName(TypeMirror type) {
    return (kind(type) & NAME) != 0;
  }

  /**
   * A stream, writer, channel, {@code RandomAccessFile}, descriptor or anything written like one.
   */
  public boolean isHandle(TypeMirror type) {
    return (kind(type) & HANDLE) != 0;
  }

  /** A type whose every instance writes straight to the operating system. */
  public boolean isUnbuffered(TypeMirror type) {
    if (!(type instanceof Type t)) {
      return false;
    }
    for (String unbuffered : KnownNames.UNBUFFERED) {
      Type known = state.getTypeFromString(unbuffered);
      if (known != null
          && state
              .getTypes()
              .isSubtype(state.getTypes().erasure(t), state.getTypes().erasure(known))) {
        return true;
      }
    }
    return false;
  }

  /** {@code boolean} or {@code Boolean}. */
  public static boolean isBoolean(TypeMirror type) {
    return type instanceof Type t
        && (t.getKind() == TypeKind.BOOLEAN
            || (t.getKind() == TypeKind.DECLARED
                && t.tsym.getQualifiedName().contentEquals("java.lang.Boolean")));
  }

  private int kind(TypeMirror type) {
    if (!(type instanceof Type t) || t.tsym == null || t.getKind() != TypeKind.DECLARED) {
      return 0;
    }
    Integer known = kinds.get(t.tsym);
    if (known != null) {
      return known;
    }
    SupertypeQueries queries = new SupertypeQueries(t);
    String name = t.tsym.getQualifiedName().toString();
    int bits =
        name.equals("java.lang.String")
                || name.equals(FileApis.PATH)
                || name.equals(FileApis.FILE)
                || queries.isSubtype(FileApis.PATH)
                || queries.isSubtype(FileApis.FILE)
            ? NAME
            : 0;
    for (String supertype : KnownNames.HANDLE_SUPERTYPES) {
      if (queries.isSubtype(supertype)) {
        bits |= HANDLE;
        break;
      }
    }
    if (queries.complete) {
      kinds.put(t.tsym, bits);
    }
    return bits;
  }

  /** Subtype tests of one type; incomplete when a supertype asked about is not loaded yet. */
  private final class SupertypeQueries {
    final Type type;
    boolean complete = true;

    SupertypeQueries(Type type) {
      this.type = type;
    }

    boolean isSubtype(String supertype) {
      Type superType = state.getTypeFromString(supertype);
      if (superType == null) {
        // Nothing in the compilation loaded it, so nothing here is one; that may change later.
        complete = false;
        return false;
      }
      return ASTHelpers.isSubtype(type, superType, state);
    }
  }
}
