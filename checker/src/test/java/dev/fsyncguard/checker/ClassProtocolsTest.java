package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saves spread over an object's methods: the file is opened in a constructor or a {@code
 * begin}-like method, written by the callers through the stream, and forced and renamed in {@code
 * close()} or a {@code commit}. The commit is judged on every step with what the object's other
 * methods leave. The real classes are reductions of published sources, named with their project and
 * lines.
 */
class ClassProtocolsTest {
  /**
   * ZooKeeper 3.9.5 {@code org.apache.zookeeper.common.AtomicFileOutputStream} (lines 56-104):
   * forced in {@code close()}, then renamed; when {@code renameTo} fails, the target is deleted and
   * the rename tried again, and the directory is never forced. {@code @atomic} and {@code @dir} are
   * replaced by each case's expectation.
   */
  private static final String ZOOKEEPER =
      """
      import java.io.FilterOutputStream;
      public class AtomicFileOutputStream extends FilterOutputStream {
        private static final String TMP_EXTENSION = ".tmp";
        private final File origFile;
        private final File tmpFile;

        public AtomicFileOutputStream(File f) throws FileNotFoundException {
          super(new FileOutputStream(new File(f.getParentFile(), f.getName() + TMP_EXTENSION)));
          origFile = f.getAbsoluteFile();
          tmpFile = new File(f.getParentFile(), f.getName() + TMP_EXTENSION).getAbsoluteFile();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          boolean triedToClose = false, success = false;
          try {
            flush();
            ((FileOutputStream) out).getFD().sync();
            triedToClose = true;
            super.close();
            success = true;
          } finally {
            if (success) {
              boolean renamed = tmpFile.renameTo(origFile);
              if (!renamed) {
                // BUG_HERE
                if (!origFile.delete() || !tmpFile.renameTo(origFile)) { // @fallback
                  throw new IOException("Could not rename " + tmpFile + " to " + origFile);
                }
              }
            } else {
              if (!triedToClose) {
                out.close();
              }
              if (!tmpFile.delete()) {
                System.err.println("Unable to delete tmp file " + tmpFile);
              }
            }
          }
        }

        public void abort() {
          try {
            super.close();
          } catch (IOException ioe) {
            System.err.println("Unable to abort file " + tmpFile);
          }
          if (!tmpFile.delete()) {
            System.err.println("Unable to delete tmp file during abort " + tmpFile);
          }
        }
      }
      """;

  /**
   * Hadoop HDFS 3.4.1 {@code org.apache.hadoop.hdfs.util.AtomicFileOutputStream} (lines 49-101),
   * which a NameNode's {@code seen_txid}, the image's MD5 files and the JournalNode's Paxos data go
   * through: forced through the channel, renamed; on failure the target is deleted and renamed onto
   * with Hadoop's native rename.
   */
  private static final String HDFS =
      """
      import java.io.FilterOutputStream;
      import org.apache.hadoop.io.nativeio.NativeIO;
      public class AtomicFileOutputStream extends FilterOutputStream {
        private static final String TMP_EXTENSION = ".tmp";
        private final File origFile;
        private final File tmpFile;

        public AtomicFileOutputStream(File f) throws FileNotFoundException {
          super(new FileOutputStream(new File(f.getParentFile(), f.getName() + TMP_EXTENSION)));
          origFile = f.getAbsoluteFile();
          tmpFile = new File(f.getParentFile(), f.getName() + TMP_EXTENSION).getAbsoluteFile();
        }

        @Override
        public void close() throws IOException {
          boolean triedToClose = false, success = false;
          try {
            flush();
            ((FileOutputStream) out).getChannel().force(true);
            triedToClose = true;
            super.close();
            success = true;
          } finally {
            if (success) {
              boolean renamed = tmpFile.renameTo(origFile);
              if (!renamed) {
                if (origFile.exists() && !origFile.delete()) { // @delete
                  throw new IOException("Could not delete original file " + origFile);
                }
                // BUG_HERE
                NativeIO.renameTo(tmpFile, origFile);
              }
            } else {
              if (!triedToClose) {
                out.close();
              }
              if (!tmpFile.delete()) {
                System.err.println("Unable to delete tmp file " + tmpFile);
              }
            }
          }
        }
      }
      """;

