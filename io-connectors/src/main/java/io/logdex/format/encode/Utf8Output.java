package io.logdex.format.encode;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The encoder's byte buffer: UTF-8 by hand with an ASCII fast path, JSON string escaping, and a
 * count of every byte produced, so the encoder can report absolute offsets without asking the
 * stream. One buffer for the encoder's life; it is drained to the stream only when full or flushed.
 */
final class Utf8Output {
  /** Most bytes one char can produce (a {@code \}{@code uXXXX} escape is 6); kept free per char. */
  private static final int SLACK = 8;


  private final OutputStream out;
  private final byte[] buf;
  private final int limit;
  private int pos;
  private long drained;

  Utf8Output(OutputStream out, int bufferSize) {
    this.out = out;
    this.buf = new byte[Math.max(bufferSize, 64)];
    this.limit = buf.length - SLACK;
  }

  /** Bytes produced so far, drained or not. */
  long count() {
    return drained + pos;
  }

  void write(int b) throws IOException {
    if (pos >= buf.length) drain();
    buf[pos++] = (byte) b;
  }

  void write(byte[] b) throws IOException {
    if (b.length > buf.length - pos) drain();
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  void writeSpaces(int n) throws IOException {
    while (n > 0) {
      if (pos >= buf.length) drain();
      int k = Math.min(n, buf.length - pos);
      java.util.Arrays.fill(buf, pos, pos + k, (byte) ' ');
      pos += k;
      n -= k;
    }
  }

  /** A non-negative decimal, without going through a String. */
  void writeDecimal(long v) throws IOException {
    if (pos > buf.length - 20) drain();
    if (v == 0) {
      buf[pos++] = '0';
      return;
    }
    int end = pos + digits(v);
    for (int p = end - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    pos = end;
  }

  private static int digits(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /**
   * Text as UTF-8 with no quoting or escaping: lexemes and bare literals, which the caller has
   * already checked hold no unpaired surrogate.
   */
  void writeRaw(CharSequence s) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (pos > limit) drain();
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else {
        i = writeNonAscii(s, i, c, n, false);
      }
    }
  }

  /** Text in double quotes with JSON escapes; non-ASCII as UTF-8, unpaired surrogates escaped. */
  void writeQuoted(CharSequence s) throws IOException {
    if (pos > limit) drain();
    buf[pos++] = '"';
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (pos > limit) drain();
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = JsonEscapes.of(c);
        if (e == 0) {
          buf[pos++] = (byte) c;
        } else if (e == 'u') {
          escapeU(c);
        } else {
          buf[pos++] = '\\';
          buf[pos++] = e;
        }
      } else {
        i = writeNonAscii(s, i, c, n, true);
      }
    }
    if (pos >= buf.length) drain();
    buf[pos++] = '"';
  }

  /** Writes the char at i (and its low surrogate); returns the index of the last char consumed. */
  private int writeNonAscii(CharSequence s, int i, char c, int n, boolean mayEscape) {
    if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | (c >> 6));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
      return i;
    }
    if (!Character.isSurrogate(c)) {
      buf[pos++] = (byte) (0xE0 | (c >> 12));
      buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
      return i;
    }
    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      buf[pos++] = (byte) (0xF0 | (cp >> 18));
      buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      return i + 1;
    }
    // An unpaired surrogate has no UTF-8 form; the escape keeps it lossless for any JSON reader.
    if (!mayEscape) throw new IllegalArgumentException("unpaired surrogate at char " + i);
    escapeU(c);
    return i;
  }

  private void escapeU(char c) {
    buf[pos++] = '\\';
    buf[pos++] = 'u';
    buf[pos++] = JsonEscapes.HEX[(c >> 12) & 0xF];
    buf[pos++] = JsonEscapes.HEX[(c >> 8) & 0xF];
    buf[pos++] = JsonEscapes.HEX[(c >> 4) & 0xF];
    buf[pos++] = JsonEscapes.HEX[c & 0xF];
  }

  void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      drained += pos;
      pos = 0;
    }
  }

  void flush() throws IOException {
    drain();
    out.flush();
  }

  void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}
