package io.logdex.io.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;

/** Reading a declared number of bytes without letting a hostile length allocate itself. */
final class CoderBytes {
  private CoderBytes() {}

  private static final int CHUNK = 64 * 1024;

  /** Exactly len bytes; the array grows only as bytes actually arrive. */
  static byte[] readFully(InputStream in, int len, String what) throws IOException {
    if (len < 0) throw new CoderException("negative length " + len + " of " + what);
    byte[] b = new byte[Math.min(len, CHUNK)];
    int got = 0;
    while (got < len) {
      if (got == b.length) b = Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
      int r = in.read(b, got, b.length - got);
      if (r < 0) throw new EOFException(what + " of " + len + " bytes ends after " + got);
      got += r;
    }
    return b;
  }
}
