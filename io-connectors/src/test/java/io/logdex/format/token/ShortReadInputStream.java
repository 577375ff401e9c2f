package io.logdex.format.token;

import java.io.ByteArrayInputStream;
import java.util.Random;

/** Returns fewer bytes than asked for, at random, as sockets and decompressors do. */
final class ShortReadInputStream extends ByteArrayInputStream {
  private final Random random;

  ShortReadInputStream(byte[] b, long seed) {
    super(b);
    this.random = new Random(seed);
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) {
    if (len > 1) len = 1 + random.nextInt(len);
    return super.read(b, off, len);
  }
}
