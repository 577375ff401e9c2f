package io.logdex.samples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoting shared by JSON and Tony wire, done once per vocabulary word at class load rather than per
 * value. Both formats accept the same double-quoted escapes; non-ASCII text is written as raw UTF-8
 * so that readers see multi-byte sequences, and only {@code "}, {@code \} and control characters
 * are escaped.
 */
final class Lit {
  private Lit() {}

  /** {@code s} as a double-quoted, escaped UTF-8 literal. */
  static byte[] quoted(String s) {
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8);
    out.write('"');
    for (byte c : raw) {
      appendEscaped(out, c);
    }
    out.write('"');
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** True when a byte must be escaped inside a quoted string. */
  static boolean needsEscape(byte c) {
    return c == '"' || c == '\\' || (c >= 0 && c < 0x20);
  }

  /** The escape for one byte: two or six bytes, or the byte itself. */
  static void appendEscaped(ByteArrayOutputStream out, byte c) {
    switch (c) {
      case '"':
        out.write('\\');
        out.write('"');
        return;
      case '\\':
        out.write('\\');
        out.write('\\');
        return;
      case '\n':
        out.write('\\');
        out.write('n');
        return;
      case '\t':
        out.write('\\');
        out.write('t');
        return;
      case '\r':
        out.write('\\');
        out.write('r');
        return;
      default:
        if (c >= 0 && c < 0x20) {
          byte[] u = String.format(java.util.Locale.ROOT, "\\u%04x", c).getBytes(StandardCharsets.US_ASCII);
          out.write(u, 0, u.length);
        } else {
          out.write(c);
        }
    }
  }

  /**
   * True when {@code b[off..off+len)} can stand as an unquoted Tony key: an identifier of letters,
   * digits, {@code _} and {@code -} that starts with a letter or {@code _} and is not a keyword.
   * Tony allows more, but keys such as {@code app.kubernetes.io/name} read as paths to a person and
   * the wire readers being written disagree on them, so they are quoted.
   */
  static boolean isBareKey(byte[] b, int off, int len) {
    if (len == 0) {
      return false;
    }
    byte c0 = b[off];
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || c0 == '_')) {
      return false;
    }
    for (int i = off + 1; i < off + len; i++) {
      byte c = b[i];
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return !(is(b, off, len, "true") || is(b, off, len, "false") || is(b, off, len, "null"));
  }

  private static boolean is(byte[] b, int off, int len, String word) {
    if (len != word.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[off + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
