package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.FileManagers;
import com.google.errorprone.ImportOrderParser;
import com.google.errorprone.apply.DescriptionBasedDiff;
import com.google.errorprone.apply.SourceFile;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ErrorProneScannerTransformer;
import com.google.errorprone.scanner.ScannerSupplier;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTaskImpl;
import com.sun.tools.javac.api.JavacTool;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;

/**
 * One compilation of {@code Store.java} with the six checks, and the source as {@code
 * -XepPatchChecks:<checks>} leaves it for any set of them, character for character. Patch mode
 * applies the first fix of each finding of the named checks, all at once, as here. {@code
 * BugCheckerRefactoringTestHelper} cannot: it runs one check and formats both sides.
 */
final class PatchRun {
  /** Every check of the project, as {@code -XepPatchChecks:} would name them all. */
  static final ImmutableList<Class<? extends BugChecker>> ALL_CHECKS = AllChecks.CLASSES;

  /**
   * A finding of the compilation.
   *
   * @param position where it is reported, in the compiled source
   * @param fix the fix patch mode applies, or null
   */
  record Finding(String check, int position, String message, Fix fix) {
    /** Whether the diagnostic says part of the repair is the author's, or offers none at all. */
    boolean leftToAuthor() {
      return fix == null || message.contains("Left to you:");
    }
  }

  private final String name;
  private final String source;
  private final JCCompilationUnit unit;
  private final ImmutableList<Finding> findings;

  private PatchRun(
      String name, String source, JCCompilationUnit unit, ImmutableList<Finding> findings) {
    this.name = name;
    this.source = source;
    this.unit = unit;
    this.findings = findings;
  }

  /**
   * Compiles {@code source}, as {@code Store.java}, with {@code checks}; fails when it does not
   * compile.
   */
  static PatchRun of(
      String source, List<String> javacArgs, List<Class<? extends BugChecker>> checks) {
    return of("Store", source, javacArgs, checks);
  }

  /**
   * Compiles {@code source}, the class {@code name}, with {@code checks}; fails when it does not
   * compile.
   */
  static PatchRun of(
      String name,
      String source,
      List<String> javacArgs,
      List<Class<? extends BugChecker>> checks) {
    JavaFileObject input = JavaFileObjects.forSourceString(name, source);
    Context context = new Context();
    ErrorProneOptions options = ErrorProneOptions.processArgs(javacArgs);
    context.put(ErrorProneOptions.class, options);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTaskImpl task =
        (JavacTaskImpl)
            JavacTool.create()
                .getTask(
                    new PrintWriter(new StringWriter(), true),
                    FileManagers.testFileManager(),
                    diagnostics,
                    options.getRemainingArgs(),
                    null,
                    ImmutableList.of(input),
                    context);
    CompilationUnitTree unit = task.parse().iterator().next();
    task.analyze();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      assertWithMessage("compiles: %s\n%s", d, source)
          .that(d.getKind())
          .isNotEqualTo(Diagnostic.Kind.ERROR);
    }
    List<Finding> found = new ArrayList<>();
    ErrorProneScannerTransformer.create(ScannerSupplier.fromBugCheckerClasses(checks).get())
        .apply(
            new TreePath(unit),
            context,
            (Description description) ->
                found.add(
                    new Finding(
                        description.checkName,
                        startOf(description),
                        description.getMessageWithoutCheckName(),
                        description.fixes.isEmpty() ? null : description.fixes.get(0))));
    return new PatchRun(name, source, (JCCompilationUnit) unit, ImmutableList.copyOf(found));
  }

  /**
   * Where a finding is reported. The field's type changed in Error Prone 2.46 (an {@code
   * ErrorPronePosition} replaced javac's {@code DiagnosticPosition}); both have {@code
   * getStartPosition()}, so one compiled test runs on every release the checker supports.
   */
  private static int startOf(Description description) {
    try {
      java.lang.reflect.Field field = Description.class.getField("position");
      // The method of the field's declared (public) type: the object's own class may not be public.
      return (Integer) field.getType().getMethod("getStartPosition").invoke(field.get(description));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("a finding without a start position: " + description, e);
    }
  }

  ImmutableList<Finding> findings() {
    return findings;
  }

  /** The source after patch mode with {@code checks} (simple names). */
  String patchedBy(Set<String> checks) {
    DescriptionBasedDiff diff =
        DescriptionBasedDiff.create(unit, ImportOrderParser.getImportOrganizer("static-first"));
    for (Finding finding : findings) {
      if (finding.fix() != null && checks.contains(finding.check())) {
        diff.handleFix(finding.fix());
      }
    }
    try {
      SourceFile file = SourceFile.create(JavaFileObjects.forSourceString(name, source));
      diff.applyDifferences(file);
      return file.getSourceText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a fix does here, comparable across findings: its replacements (as {@code toString} spells
   * them, the same on every Error Prone release) and its imports.
   */
  String replacementsOf(Fix fix) {
    return fix.toString(unit) + " +" + fix.getImportsToAdd() + " -" + fix.getImportsToRemove();
  }
}
