package io.logdex.format.encode;

import java.io.OutputStream;

/** An output that only counts: the encoded size of something without keeping its bytes. */
public final class ByteCounter extends OutputStream {
  private long count;

  public long count() {
    return count;
  }

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }
}
