package io.logdex.format.log;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a byte array, so bit-flip loops need no disk. */
final class MemoryChannel implements SeekableByteChannel {
  private final byte[] data;
  private long pos;
  private boolean open = true;

  MemoryChannel(byte[] data) {
    this.data = data;
  }

  @Override
  public int read(ByteBuffer dst) {
    if (pos >= data.length) return -1;
    int n = (int) Math.min(dst.remaining(), data.length - pos);
    dst.put(data, (int) pos, n);
    pos += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position() {
    return pos;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    pos = newPosition;
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
