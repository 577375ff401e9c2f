package io.logdex.io.coders;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Length-prefixed strings for coders, lossless for every Java string. Standard UTF-8 would replace
 * an unpaired surrogate (which a JSON {@code "\ud800"} escape legitimately produces) with '?', so
 * each UTF-16 unit is written on its own in one to three bytes (CESU-8 style). ASCII, the common
 * case, is one byte per char either way.
 */
public final class StringBytes {
  private StringBytes() {}

  /** Chunk in which a declared length is allocated, so a hostile length cannot allocate itself. */
  private static final int READ_CHUNK = 64 * 1024;

  public static void write(String s, OutputStream out) throws IOException {
    int n = s.length();
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    VarInt.encode(bytes, out);
    byte[] b = new byte[bytes];
    int p = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out.write(b, 0, p);
  }

  public static String read(InputStream in) throws IOException {
    int len = VarInt.decodeInt(in);
    if (len < 0) throw new CoderException("negative string length " + len);
    byte[] b = readFully(in, len);
    char[] chars = new char[len];
    int n = 0;
    for (int p = 0; p < len; ) {
      int b0 = b[p] & 0xFF;
      if (b0 < 0x80) {
        chars[n++] = (char) b0;
        p++;
      } else if ((b0 & 0xE0) == 0xC0) {
        if (p + 1 >= len) throw bad(p);
        chars[n++] = (char) (((b0 & 0x1F) << 6) | cont(b, p + 1));
        p += 2;
      } else if ((b0 & 0xF0) == 0xE0) {
        if (p + 2 >= len) throw bad(p);
        chars[n++] = (char) (((b0 & 0x0F) << 12) | (cont(b, p + 1) << 6) | cont(b, p + 2));
        p += 3;
      } else {
        throw bad(p);
      }
    }
    return new String(chars, 0, n);
  }

  /** Reads exactly len bytes, growing the array only as bytes actually arrive. */
  static byte[] readFully(InputStream in, int len) throws IOException {
    byte[] b = new byte[Math.min(len, READ_CHUNK)];
    int got = 0;
    while (got < len) {
      if (got == b.length) {
        b = java.util.Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
      }
      int r = in.read(b, got, b.length - got);
      if (r < 0) throw new EOFException("string of " + len + " bytes ends after " + got);
      got += r;
    }
    return b;
  }

  private static int cont(byte[] b, int p) throws CoderException {
    int x = b[p] & 0xFF;
    if ((x & 0xC0) != 0x80) throw bad(p);
    return x & 0x3F;
  }

  private static CoderException bad(int p) {
    return new CoderException("malformed string bytes at " + p);
  }
}
