package dev.fsyncguard.checker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates one compilation unit holding a single very long method of durable-storage code, for
 * {@link ScalingBenchmark}. The method is a sequence of small units drawn in turn from a fixed set
 * of shapes: temp files written with {@code Files.write}/{@code writeString}, through {@code
 * FileOutputStream}+{@code BufferedOutputStream} and through {@code FileChannel}; some forced
 * ({@code getFD().sync()}, {@code channel.force}), some not; renames by {@code Files.move} and
 * {@code File.renameTo}; if/else, switch, loops, try/finally and try-with-resources; and many
 * locals of type {@code Path}, {@code File}, {@code String} and {@code int}. A few temps of each
 * stretch are written early and renamed only in the method's last statements, so facts about them
 * must survive the whole method.
 *
 * <p>The statement count is that of the generated method: every simple statement and every compound
 * statement (if, switch, loop, try) counts one; blocks and case labels do not.
 */
public final class MethodGenerator {
  /** A generated unit: its source and how many statements its method holds. */
  public record Generated(String className, String source, int statements, int renames) {}

  private final StringBuilder out = new StringBuilder();
  private int indent;
  private int statements;
  private int renames;
  private int unit;

  /** Temps written earlier and left for the method's end: each is renamed in the final stretch. */
  private final List<String> deferred = new ArrayList<>();

  private MethodGenerator() {}

  /**
   * A class {@code className} in package {@code bench} with one method of at least {@code target}
   * statements.
   */
  public static Generated generate(String className, int target) {
    MethodGenerator g = new MethodGenerator();
    g.emitClass(className, target);
    return new Generated(className, g.out.toString(), g.statements, g.renames);
  }

  private void emitClass(String className, int target) {
    line("package bench;");
    line("");
    line("import java.io.BufferedOutputStream;");
    line("import java.io.File;");
    line("import java.io.FileOutputStream;");
    line("import java.io.IOException;");
    line("import java.io.OutputStream;");
    line("import java.nio.ByteBuffer;");
    line("import java.nio.channels.FileChannel;");
    line("import java.nio.charset.StandardCharsets;");
    line("import java.nio.file.Files;");
    line("import java.nio.file.Path;");
    line("import java.nio.file.StandardCopyOption;");
    line("import java.nio.file.StandardOpenOption;");
    line("");
    line("public class " + className + " {");
    indent++;
    line("private final boolean fsyncEnabled = true;");
    line("");
    line(
        "public int store(Path dir, byte[] data, String text, int mode, boolean durable) throws"
            + " IOException {");
    indent++;
    stmt("int total = 0;");
    stmt("String prefix = \"seg-\" + mode;");
    // Leave room for the final renames (about two statements per deferred temp, one deferred per
    // unit).
    while (statements < target - 2 * deferred.size() - 4) {
      switch (unit % 8) {
        case 0 -> writeForceMove();
        case 1 -> bufferedStreamSyncRenameTo();
        case 2 -> branchesWithoutForce();
        case 3 -> channelLoopTryFinally();
        case 4 -> switchOverModes();
        case 5 -> plainComputation();
        case 6 -> durabilitySwitch();
        default -> tryWithResourcesAndDeferred();
      }
      unit++;
    }
    // The end of the method: every deferred temp is renamed, some after a force, some not.
    for (int i = 0; i < deferred.size(); i++) {
      String tmp = deferred.get(i);
      if (i % 3 == 0) {
        stmt(
            "try (FileChannel endCh"
                + i
                + " = FileChannel.open("
                + tmp
                + ", StandardOpenOption.WRITE)) {");
        indent++;
        stmt("endCh" + i + ".force(true);");
        close();
      }
      move(tmp, "dir.resolve(prefix + \"-final-" + i + "\")");
    }
    stmt("return total;");
    indent--;
    line("}");
    indent--;
    line("}");
  }

  // ---- the unit shapes
  // -------------------------------------------------------------------------------------

  /** Files.write to a temp, force through a channel, atomic move: the correct idiom. */
  private void writeForceMove() {
    String u = "u" + unit;
    stmt("Path " + u + "Tmp = dir.resolve(prefix + \"-" + u + ".tmp\");");
    stmt("Path " + u + "Dst = dir.resolve(prefix + \"-" + u + "\");");
    stmt("Files.write(" + u + "Tmp, data);");
    stmt(
        "try (FileChannel "
            + u
            + "Ch = FileChannel.open("
            + u
            + "Tmp, StandardOpenOption.WRITE)) {");
    indent++;
    stmt(u + "Ch.force(true);");
    stmt("total += (int) " + u + "Ch.size();");
    close();
    move(u + "Tmp", u + "Dst");
    stmt("total += " + u + "Dst.getNameCount();");
  }

