package io.logdex.format.token;

import java.nio.charset.StandardCharsets;

/**
 * Turns raw token bytes into text. Only called when a caller asks for text, so the scan itself never
 * decodes. The scan has already checked the UTF-8 of every token it returns, so decoding never
 * meets a malformed sequence (and so never makes a U+FFFD).
 */
final class Utf8Text {
  private Utf8Text() {}

  /**
   * What RFC 3629 allows after a lead byte (>= 0x80): the number of continuation bytes n (1 to 3)
   * and the range [lo, hi] of the first one (which rules out overlong forms, surrogates and code
   * points above U+10FFFF), packed as {@code n | lo << 8 | hi << 16}; -1 if the byte never leads.
   * The rest of the continuation bytes are 0x80..0xbf.
   */
  static int sequence(int lead) {
    int lo = 0x80;
    int hi = 0xbf;
    int n;
    if (lead >= 0xc2 && lead <= 0xdf) {
      n = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      n = 2;
      if (lead == 0xe0) lo = 0xa0;
      else if (lead == 0xed) hi = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      n = 3;
      if (lead == 0xf0) lo = 0x90;
      else if (lead == 0xf4) hi = 0x8f;
    } else {
      return -1;
    }
    return n | lo << 8 | hi << 16;
  }

  static String decode(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /**
   * Decodes the content of a quoted string (the bytes between the quotes), resolving escapes. The
   * scanner has already checked every escape, so this does not re-validate. Escaped surrogates are
   * kept as UTF-16 code units, so a pair {@code \ud83d\ude00} becomes one code point and a lone
   * surrogate survives as itself.
   */
  static String unescape(byte[] b, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    int i = start;
    while (i < end) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) sb.append(decode(b, run, i - run));
      byte e = b[i + 1];
      switch (e) {
        case 'b': sb.append('\b'); i += 2; break;
        case 'f': sb.append('\f'); i += 2; break;
        case 'n': sb.append('\n'); i += 2; break;
        case 'r': sb.append('\r'); i += 2; break;
        case 't': sb.append('\t'); i += 2; break;
        case 'u':
          sb.append((char) ((hex(b[i + 2]) << 12) | (hex(b[i + 3]) << 8) | (hex(b[i + 4]) << 4)
              | hex(b[i + 5])));
          i += 6;
          break;
        default: // " ' \ /
          sb.append((char) e);
          i += 2;
          break;
      }
      run = i;
    }
    if (end > run) sb.append(decode(b, run, end - run));
    return sb.toString();
  }

  static int hex(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /** Whether the UTF-8 bytes (no escapes) spell s, allocating only when s is not ASCII. */
  static boolean equalsString(byte[] b, int off, int len, String s) {
    int n = s.length();
    if (n > len) return false; // UTF-8 never has fewer bytes than UTF-16 units
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) return decode(b, off, len).equals(s);
      if (i >= len || b[off + i] != c) return false;
    }
    return n == len;
  }
}
