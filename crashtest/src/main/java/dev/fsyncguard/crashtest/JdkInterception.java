package dev.fsyncguard.crashtest;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.lang.instrument.Instrumentation;
import java.nio.file.spi.FileSystemProvider;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
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
  /** The system property under which a running crash test puts its {@link JdkRedirect}. */
  static final String PROPERTY = "dev.fsyncguard.crashtest.redirect";

  private JdkInterception() {}

  static void install(Instrumentation instrumentation) {
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
        .ignore(none())
        .with(
            new AgentBuilder.Listener.Adapter() {
              @Override
              public void onError(
                  String typeName,
                  ClassLoader classLoader,
                  net.bytebuddy.utility.JavaModule module,
                  boolean loaded,
                  Throwable throwable) {
                // The other hooks still work; what this class does is then not redirected.
                System.err.println(
                    "fsync-guard crashtest agent: cannot hook " + typeName + ": " + throwable);
              }
            })
        .type(named(FileOutputStream.class.getName()))
        .transform(
            hook(
                ElementMatchers.<MethodDescription>namedOneOf(
                    "open", "write", "close", "getChannel")))
        .type(named(FileInputStream.class.getName()))
        .transform(
            hook(
                ElementMatchers.<MethodDescription>namedOneOf(
                    "open",
                    "read",
                    "readAllBytes",
                    "readNBytes",
                    "skip",
                    "available",
                    "transferTo",
                    "close",
                    "getChannel")))
        .type(named(RandomAccessFile.class.getName()))
        .transform(
            hook(
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
                    "getChannel")))
        .type(named(File.class.getName()))
        .transform(
            hook(
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
                    "setLastModified")))
        // The default file system's provider and the classes it inherits from inside the JDK;
        // FileSystemProvider itself stays clean, so other file systems (the kit's Jimfs among
        // them) never see the hook.
        .type(nameStartsWith("sun.nio.fs.").and(isSubTypeOf(FileSystemProvider.class)))
        .transform(hook(ElementMatchers.<MethodDescription>isPublic().and(not(isAbstract()))))
        .installOn(instrumentation);
  }

  private static AgentBuilder.Transformer hook(ElementMatcher.Junction<MethodDescription> methods) {
    return (builder, type, classLoader, module, protectionDomain) ->
        builder.visit(
            Advice.to(Hook.class)
                .on(methods.and(isMethod()).and(not(isNative())).and(not(isStatic()))));
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
      Object redirect = System.getProperties().get("dev.fsyncguard.crashtest.redirect");
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