  /**
   * FileOutputStream + BufferedOutputStream, flushed and synced through its descriptor,
   * File.renameTo.
   */
  private void bufferedStreamSyncRenameTo() {
    String u = "u" + unit;
    stmt("File " + u + "Tmp = new File(dir.toFile(), prefix + \"-" + u + ".part\");");
    stmt("File " + u + "Dst = new File(dir.toFile(), prefix + \"-" + u + ".dat\");");
    stmt("FileOutputStream " + u + "Fos = new FileOutputStream(" + u + "Tmp);");
    stmt("try {");
    indent++;
    stmt("BufferedOutputStream " + u + "Out = new BufferedOutputStream(" + u + "Fos, 8192);");
    stmt("for (int i = 0; i < data.length; i += 512) {");
    indent++;
    stmt(u + "Out.write(data, i, Math.min(512, data.length - i));");
    stmt("total += i;");
    close();
    stmt(u + "Out.flush();");
    stmt(u + "Fos.getFD().sync();");
    closeWith("} finally {");
    indent++;
    stmt(u + "Fos.close();");
    close();
    stmt("if (!" + u + "Tmp.renameTo(" + u + "Dst)) {");
    renames++;
    indent++;
    stmt("throw new IOException(\"rename failed: \" + " + u + "Dst);");
    close();
  }

  /**
   * Files.writeString on either branch, no force, then a move: a finding. Also a temp left for the
   * end.
   */
  private void branchesWithoutForce() {
    String u = "u" + unit;
    stmt("Path " + u + "Tmp = dir.resolve(prefix + \"-" + u + ".tmp\");");
    stmt("String " + u + "Body = text + \"" + u + "\";");
    stmt("int " + u + "Len = " + u + "Body.length();");
    stmt("if (" + u + "Len > mode) {");
    indent++;
    stmt("Files.writeString(" + u + "Tmp, " + u + "Body);");
    stmt("total += " + u + "Len;");
    closeWith("} else if (" + u + "Len == mode) {");
    indent++;
    stmt(
        "Files.write("
            + u
            + "Tmp, data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);");
    closeWith("} else {");
    indent++;
    stmt("Files.writeString(" + u + "Tmp, " + u + "Body, StandardCharsets.UTF_8);");
    stmt("total -= " + u + "Len;");
    close();
    move(u + "Tmp", "dir.resolve(prefix + \"-" + u + "\")");
    String late = u + "Late";
    stmt("Path " + late + " = dir.resolve(prefix + \"-" + u + ".late\");");
    stmt("Files.write(" + late + ", data);");
    deferred.add(late);
  }

  /** Channel writes in a loop inside try/finally; the force is in the finally. */
  private void channelLoopTryFinally() {
    String u = "u" + unit;
    stmt("Path " + u + "Tmp = Files.createTempFile(dir, prefix, \".seg\");");
    stmt("FileChannel " + u + "Ch = FileChannel.open(" + u + "Tmp, StandardOpenOption.WRITE);");
    stmt("int " + u + "Written = 0;");
    stmt("try {");
    indent++;
    stmt("ByteBuffer " + u + "Buf = ByteBuffer.wrap(data);");
    stmt("while (" + u + "Buf.hasRemaining()) {");
    indent++;
    stmt(u + "Written += " + u + "Ch.write(" + u + "Buf);");
    close();
    stmt("for (int k = 0; k < mode; k++) {");
    indent++;
    stmt("if (k % 7 == 3) {");
    indent++;
    stmt("continue;");
    close();
    stmt(u + "Ch.write(ByteBuffer.wrap(data, 0, Math.min(k, data.length)));");
    close();
    stmt(u + "Ch.force(false);");
    closeWith("} finally {");
    indent++;
    stmt(u + "Ch.close();");
    close();
    move(u + "Tmp", "dir.resolve(prefix + \"-" + u + ".seg\")");
    stmt("total += " + u + "Written;");
  }

