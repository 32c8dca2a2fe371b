package dev.fsyncguard.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.FileManagers;
import com.google.errorprone.ImportOrderParser;
import com.google.errorprone.apply.DescriptionBasedDiff;
import com.google.errorprone.apply.SourceFile;
import com.google.errorprone.bugpatterns.BugChecker;
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
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;

/**
 * A source file as {@code -XepPatchChecks:<check>} leaves it, character for character.
 * {@code BugCheckerRefactoringTestHelper}'s TEXT_MATCH formats both sides before comparing, so it
 * cannot see indentation; patch mode applies fixes the same way as here (first fix of each finding).
 */
final class PatchedSource {
  private PatchedSource() {}

  /** The text of {@code Store.java} patched by RenameWithoutFsync; fails when the input does not compile. */
  static String of(List<String> javacArgs, String... lines) {
    return of(RenameWithoutFsync.class, javacArgs, lines);
  }

  /** The text of {@code Store.java} patched by {@code check}; fails when the input does not compile. */
  static String of(Class<? extends BugChecker> check, List<String> javacArgs, String... lines) {
    JavaFileObject input = JavaFileObjects.forSourceString("Store", String.join("\n", lines) + "\n");
    Context context = new Context();
    ErrorProneOptions options = ErrorProneOptions.processArgs(javacArgs);
    context.put(ErrorProneOptions.class, options);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter out = new StringWriter();
    JavacTaskImpl task =
        (JavacTaskImpl)
            JavacTool.create()
                .getTask(
                    new PrintWriter(out, true),
                    FileManagers.testFileManager(),
                    diagnostics,
                    options.getRemainingArgs(),
                    null,
                    ImmutableList.of(input),
                    context);
    try {
      CompilationUnitTree unit = task.parse().iterator().next();
      task.analyze();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        assertWithMessage("input compiles: %s", d).that(d.getKind()).isNotEqualTo(Diagnostic.Kind.ERROR);
      }
      DescriptionBasedDiff diff =
          DescriptionBasedDiff.create(
              (JCCompilationUnit) unit, ImportOrderParser.getImportOrganizer("static-first"));
      ErrorProneScannerTransformer.create(
              ScannerSupplier.fromBugCheckerClasses(check).get())
          .apply(
              new TreePath(unit),
              context,
              description -> {
                if (!description.fixes.isEmpty()) {
                  diff.handleFix(description.fixes.get(0));
                }
              });
      SourceFile source = SourceFile.create(input);
      diff.applyDifferences(source);
      return source.getSourceText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
