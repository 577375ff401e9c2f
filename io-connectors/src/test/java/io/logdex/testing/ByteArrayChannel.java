package io.logdex.testing;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A read-only SeekableByteChannel over a byte array, so channel-reading tests need no disk. */
public final class ByteArrayChannel implements SeekableByteChannel {
  private final byte[] data;
  private long position;
  private boolean open = true;

  public ByteArrayChannel(byte[] data) {
    this.data = data;
  }

  @Override
  public int read(ByteBuffer dst) {
    if (position >= data.length) return -1;
    int n = (int) Math.min(dst.remaining(), data.length - position);
    dst.put(data, (int) position, n);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long p) {
    position = p;
    return this;
  }

  @Override
  public long size() {
    return data.length;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
