package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;

/**
 * What the tests of {@link RenameWithoutFsync} on library writers share: the imports of the real
 * Jackson 2 and 3, Gson, SnakeYAML, Commons IO and Guava, and a class {@code A} around each case.
 */
abstract class LibraryWriterCases {
  static final String HEADER =
      """
      import static java.nio.charset.StandardCharsets.UTF_8;
      import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
      import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
      import static java.nio.file.StandardOpenOption.*;

      import com.fasterxml.jackson.core.JsonEncoding;
      import com.fasterxml.jackson.core.JsonGenerator;
      import com.fasterxml.jackson.databind.ObjectMapper;
      import com.google.common.io.ByteSink;
      import com.google.common.io.FileWriteMode;
      import com.google.common.io.MoreFiles;
      import com.google.gson.Gson;
      import com.google.gson.stream.JsonWriter;
      import dev.fsyncguard.durable.DurableFiles;
      import java.awt.image.RenderedImage;
      import java.io.*;
      import java.nio.channels.FileChannel;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.List;
      import java.util.Map;
      import java.util.zip.GZIPOutputStream;
      import java.util.zip.ZipEntry;
      import java.util.zip.ZipOutputStream;
      import javax.xml.stream.XMLOutputFactory;
      import javax.xml.stream.XMLStreamWriter;
      import javax.xml.transform.Transformer;
      import javax.xml.transform.dom.DOMSource;
      import javax.xml.transform.stream.StreamResult;
      import org.apache.commons.io.FileUtils;
      import org.apache.commons.io.IOUtils;
      import org.yaml.snakeyaml.Yaml;

      abstract class A {
        final ObjectMapper mapper = new ObjectMapper();
        final tools.jackson.databind.ObjectMapper mapper3 = new tools.jackson.databind.ObjectMapper();
        final Gson gson = new Gson();
        final Yaml yaml = new Yaml();
      """;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass());

  /**
   * Checks one method of class {@code A}; a reported rename is marked {@code // BUG: Diagnostic
   * contains: …}.
   */
  void check(String method) {
    helper.addSourceLines("A.java", HEADER + method.indent(2) + "}\n").doTest();
  }
}