  /** A switch choosing how to write; one arm forgets the force. */
  private void switchOverModes() {
    String u = "u" + unit;
    stmt("File " + u + "Tmp = dir.resolve(\"" + u + ".new\").toFile();");
    stmt("File " + u + "Dst = dir.resolve(\"" + u + ".cur\").toFile();");
    stmt("switch (mode % 4) {");
    indent++;
    label("case 0:");
    stmt("Files.write(" + u + "Tmp.toPath(), data);");
    stmt(
        "try (FileChannel c = FileChannel.open("
            + u
            + "Tmp.toPath(), StandardOpenOption.WRITE)) {");
    indent++;
    stmt("c.force(true);");
    close();
    stmt("break;");
    label("case 1:");
    stmt("try (FileOutputStream fos = new FileOutputStream(" + u + "Tmp)) {");
    indent++;
    stmt("fos.write(data);");
    stmt("fos.getFD().sync();");
    close();
    stmt("break;");
    label("case 2:");
    stmt("Files.writeString(" + u + "Tmp.toPath(), text);");
    stmt("total++;");
    stmt("break;");
    label("default:");
    stmt("total--;");
    indent--;
    line("}");
    stmt("if (!" + u + "Tmp.renameTo(" + u + "Dst)) {");
    renames++;
    indent++;
    stmt("total -= 100;");
    close();
  }

  /**
   * Locals of every kind and plain arithmetic: the bulk of a real method that the analysis must
   * pass over.
   */
  private void plainComputation() {
    String u = "u" + unit;
    stmt("int " + u + "A = total * 31 + mode;");
    stmt("int " + u + "B = " + u + "A % 17;");
    stmt("String " + u + "Name = prefix + \"-\" + " + u + "B;");
    stmt("Path " + u + "P = dir.resolve(" + u + "Name);");
    stmt("Path " + u + "Q = " + u + "P.resolveSibling(" + u + "Name + \".bak\");");
    stmt("File " + u + "F = " + u + "Q.toFile();");
    stmt("String " + u + "S = " + u + "F.getName();");
    stmt("for (int j = 0; j < " + u + "B; j++) {");
    indent++;
    stmt(u + "A += j * " + u + "S.length();");
    stmt("if (" + u + "A > 1000000) {");
    indent++;
    stmt("break;");
    close();
    close();
    stmt("if (" + u + "F.exists() && " + u + "P.startsWith(dir)) {");
    indent++;
    stmt("total += " + u + "A;");
    closeWith("} else {");
    indent++;
    stmt(u + "B = " + u + "S.hashCode();");
    stmt("total ^= " + u + "B;");
    close();
  }

  /** A force guarded by the author's durability switch, and a field flag; renamed by Files.move. */
  private void durabilitySwitch() {
    String u = "u" + unit;
    stmt("Path " + u + "Tmp = dir.resolve(\"" + u + ".journal.tmp\");");
    stmt("Files.write(" + u + "Tmp, data, StandardOpenOption.CREATE, StandardOpenOption.WRITE);");
    stmt("if (durable && fsyncEnabled) {");
    indent++;
    stmt("try (FileChannel c = FileChannel.open(" + u + "Tmp, StandardOpenOption.WRITE)) {");
    indent++;
    stmt("c.force(true);");
    close();
    close();
    move(u + "Tmp", "dir.resolve(\"" + u + ".journal\")");
  }

  /**
   * A stream opened in try-with-resources; one temp is written here and renamed only at the
   * method's end.
   */
  private void tryWithResourcesAndDeferred() {
    String u = "u" + unit;
    stmt("Path " + u + "Tmp = dir.resolve(prefix + \"-" + u + ".idx.tmp\");");
    stmt(
        "try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(" + u + "Tmp))) {");
    indent++;
    stmt("out.write(data);");
    stmt("out.write(mode);");
    close();
    stmt("try (FileChannel c = FileChannel.open(" + u + "Tmp, StandardOpenOption.WRITE)) {");
    indent++;
    stmt("c.force(true);");
    close();
    String late = u + "Late";
    stmt("Path " + late + " = dir.resolve(prefix + \"-" + u + ".late\");");
    stmt("Files.write(" + late + ", data);");
    deferred.add(late);
    move(u + "Tmp", "dir.resolve(prefix + \"-" + u + ".idx\")");
  }

  // ---- emitting
  // --------------------------------------------------------------------------------------------

  private void move(String source, String target) {
    stmt("Files.move(" + source + ", " + target + ", StandardCopyOption.ATOMIC_MOVE);");
    renames++;
  }

  /** A statement (or the header of a compound one). */
  private void stmt(String text) {
    statements++;
    line(text);
  }

  private void label(String text) {
    indent--;
    line(text);
    indent++;
  }

  private void close() {
    indent--;
    line("}");
  }

  /**
   * Closes a block and opens the next part of the same statement ({@code else}, {@code finally}).
   */
  private void closeWith(String text) {
    indent--;
    line(text);
  }

  private void line(String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d statements, %d renames", statements, renames);
  }
}