  private static CompilationTestHelper helper(Class<? extends BugChecker> check) {
    return LibraryStandIns.addTo(
        CompilationTestHelper.newInstance(check, ClassProtocolsTest.class));
  }

  private static String withBug(String source, String expectation) {
    return TestSources.source(
        source.replace(
            "// BUG_HERE",
            expectation.isEmpty() ? "" : "// BUG: Diagnostic contains: " + expectation));
  }

  @Test
  void zooKeeperStreamForcesInCloseSoItsForceStepPasses() {
    helper(RenameWithoutFsync.class)
        .addSourceLines("AtomicFileOutputStream.java", withBug(ZOOKEEPER, ""))
        .doTest();
  }

  @Test
  void zooKeeperStreamFallsBackToDeleteThenRename() {
    helper(NonAtomicReplace.class)
        .addSourceLines(
            "AtomicFileOutputStream.java",
            withBug(
                ZOOKEEPER,
                "`origFile` is deleted on line @fallback before `tmpFile` is renamed onto it: a"
                    + " crash in between"))
        .doTest();
  }

  @Test
  void zooKeeperStreamNeverForcesTheDirectory() {
    helper(RenameWithoutDirectoryFsync.class)
        .addSourceLines(
            "AtomicFileOutputStream.java",
            withBug(
                ZOOKEEPER,
                "The save spans the object's methods: AtomicFileOutputStream(File) opens the file"
                    + " for writing and keeps the stream, its callers write through it, and close()"
                    + " commits it."))
        .doTest();
  }

  @Test
  void zooKeeperStreamDoesNotSwallowItsSyncFailureNorUseTheTempDirectory() {
    helper(FsyncFailureIgnored.class)
        .addSourceLines("AtomicFileOutputStream.java", withBug(ZOOKEEPER, ""))
        .doTest();
    helper(TempFileOutsideTargetDirectory.class)
        .addSourceLines("AtomicFileOutputStream.java", withBug(ZOOKEEPER, ""))
        .doTest();
  }

  /**
   * ZooKeeper 3.9.5 {@code AtomicFileWritingIdiom} (lines 51-80), the stream's user: it writes, and
   * commits by closing; every finding stays in the stream's {@code close()}.
   */
  @Test
  void zooKeeperWritingIdiomThatCommitsThroughTheStreamIsQuiet() {
    String idiom =
        """
        public class AtomicFileWritingIdiom {
          public interface OutputStreamStatement {
            void write(OutputStream os) throws IOException;
          }

          public AtomicFileWritingIdiom(File targetFile, OutputStreamStatement osStmt)
              throws IOException {
            AtomicFileOutputStream out = null;
            boolean error = true;
            try {
              out = new AtomicFileOutputStream(targetFile);
              osStmt.write(out);
              out.flush();
              error = false;
            } finally {
              if (out != null) {
                if (error) {
                  out.abort();
                } else {
                  try {
                    out.close();
                  } catch (IOException e) {
                    System.err.println("close failed: " + e);
                  }
                }
              }
            }
          }
        }
        """;
    for (Class<? extends BugChecker> check :
        List.of(RenameWithoutFsync.class, FsyncFailureIgnored.class, FsyncsWithoutForce.class)) {
      helper(check)
          .addSourceLines("AtomicFileWritingIdiom.java", TestSources.source(idiom))
          .addSourceLines("AtomicFileOutputStream.java", withBug(ZOOKEEPER, ""))
          .doTest();
    }
    helper(NonAtomicReplace.class)
        .addSourceLines("AtomicFileWritingIdiom.java", TestSources.source(idiom))
        .addSourceLines(
            "AtomicFileOutputStream.java", withBug(ZOOKEEPER, "`origFile` is deleted on line"))
        .doTest();
  }

