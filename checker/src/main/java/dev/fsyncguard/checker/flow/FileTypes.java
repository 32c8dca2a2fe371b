package dev.fsyncguard.checker.flow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Type;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Which types name a file, which hold one open, and which are booleans. */
final class FileTypes {
  private FileTypes() {}

  /** {@code Path}, {@code File} or {@code String}: a name of a file. */
  static boolean isName(TypeMirror type, VisitorState state) {
    if (!(type instanceof Type t) || t.tsym == null || t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String name = t.tsym.getQualifiedName().toString();
    return name.equals("java.lang.String")
        || name.equals(FileApis.PATH)
        || name.equals(FileApis.FILE)
        || isSubtype(t, FileApis.PATH, state)
        || isSubtype(t, FileApis.FILE, state);
  }

  /** A stream, writer, channel, {@code RandomAccessFile}, descriptor or anything written like one. */
  static boolean isHandle(TypeMirror type, VisitorState state) {
    return type instanceof Type t
        && t.getKind() == TypeKind.DECLARED
        && (isSubtype(t, "java.io.Closeable", state)
            || isSubtype(t, "java.io.Flushable", state)
            || isSubtype(t, "java.lang.Appendable", state)
            || isSubtype(t, "java.io.DataOutput", state)
            || isSubtype(t, "java.io.FileDescriptor", state));
  }

  static boolean isBoolean(TypeMirror type, VisitorState state) {
    return type instanceof Type t
        && state.getTypes().unboxedTypeOrType(t).getKind() == TypeKind.BOOLEAN;
  }

  /** A supertype nothing in the compilation loaded has no subtypes here. */
  private static boolean isSubtype(Type type, String supertype, VisitorState state) {
    Type superType = state.getTypeFromString(supertype);
    return superType != null && ASTHelpers.isSubtype(type, superType, state);
  }
}
