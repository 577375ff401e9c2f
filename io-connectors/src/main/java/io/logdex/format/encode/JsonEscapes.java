package io.logdex.format.encode;

/**
 * How a string's ASCII chars are escaped in canonical output (JSON and Tony wire alike): the one
 * table the encoder and the byte-level writers that must match it (s3dlio rows) share.
 */
public final class JsonEscapes {
  /** Hex digits of a {@code \}{@code u00XX} escape, lower case. */
  public static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) ESCAPE[c] = 'u';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
    ESCAPE['\t'] = 't';
    ESCAPE['\b'] = 'b';
    ESCAPE['\f'] = 'f';
  }

  private JsonEscapes() {}

  /** For an ASCII char: 0 = copy as is, 'u' = six-byte escape, else the letter after the backslash. */
  public static byte of(int asciiChar) {
    return ESCAPE[asciiChar];
  }
}
