package dev.fsyncguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link FsyncFailureIgnored} on the shapes real save code gives a swallowed force failure: a
 * helper that swallows its own force, handlers that catch broader types, a failure kept in a flag
 * that is only logged, a metrics counter in the handler, a journal append that returns as if
 * durable; and the success-flag idiom, which must stay quiet because the flag keeps the failed file
 * from being published.
 */
class FsyncFailureIgnoredShapesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FsyncFailureIgnored.class, getClass());

  /** Checks the members of a class {@code A} that has a logger {@code LOG}. */
  private void check(String members) {
    helper.addSourceLines("A.java", TestSources.classA(members)).doTest();
  }

  @Test
  void staysQuietOnTheSuccessFlagIdiom() {
    check(
        """
        boolean save(Path tmp, Path target, byte[] data) throws IOException {
          boolean synced = false;
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              ch.force(true);
              synced = true;
            } catch (IOException e) {
              LOG.warning("fsync failed: " + e);
            }
          }
          if (!synced) {
            return false;
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
          return true;
        }
        """);
  }

  @Test
  void flagsAFailureKeptInAFlagThatIsOnlyLogged() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          boolean ok = true;
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              // BUG: Diagnostic contains: FsyncFailureIgnored
              ch.force(true);
            } catch (IOException e) {
              ok = false;
            }
          }
          if (!ok) {
            LOG.warning("fsync of " + tmp + " failed");
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  @Test
  void flagsACatchOfExceptionThatDoesNothing() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              // BUG: Diagnostic contains: FsyncFailureIgnored
              ch.force(true);
            } catch (Exception e) {
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  @Test
  void flagsARuntimeExceptionCaughtAroundAMappedForce() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, READ, WRITE, TRUNCATE_EXISTING)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, data.length);
            map.put(data);
            try {
              // BUG: Diagnostic contains: FsyncFailureIgnored
              map.force();
            } catch (RuntimeException e) {
              LOG.warning("msync failed: " + e);
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  @Test
  void flagsAMetricsCounterInTheHandler() {
    check(
        """
        private final AtomicLong fsyncFailures = new AtomicLong();

        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              // BUG: Diagnostic contains: FsyncFailureIgnored
              ch.force(true);
            } catch (IOException e) {
              fsyncFailures.incrementAndGet();
              LOG.warning("fsync failed: " + e);
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  @Test
  void flagsAHelperThatSwallowsItsOwnForceAtItsCall() {
    check(
        """
        private static void syncQuietly(FileChannel ch) {
          try {
            ch.force(true);
          } catch (IOException e) {
            LOG.warning("fsync failed: " + e);
          }
        }

        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            // BUG: Diagnostic contains: FsyncFailureIgnored
            syncQuietly(ch);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  @Test
  void flagsAJournalAppendThatReturnsAsIfDurable() {
    check(
        """
        void append(Path journal, ByteBuffer record) throws IOException {
          try (FileChannel ch = FileChannel.open(journal, CREATE, WRITE, APPEND)) {
            ch.write(record);
            try {
              // BUG: Diagnostic contains: returns as if the data written before it were durable
              ch.force(false);
            } catch (IOException e) {
              LOG.severe("journal fsync failed: " + e);
            }
          }
        }
        """);
  }

  @Test
  void staysQuietOnAJournalAppendThatReturnsTheFailure() {
    check(
        """
        boolean append(Path journal, ByteBuffer record) throws IOException {
          try (FileChannel ch = FileChannel.open(journal, CREATE, WRITE, APPEND)) {
            ch.write(record);
            try {
              ch.force(false);
              return true;
            } catch (IOException e) {
              LOG.severe("journal fsync failed: " + e);
              return false;
            }
          }
        }
        """);
  }

  /** A channel kept in a field was opened with options the analysis does not see (SYNC?). */
  @Test
  void staysQuietOnAJournalKeptInAField() {
    check(
        """
        private FileChannel journal;

        void append(ByteBuffer record) throws IOException {
          journal.write(record);
          try {
            journal.force(false);
          } catch (IOException e) {
            LOG.severe("journal fsync failed: " + e);
          }
        }
        """);
  }

  @Test
  void staysQuietOnABestEffortForceOfNothingWrittenHere() {
    check(
        """
        void close(FileChannel ch) {
          try {
            ch.force(true);
          } catch (IOException e) {
            LOG.warning("fsync on close failed: " + e);
          }
          try {
            ch.close();
          } catch (IOException e) {
            LOG.warning("close failed: " + e);
          }
        }
        """);
  }

  @Test
  void staysQuietOnAHelperThatRethrowsItsForcesFailure() {
    check(
        """
        private static void sync(FileChannel ch) throws IOException {
          try {
            ch.force(true);
          } catch (IOException e) {
            LOG.warning("fsync failed: " + e);
            throw e;
          }
        }

        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            sync(ch);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  /** A helper that returns whether it forced tells its caller; what the caller does is its own. */
  @Test
  void staysQuietOnAHelperThatReturnsWhetherItForced() {
    check(
        """
        private static boolean trySync(FileChannel ch) {
          try {
            ch.force(true);
            return true;
          } catch (IOException e) {
            LOG.warning("fsync failed: " + e);
            return false;
          }
        }

        boolean save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            if (!trySync(ch)) {
              return false;
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
          return true;
        }
        """);
  }

  @Test
  void staysQuietOnAFailureFlagThatThrowsBeforeTheRename() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          boolean failed = false;
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              ch.force(true);
            } catch (IOException e) {
              LOG.warning("fsync failed: " + e);
              failed = true;
            }
          }
          if (failed) {
            Files.deleteIfExists(tmp);
            throw new IOException("could not force " + tmp);
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  /** The flag is reset by code the walk cannot read: it cannot tell, so the rename is reached. */
  @Test
  void flagsWhenTheFlagIsOverwrittenBeforeItIsTested() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          boolean synced = false;
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              // BUG: Diagnostic contains: FsyncFailureIgnored
              ch.force(true);
              synced = true;
            } catch (IOException e) {
              LOG.warning("fsync failed: " + e);
            }
          }
          synced = data.length >= 0;
          if (!synced) {
            return;
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }

  /** The rename after a failure caught by {@code catch (Exception e)} is this check's, not its. */
  @Test
  void renameWithoutFsyncStaysQuietWhenExceptionCatchesTheFailure() {
    CompilationTestHelper.newInstance(RenameWithoutFsync.class, getClass())
        .addSourceLines(
            "A.java",
            TestSources.classA(
                """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileChannel ch = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(data));
            try {
              ch.force(true);
            } catch (Exception e) {
              LOG.warning("x");
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
        }
        """))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A retry names the file another way (its channel, not its descriptor): it is the same file. */
  @Test
  void flagsARetryThroughAnotherHandleOnTheSameFile() {
    check(
        """
        void save(Path tmp, Path target, byte[] data) throws IOException {
          try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(data);
            try {
              out.getFD().sync(); // @force
            } catch (IOException e) {
              LOG.warning("fsync failed, retrying: " + e);
              // BUG: Diagnostic contains: retries the one on line @force
              out.getChannel().force(true);
            }
          }
          Files.move(tmp, target, ATOMIC_MOVE);
          DurableFiles.forceDirectory(target.toAbsolutePath().getParent());
        }
        """);
  }
}
