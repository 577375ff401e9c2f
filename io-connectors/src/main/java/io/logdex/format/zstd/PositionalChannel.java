package io.logdex.format.zstd;

import io.logdex.format.TruncatedInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads at absolute offsets of a channel, so that several readers (threads, streams opened at
 * different offsets) can share one open file. A {@link FileChannel} is read with pread and needs no
 * lock; any other {@link SeekableByteChannel} (a Beam GCS or S3 channel) is read under a lock
 * around position-then-read.
 *
 * <p>The size is taken once, at construction: logs are read after they are complete, and a fixed
 * size lets every length field be checked against what the file really holds.
 */
public final class PositionalChannel implements Closeable {
  private final SeekableByteChannel channel;
  private final FileChannel file;
  private final String source;
  private final long size;

  public PositionalChannel(SeekableByteChannel channel, String source) throws IOException {
    this.channel = channel;
    this.file = channel instanceof FileChannel f ? f : null;
    this.source = source;
    this.size = channel.size();
  }

  public long size() {
    return size;
  }

  /** File name or other label used in error messages. */
  public String source() {
    return source;
  }

  /** One read at pos; returns bytes read, or -1 at end of channel. */
  public int read(long pos, ByteBuffer dst) throws IOException {
    if (file != null) return file.read(dst, pos);
    synchronized (channel) {
      channel.position(pos);
      return channel.read(dst);
    }
  }

  /**
   * Reads exactly len bytes at pos.
   *
   * @throws TruncatedInputException if the channel ends first, naming the offset where it ended
   */
  public void readFully(long pos, byte[] b, int off, int len) throws IOException {
    ByteBuffer dst = ByteBuffer.wrap(b, off, len);
    while (dst.hasRemaining()) {
      int n = read(pos + dst.position() - off, dst);
      if (n < 0) {
        throw new TruncatedInputException(
            "needed " + len + " bytes at offset " + pos + " but the file ends", source,
            pos + dst.position() - off);
      }
    }
  }

  /** An unbuffered stream over [start, end); each read is one positional read. */
  public InputStream stream(long start, long end) {
    return new RangeStream(start, Math.min(end, size));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private final class RangeStream extends InputStream {
    private long pos;
    private final long end;

    RangeStream(long start, long end) {
      this.pos = start;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (pos >= end) return -1;
      int want = (int) Math.min(len, end - pos);
      int n = PositionalChannel.this.read(pos, ByteBuffer.wrap(b, off, want));
      if (n < 0) {
        throw new TruncatedInputException(
            "file ended before its expected size " + end, source, pos);
      }
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, end - pos));
      pos += k;
      return k;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }
  }
}
