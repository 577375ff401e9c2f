package io.logdex.format.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Term bytes: one namespace byte, then UTF-8. Field terms ({@code 'f'}) sort before path terms
 * ({@code 'p'}) before words ({@code 'w'}), so the namespaces never collide and every path shares
 * the prefix {@code 'p'} with its descendants, which makes subtree scans one contiguous range.
 */
public final class Terms {
  private Terms() {}

  public static final byte FIELD = 'f';
  public static final byte PATH = 'p';
  public static final byte WORD = 'w';

  public static final int MAX_FIELD_VALUE_BYTES = 256;
  public static final int MAX_FIELD_NAME_BYTES = 256;

  /** A word term; {@code word} should be one produced by {@link Words#forEach}. */
  public static byte[] word(String word) {
    return withNamespace(WORD, word.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A field term {@code name:value}. The name must be non-empty, without {@code ':'} and at most
   * {@value #MAX_FIELD_NAME_BYTES} UTF-8 bytes; the value is lowercased ({@link #fieldValue}), then
   * cut to its longest prefix of at most {@value #MAX_FIELD_VALUE_BYTES} UTF-8 bytes that ends on a
   * whole code point.
   */
  public static byte[] field(String name, String value) {
    if (name.isEmpty() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("field name must be non-empty and without ':': " + name);
    }
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > MAX_FIELD_NAME_BYTES) throw new IllegalArgumentException("field name longer than " + MAX_FIELD_NAME_BYTES + " bytes");
    byte[] v = fieldValue(value).getBytes(StandardCharsets.UTF_8);
    int vl = utf8Prefix(v, MAX_FIELD_VALUE_BYTES);
    byte[] t = new byte[1 + n.length + 1 + vl];
    t[0] = FIELD;
    System.arraycopy(n, 0, t, 1, n.length);
    t[1 + n.length] = ':';
    System.arraycopy(v, 0, t, 2 + n.length, vl);
    return t;
  }

  /**
   * A field value as its term holds it: lowercased with {@code toLowerCase(Locale.ROOT)}, as words
   * are, so {@code op:get} finds {@code "op": "GET"}; exact case is checked on the record
   * ({@code op:=GET}). One term per value keeps the store no larger than exact-case terms would.
   */
  public static String fieldValue(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** An ASCII byte of a field value as its term holds it (see {@link #fieldValue}). */
  public static byte asciiFieldByte(int c) {
    return (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }

  /** A path term; {@code kindedPath} in the canonical spelling of PathSyntax. */
  public static byte[] path(String kindedPath) {
    return withNamespace(PATH, kindedPath.getBytes(StandardCharsets.UTF_8));
  }

  /** The longest prefix of at most {@code max} bytes that does not split a UTF-8 sequence. */
  static int utf8Prefix(byte[] utf8, int max) {
    if (utf8.length <= max) return utf8.length;
    int cut = max;
    while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) cut--;
    return cut;
  }

  private static byte[] withNamespace(byte ns, byte[] body) {
    if (body.length + 1 > IndexFormat.MAX_TERM_BYTES) {
      throw new IllegalArgumentException("term longer than " + IndexFormat.MAX_TERM_BYTES + " bytes");
    }
    byte[] t = new byte[body.length + 1];
    t[0] = ns;
    System.arraycopy(body, 0, t, 1, body.length);
    return t;
  }

  /** The term without its namespace byte, decoded as UTF-8. */
  public static String text(byte[] term) {
    return term.length == 0 ? "" : new String(term, 1, term.length - 1, StandardCharsets.UTF_8);
  }

  /** A readable form for messages and stats: {@code word:foo}, {@code field:op:PUT}, {@code path:a.b}. */
  public static String describe(byte[] term) {
    if (term.length == 0) return "<empty term>";
    switch (term[0]) {
      case WORD:
        return "word:" + text(term);
      case FIELD:
        return "field:" + text(term);
      case PATH:
        return "path:" + text(term);
      default:
        return "bytes:" + Arrays.toString(term);
    }
  }
}
