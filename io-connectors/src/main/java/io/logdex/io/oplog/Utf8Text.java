package io.logdex.io.oplog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 to String for TSV/CSV cells: malformed bytes reject the line rather than turning
 * into U+FFFD, so a record never holds text its file did not contain. One per reader (the decoder
 * is stateful); ASCII, the common case, skips it.
 */
final class Utf8Text {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  String decode(byte[] b, int off, int len) throws CharacterCodingException {
    int end = off + len;
    int i = off;
    while (i < end && b[i] >= 0) i++;
    if (i == end) return new String(b, off, len, StandardCharsets.ISO_8859_1);
    decoder.reset();
    CharBuffer out = decoder.decode(ByteBuffer.wrap(b, off, len));
    return out.toString();
  }
}
