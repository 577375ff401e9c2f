package io.logdex.samples;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte builder for generated names and values (UTF-8). One instance per generator is
 * cleared and refilled for every value, so composing "payments-api-7f9c6d" costs no allocation.
 */
final class Text {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private byte[] b = new byte[256];
  private int len;

  Text clear() {
    len = 0;
    return this;
  }

  int length() {
    return len;
  }

  byte[] bytes() {
    return b;
  }

  Text add(byte[] s) {
    return add(s, 0, s.length);
  }

  Text add(byte[] s, int off, int n) {
    ensure(n);
    System.arraycopy(s, off, b, len, n);
    len += n;
    return this;
  }

  Text add(Text t) {
    return add(t.b, 0, t.len);
  }

  /** Appends an ASCII character. */
  Text add(char c) {
    ensure(1);
    b[len++] = (byte) c;
    return this;
  }

  /** Appends a string as UTF-8; for rare values only, it allocates. */
  Text add(String s) {
    return add(s.getBytes(StandardCharsets.UTF_8));
  }

  Text dec(long v) {
    if (v < 0) {
      add('-');
      v = -v;
    }
    int n = ByteSink.digits(v);
    ensure(n);
    for (int p = len + n - 1; p >= len; p--) {
      b[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += n;
    return this;
  }

  /** {@code v} left-padded with zeros to {@code width} digits (v < 10^width). */
  Text pad(long v, int width) {
    ensure(width);
    for (int p = len + width - 1; p >= len; p--) {
      b[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
    return this;
  }

  /** The low {@code digits} hex digits of {@code v}, lower case. */
  Text hex(long v, int digits) {
    ensure(digits);
    for (int p = len + digits - 1; p >= len; p--) {
      b[p] = HEX[(int) (v & 15)];
      v >>>= 4;
    }
    len += digits;
    return this;
  }

  /** Lower-case base-36 digits of a non-negative value, as Kubernetes pod-name suffixes look. */
  Text base36(long v, int digits) {
    ensure(digits);
    for (int p = len + digits - 1; p >= len; p--) {
      int d = (int) (v % 36);
      b[p] = (byte) (d < 10 ? '0' + d : 'a' + d - 10);
      v /= 36;
    }
    len += digits;
    return this;
  }

  @Override
  public String toString() {
    return new String(b, 0, len, StandardCharsets.UTF_8);
  }

  private void ensure(int n) {
    if (len + n > b.length) {
      b = Arrays.copyOf(b, Math.max(b.length * 2, len + n));
    }
  }
}