  @Test
  void hdfsStreamFallsBackToDeleteThenNativeRename() {
    helper(NonAtomicReplace.class)
        .addSourceLines(
            "AtomicFileOutputStream.java", withBug(HDFS, "`origFile` is deleted on line @delete"))
        .doTest();
    helper(RenameWithoutFsync.class)
        .addSourceLines("AtomicFileOutputStream.java", withBug(HDFS, ""))
        .doTest();
  }

  @Test
  void hdfsStreamNeverForcesTheDirectory() {
    helper(RenameWithoutDirectoryFsync.class)
        .addSourceLines(
            "AtomicFileOutputStream.java",
            TestSources.source(
                HDFS.replace("// BUG_HERE", "")
                    .replace(
                        "      boolean renamed = tmpFile.renameTo(origFile);",
                        "      // BUG: Diagnostic contains: the directory holding `origFile` is not"
                            + " forced\n"
                            + "      boolean renamed = tmpFile.renameTo(origFile);")))
        .doTest();
  }

  @Test
  void flagsStreamKeptByABeginMethodAndRenamedUnforced() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "Snapshot.java",
            TestSources.source(
                """
                public class Snapshot {
                  private final Path tmp;
                  private final Path target;
                  private Writer out;

                  public Snapshot(Path target) {
                    this.target = target;
                    this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
                  }

                  public void begin() throws IOException {
                    out = Files.newBufferedWriter(tmp); // @open
                  }

                  public void append(String line) throws IOException {
                    out.write(line);
                  }

                  public void commit() throws IOException {
                    out.close();
                    // BUG: Diagnostic contains: `tmp` is renamed before the write on line @open was forced to disk (never forced on any path)
                    Files.move(tmp, target, ATOMIC_MOVE);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void messageNamesTheMethodsTheSaveSpans() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "Snapshot.java",
            TestSources.source(
                """
                public class Snapshot {
                  private final File tmp;
                  private final File target;
                  private final OutputStream out;

                  public Snapshot(File target) throws IOException {
                    this.target = target;
                    this.tmp = new File(target.getPath() + ".tmp");
                    this.out = new BufferedOutputStream(new FileOutputStream(tmp));
                  }

                  public void write(byte[] data) throws IOException {
                    out.write(data);
                  }

                  public void commit() throws IOException {
                    out.flush();
                    // BUG: Diagnostic contains: The save spans the object's methods: Snapshot(File) opens the file for writing and keeps the stream, its callers write through it, and commit() commits it.
                    tmp.renameTo(target);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Jenkins {@code hudson.util.AtomicFileWriter} (2.2xx, {@code commit()}): a buffered writer on a
   * temp made in the target's directory, closed and moved atomically, falling back to a plain
   * replace when the atomic move fails; never forced.
   */
  private static final String JENKINS =
      """
      import java.nio.charset.Charset;
      public class AtomicFileWriter extends Writer {
        private final Writer core;
        private final Path tmpPath;
        private final Path destPath;

        public AtomicFileWriter(Path destinationPath, Charset charset) throws IOException {
          this.destPath = destinationPath;
          Path dir = this.destPath.getParent();
          tmpPath = Files.createTempFile(dir, "atomic", "tmp");
          core = Files.newBufferedWriter(tmpPath, charset); // @open
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
          core.write(cbuf, off, len);
        }

        @Override
        public void flush() throws IOException {
          core.flush();
        }

        @Override
        public void close() throws IOException {
          core.close();
        }

        public void abort() throws IOException {
          try {
            close();
          } finally {
            Files.deleteIfExists(tmpPath);
          }
        }

        public void commit() throws IOException {
          close();
          try {
            // BUG_FORCE
            Files.move(tmpPath, destPath, StandardCopyOption.ATOMIC_MOVE); // @atomic
          } catch (IOException e) {
            // BUG_HERE
            Files.move(tmpPath, destPath, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      """;

  @Test
  void jenkinsWriterNeverForcesItsTemp() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "AtomicFileWriter.java",
            TestSources.source(
                JENKINS
                    .replace("// BUG_HERE", "// BUG: Diagnostic contains: line @open")
                    .replace("// BUG_FORCE", "// BUG: Diagnostic contains: line @open")))
        .doTest();
  }

  @Test
  void jenkinsWriterFallsBackToANonAtomicMove() {
    helper(NonAtomicReplace.class)
        .addSourceLines(
            "AtomicFileWriter.java",
            TestSources.source(
                JENKINS
                    .replace("// BUG_FORCE", "")
                    .replace(
                        "// BUG_HERE",
                        "// BUG: Diagnostic contains: When the atomic move on line @atomic fails")))
        .doTest();
  }

  /**
   * androidx {@code androidx.core.util.AtomicFile} ({@code startWrite}/{@code finishWrite}): the
   * stream is handed out and back; a failed sync is only logged and the file renamed anyway.
   * {@code @check} is replaced by what the sync's result leads to.
   */
  private static final String ANDROIDX =
      """
      public class AtomicFile {
        private static final Logger LOG = Logger.getLogger("AtomicFile");
        private final File mBaseName;
        private final File mNewName;

        public AtomicFile(File baseName) {
          mBaseName = baseName;
          mNewName = new File(baseName.getPath() + ".new");
        }

        public FileOutputStream startWrite() throws IOException {
          return new FileOutputStream(mNewName);
        }

        public void finishWrite(FileOutputStream str) throws IOException {
          if (str == null) {
            return;
          }
          // BUG_HERE
          if (!sync(str)) {
            CHECK;
          }
          try {
            str.close();
          } catch (IOException e) {
            LOG.warning("Failed to close file output stream");
          }
          rename(mNewName, mBaseName); // @rename
        }

        private static boolean sync(FileOutputStream stream) {
          try {
            stream.getFD().sync();
            return true;
          } catch (IOException e) {
            return false;
          }
        }

        private static void rename(File source, File target) {
          if (!source.renameTo(target)) {
            LOG.warning("Failed to rename " + source + " to " + target);
          }
        }
      }
      """;

  @Test
  void androidxAtomicFileRenamesAfterAFailedSyncItOnlyLogs() {
    String logged =
        ANDROIDX.replace("CHECK;", "LOG.warning(\"Failed to sync file output stream\");");
    helper(FsyncFailureIgnored.class)
        .addSourceLines(
            "AtomicFile.java",
            TestSources.source(
                logged.replace(
                    "// BUG_HERE",
                    "// BUG: Diagnostic contains: `sync` returns false when the force fails, but"
                        + " the file is published on line @rename whatever it returned")))
        .doTest();
    helper(RenameWithoutFsync.class)
        .addSourceLines("AtomicFile.java", TestSources.source(logged.replace("// BUG_HERE", "")))
        .doTest();
  }

  @Test
  void quietWhenAFalseSyncFailsTheSave() {
    String failing =
        ANDROIDX
            .replace("CHECK;", "throw new IOException(\"Failed to sync file output stream\");")
            .replace("// BUG_HERE", "");
    for (Class<? extends BugChecker> check :
        List.of(FsyncFailureIgnored.class, RenameWithoutFsync.class)) {
      helper(check).addSourceLines("AtomicFile.java", TestSources.source(failing)).doTest();
    }
  }

  @Test
  void flagsAStreamHandedBackAndRenamedUnforced() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "AtomicFile.java",
            TestSources.source(
                ANDROIDX
                    .replace("// BUG_HERE", "")
                    .replace("    if (!sync(str)) {\n      CHECK;\n    }\n", "")
                    .replace(
                        "    rename(mNewName, mBaseName); // @rename",
                        "    // BUG: Diagnostic contains: startWrite() opens the file for writing"
                            + " and returns the stream, its callers write through it and hand it"
                            + " back, and finishWrite(FileOutputStream) commits it\n"
                            + "    rename(mNewName, mBaseName); // @rename")))
        .doTest();
  }

  @Test
  void quietObjectThatForcesRenamesAtomicallyAndForcesTheDirectory() {
    String correct =
        """
        public class Checkpoint implements Closeable {
          private final Path tmp;
          private final Path target;
          private final FileChannel channel;

          public Checkpoint(Path target) throws IOException {
            this.target = target;
            this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
            this.channel = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING);
          }

          public void write(ByteBuffer data) throws IOException {
            channel.write(data);
          }

          @Override
          public void close() throws IOException {
            channel.force(true);
            channel.close();
            Files.move(tmp, target, ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(target.getParent(), READ)) {
              dir.force(true);
            }
          }
        }
        """;
    for (Class<? extends BugChecker> check : AllChecks.CLASSES) {
      helper(check)
          .addSourceLines(
              "Checkpoint.java",
              TestSources.source("import static java.nio.file.StandardOpenOption.*;\n" + correct))
          .doTest();
    }
  }

  @Test
  void quietLogThatAppendsAndRotates() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "Log.java",
            TestSources.source(
                """
                public class Log {
                  private final File file;
                  private final File archive;
                  private OutputStream out;

                  public Log(File file) throws IOException {
                    this.file = file;
                    this.archive = new File(file.getPath() + ".1");
                    this.out = new FileOutputStream(file, true);
                  }

                  public void append(byte[] line) throws IOException {
                    out.write(line);
                  }

                  public void rotate() throws IOException {
                    out.close();
                    file.renameTo(archive);
                    out = new FileOutputStream(file, true);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void quietRenameOfAFieldTheObjectDoesNotWrite() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "Store.java",
            TestSources.source(
                """
                public class Store {
                  private final File data;
                  private final File old;
                  private final File backup;
                  private final OutputStream out;

                  public Store(File dir) throws IOException {
                    data = new File(dir, "data");
                    old = new File(dir, "old");
                    backup = new File(dir, "backup");
                    out = new FileOutputStream(data);
                  }

                  public void archive() {
                    old.renameTo(backup);
                  }
                }
                """))
        .doTest();
  }

  /**
   * Quiet: Kafka 3.9 {@code FileRecords} (lines 60-80, 240-250): a static factory opens the channel
   * and hands it to the constructor, which keeps the file and the channel as given; renaming the
   * segment ({@code .deleted}, {@code .swap}) is not a save of this object, whose data its callers
   * flush.
   */
  @Test
  void quietSegmentWhoseChannelAStaticFactoryOpens() {
    helper(RenameWithoutFsync.class)
        .addSourceLines(
            "Segment.java",
            TestSources.source(
                """
                import static java.nio.file.StandardOpenOption.*;
                public class Segment {
                  private volatile File file;
                  private final FileChannel channel;

                  Segment(File file, FileChannel channel) {
                    this.file = file;
                    this.channel = channel;
                  }

                  public static Segment open(File file) throws IOException {
                    return new Segment(file, openChannel(file));
                  }

                  private static FileChannel openChannel(File file) throws IOException {
                    return FileChannel.open(file.toPath(), CREATE_NEW, READ, WRITE);
                  }

                  public void append(ByteBuffer records) throws IOException {
                    channel.write(records);
                  }

                  public void renameTo(File f) throws IOException {
                    Files.move(file.toPath(), f.toPath(), ATOMIC_MOVE);
                    file = f;
                  }
                }
                """))
        .doTest();
  }
}
