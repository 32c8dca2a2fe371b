package dev.fsyncguard.checker.api;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.fsyncguard.checker.LibraryStandIns;
import dev.fsyncguard.checker.api.FileApis.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The analysis tries a call only against the rules its method name selects. That is only sound if
 * every rule's names accept every call its matcher accepts: checked on a source that calls every
 * modelled API, library stand-ins and flag-named methods included.
 */
final class FileApisTest {
  private static final FsyncOptions WITH_FLAGS =
      new FsyncOptions(
          false,
          ImmutableList.of(MethodName.parse("f", "app.Io#syncAll")),
          ImmutableList.of(MethodName.parse("r", "app.Io#swap")));

  private static final String CALLS =
      String.join(
          "\n",
          "package app;",
          "import java.io.*;",
          "import java.nio.*;",
          "import java.nio.channels.*;",
          "import java.nio.file.*;",
          "import java.util.Properties;",
          "import java.util.zip.GZIPOutputStream;",
          "class Io {",
          "  static void syncAll(File f) {}",
          "  static void swap(File a, File b) {}",
          "  void all(Path p, File f, byte[] b) throws Exception {",
          "    Files.move(p, p); f.renameTo(f); Files.delete(p); Files.deleteIfExists(p);"
              + " f.delete();",
          "    f.toPath(); f.getAbsoluteFile(); f.getCanonicalFile(); f.getPath();"
              + " f.getAbsolutePath();",
          "    f.getCanonicalPath(); f.toString(); p.toFile(); p.toAbsolutePath(); p.normalize();",
          "    p.toRealPath(); p.toString(); Paths.get(\"x\"); Path.of(\"x\"); new File(\"x\");",
          "    p.getParent(); f.getParentFile(); f.getParent(); p.resolve(\"x\");"
              + " p.resolveSibling(\"x\");",
          "    Paths.get(\"d\", \"x\"); Path.of(\"d\", \"x\"); new File(f, \"x\"); new File(\"d\","
              + " \"x\");",
          "    Files.write(p, b); Files.writeString(p, \"x\"); Files.copy(p, p);",
          "    Files.newOutputStream(p); Files.newBufferedWriter(p); Files.newByteChannel(p);",
          "    FileChannel ch = FileChannel.open(p);",
          "    Channels.newOutputStream(ch); Channels.newWriter(ch, \"UTF-8\");",
          "    FileOutputStream out = new FileOutputStream(f); new FileWriter(f);",
          "    RandomAccessFile raf = new RandomAccessFile(f, \"rw\"); new PrintStream(f);",
          "    new BufferedWriter(new OutputStreamWriter(out)); new BufferedOutputStream(out);",
          "    new ObjectOutputStream(out); new GZIPOutputStream(out); new DataOutputStream(out);",
          "    out.getFD().sync(); raf.getChannel(); ch.force(true);",
          "    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, 1); map.force();",
          "    new Properties().store(out, null); new Properties().storeToXML(out, null);",
          "    out.write(b); raf.setLength(0); ch.truncate(0); new PrintStream(out).printf(\"x\");",
          "    out.flush(); new GZIPOutputStream(out).finish(); out.close();",
          "    syncAll(f); swap(f, f);",
          "    org.apache.kafka.common.utils.Utils.atomicMoveWithFallback(p, p);",
          "    org.apache.kafka.common.utils.Utils.flushDir(p);",
          "    org.apache.kafka.common.utils.Utils.flushDirIfExists(p);",
          "    org.apache.kafka.common.utils.Utils.flushFileIfExists(p);",
          "    org.apache.lucene.util.IOUtils.fsync(p, false);",
          "    com.google.common.io.Files.move(f, f);",
          "    org.apache.commons.io.FileUtils.moveFile(f, f);",
          "    org.apache.commons.io.FileUtils.moveFileToDirectory(f, f, true);",
          "    com.alipay.sofa.jraft.util.Utils.atomicMoveFile(f, f, true);",
          "    com.alipay.sofa.jraft.util.Utils.fsync(f);",
          "    org.apache.ratis.util.FileUtils.move(f, f);",
          "    org.eclipse.jgit.util.FileUtils.rename(f, f);",
          "    org.apache.hadoop.io.nativeio.NativeIO.renameTo(f, f);",
          "    new OutputStream() { public void write(int x) {} }.write(1);",
          "    String.valueOf(1).length(); Math.max(1, 2); new StringBuilder().append(1);",
          "  }",
          "}");

