package dev.fsyncguard.crashtest;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.FileSystems;
import java.nio.file.spi.FileSystemProvider;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Puts one hook into the JDK's file classes: at the start of each method that opens, reads, writes,
 * forces, renames, lists or removes, the running crash test may answer the call itself (and the
 * JDK's own code is skipped) or let it through.
 *
 * <p>The hook is Byte Buddy advice inlined into the JDK's classes (retransformed, so nothing is
 * added but code), and it refers to JDK types only: classes of {@code java.base} cannot see the
 * kit's. The running test hands it a {@code Function} through the system properties, which every
 * class can reach; outside a test the hook costs one lookup. Native methods cannot carry advice:
 * {@link CallSiteRewriter} covers the few a workload calls directly.
 */
final class JdkInterception {
  /**
   * The system property under which a running crash test puts its {@link JdkRedirect}. A constant,
   * so the advice inlined into the JDK's classes holds the string itself, not a reference here.
   */
  static final String PROPERTY = "dev.fsyncguard.crashtest.redirect";

  private JdkInterception() {}

  static void install(Instrumentation instrumentation) throws UnmodifiableClassException {
    Map<Class<?>, ElementMatcher.Junction<MethodDescription>> hooked = new LinkedHashMap<>();
    hooked.put(
        FileOutputStream.class,
        ElementMatchers.<MethodDescription>namedOneOf("open", "write", "close", "getChannel"));
    hooked.put(
        FileInputStream.class,
        ElementMatchers.<MethodDescription>namedOneOf(
            "open",
            "read",
            "readAllBytes",
            "readNBytes",
            "skip",
            "available",
            "transferTo",
            "close",
            "getChannel"));
    hooked.put(
        RandomAccessFile.class,
        ElementMatchers.<MethodDescription>namedOneOf(
            "open",
            "read",
            "write",
            "seek",
            "skipBytes",
            "length",
            "setLength",
            "writeBytes",
            "writeChars",
            "close",
            "getChannel"));
    hooked.put(
        File.class,
        ElementMatchers.<MethodDescription>namedOneOf(
            "exists",
            "isFile",
            "isDirectory",
            "length",
            "lastModified",
            "canRead",
            "canWrite",
            "createNewFile",
            "delete",
            "list",
            "normalizedList",
            "mkdir",
            "mkdirs",
            "renameTo",
            "setLastModified",
            "setReadOnly",
            "setWritable"));
    // The default file system's provider and the classes it inherits from inside the JDK;
    // FileSystemProvider itself stays clean, so other file systems (the kit's Jimfs among them)
    // never see the hook.
    for (Class<?> type = FileSystems.getDefault().provider().getClass();
        type != FileSystemProvider.class && type != null;
        type = type.getSuperclass()) {
      hooked.put(type, ElementMatchers.<MethodDescription>isPublic().and(not(isAbstract())));
    }
    Advice advice = Advice.to(Hook.class);
    Map<Class<?>, TypeDescription> descriptions = new LinkedHashMap<>();
    for (Class<?> type : hooked.keySet()) {
      descriptions.put(type, TypeDescription.ForLoadedType.of(type));
    }
    // A dry run on the JDK's own class files first: Byte Buddy then loads and initializes all it
    // needs here, not inside the transformer, where loading a class can run into the very class
    // being transformed.
    ClassFileLocator jdk = ClassFileLocator.ForClassLoader.ofBootLoader();
    for (Class<?> type : hooked.keySet()) {
      try {
        hook(
            descriptions.get(type), jdk.locate(type.getName()).resolve(), advice, hooked.get(type));
      } catch (IOException | RuntimeException e) {
        // Reported by the real transformation below, if it fails too.
      }
    }
    ClassFileTransformer transformer =
        new ClassFileTransformer() {
          @Override
          public byte[] transform(
              ClassLoader loader,
              String name,
              Class<?> redefined,
              ProtectionDomain domain,
              byte[] classfile) {
            TypeDescription description = redefined == null ? null : descriptions.get(redefined);
            if (description == null) {
              return null;
            }
            try {
              return hook(description, classfile, advice, hooked.get(redefined));
            } catch (RuntimeException | LinkageError e) {
              // The other hooks still work; what this class does is then not redirected.
              System.err.println(
                  "fsync-guard crashtest agent: cannot hook " + redefined.getName() + ": " + e);
              return null;
            }
          }
        };
    instrumentation.addTransformer(transformer, true);
    try {
      instrumentation.retransformClasses(hooked.keySet().toArray(new Class<?>[0]));
    } finally {
      instrumentation.removeTransformer(transformer);
    }
  }

  private static byte[] hook(
      TypeDescription type,
      byte[] classfile,
      Advice advice,
      ElementMatcher.Junction<MethodDescription> methods) {
    return new ByteBuddy()
        .redefine(type, ClassFileLocator.Simple.of(type.getName(), classfile))
        .visit(advice.on(methods.and(isMethod()).and(not(isNative())).and(not(isStatic()))))
        .make()
        .getBytes();
  }

  /**
   * The advice: asks the running test, if any, for an answer (a one-element array holding the
   * method's result), and skips the method when given one.
   */
  static final class Hook {
    private Hook() {}

    @SuppressWarnings("unchecked")
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object[] enter(
        @Advice.This Object self,
        @Advice.Origin("#t.#m#d") String method,
        @Advice.AllArguments Object[] arguments) {
      Object redirect = System.getProperties().get(PROPERTY);
      if (redirect == null) {
        return null;
      }
      return ((Function<Object[], Object[]>) redirect)
          .apply(new Object[] {method, self, arguments});
    }

    @Advice.OnMethodExit
    static void exit(
        @Advice.Enter Object[] answer,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (answer != null) {
        returned = answer[0];
      }
    }
  }
}
