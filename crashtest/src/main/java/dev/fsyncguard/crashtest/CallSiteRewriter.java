package dev.fsyncguard.crashtest;

import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Sends a workload's calls of the JDK's native file methods ({@code FileDescriptor.sync()}, {@code
 * RandomAccessFile.getFilePointer()}, {@code length()}, {@code setLength(long)}) to {@link
 * CallSiteHooks}, as each class of the application or its libraries is loaded.
 *
 * <p>A native method has no code to put advice into, and {@code FileDescriptor.sync} is native on
 * JDK 17; the call sites are where such a call can be seen. The rewrite swaps one instruction for a
 * static call with the same stack effect, so nothing else in the method changes. Classes that
 * mention neither type are not parsed at all.
 */
final class CallSiteRewriter implements ClassFileTransformer {
  private static final String HOOKS = CallSiteHooks.class.getName().replace('.', '/');
  private static final URL KIT =
      CallSiteRewriter.class.getProtectionDomain().getCodeSource() == null
          ? null
          : CallSiteRewriter.class.getProtectionDomain().getCodeSource().getLocation();
  private static final byte[][] MENTIONS = {
    "java/io/FileDescriptor".getBytes(StandardCharsets.UTF_8),
    "java/io/RandomAccessFile".getBytes(StandardCharsets.UTF_8)
  };

  /** Whether each class loader sees this kit's {@link CallSiteHooks}; rewritten code needs it. */
  private final Map<ClassLoader, Boolean> seesHooks = new WeakHashMap<>();

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    try {
      if (loader == null
          || className == null
          || isKit(protectionDomain)
          || className.startsWith("net/bytebuddy/")
          || !mentionsTarget(classfileBuffer)
          || !seesHooks(loader)) {
        return null;
      }
      return rewrite(classfileBuffer);
    } catch (RuntimeException | LinkageError e) {
      // A class the rewriter cannot read loads unchanged: its I/O is then not redirected.
      return null;
    }
  }

  /** The kit's own classes call the JDK's methods they stand in for, and must keep doing so. */
  private static boolean isKit(ProtectionDomain domain) {
    CodeSource source = domain == null ? null : domain.getCodeSource();
    return source != null && KIT.equals(source.getLocation());
  }

  private static boolean mentionsTarget(byte[] bytes) {
    for (byte[] mention : MENTIONS) {
      if (indexOf(bytes, mention) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int start = 0; start <= bytes.length - part.length; start++) {
      for (int i = 0; i < part.length; i++) {
        if (bytes[start + i] != part[i]) {
          continue outer;
        }
      }
      return start;
    }
    return -1;
  }

  private synchronized boolean seesHooks(ClassLoader loader) {
    return seesHooks.computeIfAbsent(
        loader,
        key -> {
          try {
            return Class.forName(CallSiteHooks.class.getName(), false, key) == CallSiteHooks.class;
          } catch (ClassNotFoundException | LinkageError e) {
            return false;
          }
        });
  }

  private static byte[] rewrite(byte[] classfile) {
    ClassReader reader = new ClassReader(classfile);
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] changed = {false};
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(
                Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
              @Override
              public void visitMethodInsn(
                  int opcode, String owner, String method, String desc, boolean isInterface) {
                String hook = opcode == Opcodes.INVOKEVIRTUAL ? hookFor(owner, method, desc) : null;
                if (hook == null) {
                  super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                } else {
                  changed[0] = true;
                  super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, method, hook, false);
                }
              }
            };
          }
        },
        0);
    return changed[0] ? writer.toByteArray() : null;
  }

  /** The hook's descriptor for a call of {@code owner.method desc}, or null to leave the call. */
  private static String hookFor(String owner, String method, String desc) {
    if (owner.equals("java/io/FileDescriptor") && method.equals("sync") && desc.equals("()V")) {
      return "(Ljava/io/FileDescriptor;)V";
    }
    if (owner.equals("java/io/RandomAccessFile")) {
      if ((method.equals("getFilePointer") || method.equals("length")) && desc.equals("()J")) {
        return "(Ljava/io/RandomAccessFile;)J";
      }
      if (method.equals("setLength") && desc.equals("(J)V")) {
        return "(Ljava/io/RandomAccessFile;J)V";
      }
    }
    return null;
  }
}
