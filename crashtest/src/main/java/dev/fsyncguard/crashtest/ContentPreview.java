package dev.fsyncguard.crashtest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A file's content shortened for a person to read in a test failure. */
final class ContentPreview {
  private static final int MAX_CHARS = 40;
  private static final int MAX_HEX_BYTES = 16;

  private ContentPreview() {}

  static String of(byte[] content) {
    if (content == null) {
      return "missing";
    }
    String size = content.length + (content.length == 1 ? " byte" : " bytes");
    if (content.length == 0) {
      return size;
    }
    if (allZero(content)) {
      return size + ", all zero";
    }
    String text = asText(content);
    if (text != null) {
      StringBuilder shown = new StringBuilder("\"");
      text.codePoints()
          .limit(MAX_CHARS)
          .forEach(
              c ->
                  shown.append(
                      c == '\n'
                          ? "\\n"
                          : c == '\t'
                              ? "\\t"
                              : c == '\r'
                                  ? "\\r"
                                  : c == '"' ? "\\\"" : new String(Character.toChars(c))));
      shown.append(text.codePointCount(0, text.length()) > MAX_CHARS ? "\"..." : "\"");
      return size + " " + shown;
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(content.length, MAX_HEX_BYTES); i++) {
      hex.append(String.format("%02x", content[i] & 0xff));
    }
    return size + " 0x" + hex + (content.length > MAX_HEX_BYTES ? "..." : "");
  }

  private static boolean allZero(byte[] content) {
    for (byte b : content) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The content as UTF-8 text, or null if it is not text a person could read as such. */
  private static String asText(byte[] content) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
        return null;
      }
    }
    return text;
  }
}
