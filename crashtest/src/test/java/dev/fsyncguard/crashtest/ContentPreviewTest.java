package dev.fsyncguard.crashtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Contents in reports are short enough to read and still tell states apart. */
class ContentPreviewTest {
  @Test
  void showsTextQuotedWithEscapes() {
    assertEquals("6 bytes \"a\\nb\\t\\\"c\"", ContentPreview.of("a\nb\t\"c".getBytes(UTF_8)));
  }

  @Test
  void shortensLongText() {
    assertEquals(
        "50 bytes \"" + "x".repeat(40) + "\"...",
        ContentPreview.of("x".repeat(50).getBytes(UTF_8)));
  }

  @Test
  void namesEmptyZeroAndMissingContent() {
    assertEquals("0 bytes", ContentPreview.of(new byte[0]));
    assertEquals("1 byte \"a\"", ContentPreview.of(new byte[] {'a'}));
    assertEquals("4096 bytes, all zero", ContentPreview.of(new byte[4096]));
    assertEquals("missing", ContentPreview.of(null));
  }

  @Test
  void showsBinaryAsHex() {
    byte[] binary = new byte[20];
    binary[0] = 1;
    binary[1] = (byte) 0xff;
    assertEquals("20 bytes 0x01ff0000000000000000000000000000...", ContentPreview.of(binary));
  }
}
