package io.logdex.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's output kept in memory up to a cap: past it the write fails, which stops the command
 * (a {@code get} of a gigabyte stops at the cap), and {@link #overflowed} tells why it stopped.
 */
final class CappedBuffer extends OutputStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long cap;
  private boolean overflowed;

  CappedBuffer(long cap) {
    this.cap = cap;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (bytes.size() + (long) len > cap) {
      overflowed = true;
      throw new IOException("answer over " + cap + " bytes");
    }
    bytes.write(b, off, len);
  }

  boolean overflowed() {
    return overflowed;
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
