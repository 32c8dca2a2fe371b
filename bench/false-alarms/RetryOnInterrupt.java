import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;

// H2 FileRetryOnInterrupt.force(): the loop goes round only when an interrupt closed the channel;
// reopen() rethrows every other failure. FsyncFailureIgnored took it for a retry of a failed force.
class RetryOnInterrupt {
  private FileChannel channel;

  public void force(boolean metaData) throws IOException {
    for (int i = 0;; i++) {
      try {
        channel.force(metaData); // was reported: "This force is retried in a loop after it failed"
        return;
      } catch (IOException e) {
        reopen(i, e);
      }
    }
  }

  private void reopen(int i, IOException e) throws IOException {
    if (i > 20 || !(e instanceof ClosedByInterruptException)) {
      throw e;
    }
    Thread.interrupted();
  }
}