  /** Calls of the modelled library writers, compiled against the real libraries. */
  private static final String WRITER_CALLS =
      String.join(
          "\n",
          "package app;",
          "import java.io.*;",
          "import java.nio.charset.StandardCharsets;",
          "import java.nio.file.*;",
          "import java.util.List;",
          "class Writers {",
          "  void all(Path p, File f, OutputStream out, Writer w, byte[] b) throws Exception {",
          "    com.fasterxml.jackson.databind.ObjectMapper m2 = new"
              + " com.fasterxml.jackson.databind.ObjectMapper();",
          "    m2.writeValue(f, 1); m2.writer().writeValue(out, 1); m2.createGenerator(out);",
          "    m2.writeTree(m2.createGenerator(w), m2.createObjectNode());",
          "    new com.fasterxml.jackson.core.JsonFactory().createGenerator(f,"
              + " com.fasterxml.jackson.core.JsonEncoding.UTF8);",
          "    tools.jackson.databind.ObjectMapper m3 = new tools.jackson.databind.ObjectMapper();",
          "    m3.writeValue(p, 1); m3.writer().writeValue(w, 1); m3.createGenerator(p,"
              + " tools.jackson.core.JsonEncoding.UTF8);",
          "    tools.jackson.core.json.JsonFactory f3 = new tools.jackson.core.json.JsonFactory();",
          "    f3.createGenerator(tools.jackson.core.ObjectWriteContext.empty(), out);",
          "    com.google.gson.Gson gson = new com.google.gson.Gson();",
          "    gson.toJson(1, w); gson.toJson(1, Integer.class, w);",
          "    com.google.gson.stream.JsonWriter jw = gson.newJsonWriter(w);",
          "    new"
              + " com.google.gson.stream.JsonWriter(w).beginObject().name(\"x\").value(1).endObject();",
          "    jw.beginArray().nullValue().jsonValue(\"1\").endArray();",
          "    new org.yaml.snakeyaml.Yaml().dump(1, w); new"
              + " org.yaml.snakeyaml.Yaml().dumpAll(List.of().iterator(), w);",
          "    org.apache.commons.io.FileUtils.write(f, \"x\", StandardCharsets.UTF_8);",
          "    org.apache.commons.io.FileUtils.writeStringToFile(f, \"x\", StandardCharsets.UTF_8,"
              + " true);",
          "    org.apache.commons.io.FileUtils.writeByteArrayToFile(f, b);",
          "    org.apache.commons.io.FileUtils.writeLines(f, List.of(\"x\"));",
          "    org.apache.commons.io.FileUtils.copyFile(f, f);",
          "    org.apache.commons.io.FileUtils.copyInputStreamToFile(InputStream.nullInputStream(),"
              + " f);",
          "    org.apache.commons.io.FileUtils.copyToFile(InputStream.nullInputStream(), f);",
          "    org.apache.commons.io.FileUtils.copyURLToFile(new java.net.URL(\"file:/x\"), f);",
          "    org.apache.commons.io.FileUtils.openOutputStream(f, true);",
          "    org.apache.commons.io.IOUtils.write(b, out);"
              + " org.apache.commons.io.IOUtils.writeChunked(b, out);",
          "    org.apache.commons.io.IOUtils.copy(InputStream.nullInputStream(), out);",
          "    org.apache.commons.io.IOUtils.copyLarge(InputStream.nullInputStream(), out);",
          "    org.apache.commons.io.IOUtils.writeLines(List.of(\"x\"), \"\\n"
              + "\", out, StandardCharsets.UTF_8);",
          "    com.google.common.io.Files.write(b, f); com.google.common.io.Files.copy(f, f);",
          "    com.google.common.io.Files.append(\"x\", f, StandardCharsets.UTF_8);",
          "    com.google.common.io.Files.newWriter(f, StandardCharsets.UTF_8);",
          "    com.google.common.io.ByteSink bs = com.google.common.io.Files.asByteSink(f,"
              + " com.google.common.io.FileWriteMode.APPEND);",
          "    com.google.common.io.CharSink cs = com.google.common.io.MoreFiles.asCharSink(p,"
              + " StandardCharsets.UTF_8);",
          "    com.google.common.io.Files.asCharSink(f, StandardCharsets.UTF_8);"
              + " com.google.common.io.MoreFiles.asByteSink(p);",
          "    bs.openStream(); bs.openBufferedStream(); cs.openStream(); cs.openBufferedStream();",
          "    javax.xml.transform.stream.StreamResult r = new"
              + " javax.xml.transform.stream.StreamResult(f);",
          "    javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(null,"
              + " r);",
          "    javax.imageio.ImageIO.write(null, \"png\", f);",
          "    javax.xml.stream.XMLOutputFactory.newInstance().createXMLStreamWriter(out);",
          "    new java.util.zip.ZipOutputStream(out); new java.util.zip.GZIPOutputStream(out,"
              + " true);",
          "  }",
          "}");

  @Test
  void everyCallARuleMatchesIsOneItsNamesSelect() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("app/Io.java", CALLS);
    sources.put("app/Writers.java", WRITER_CALLS);
    sources.putAll(LibraryStandIns.SOURCES);
    try (Attributed attributed = Attributed.of(sources)) {
      VisitorState state = VisitorState.createForUtilityPurposes(attributed.context);
      ApiTable table = new ApiTable(WITH_FLAGS, state);
      ImmutableList<Rule> rules = table.rules();
      Set<Rule> used = new HashSet<>();
      int calls = 0;
      for (ExpressionTree call : calls(attributed.units)) {
        calls++;
        Symbol callee = ASTHelpers.getSymbol(call);
        ImmutableList<Rule> selected = table.rulesFor(callee);
        for (Rule rule : rules) {
          if (rule.matches(call, state)) {
            used.add(rule);
            assertWithMessage("rule %s of the table matches %s", rules.indexOf(rule), call)
                .that(selected)
                .contains(rule);
          }
        }
        assertWithMessage("the rules selected for %s keep the table's order", call)
            .that(selected)
            .isInOrder((a, b) -> Integer.compare(rules.indexOf(a), rules.indexOf(b)));
      }
      assertThat(calls).isGreaterThan(150);
      for (Rule rule : rules) {
        assertWithMessage(
                "rule %s (%s) is called in the source", rules.indexOf(rule), rule.action())
            .that(used)
            .contains(rule);
      }
    }
  }

  private static List<ExpressionTree> calls(Iterable<? extends CompilationUnitTree> units) {
    List<ExpressionTree> calls = new ArrayList<>();
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            calls.add(tree);
            return super.visitMethodInvocation(tree, null);
          }

          @Override
          public Void visitNewClass(NewClassTree tree, Void unused) {
            calls.add(tree);
            return super.visitNewClass(tree, null);
          }
        };
    for (CompilationUnitTree unit : units) {
      scanner.scan(unit, null);
    }
    return calls;
  }
}
