package io.logdex.io.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The raw file as an InputStream that counts what it has read (for progress) and marks its own
 * failures as {@link Failure}. A decompressor stacked on it passes those through unchanged, so a
 * reader can tell a failing file system (rethrown: the runner retries) from bytes that do not
 * decode (a truncated or corrupt file: reported as bad input).
 */
public final class ChannelInput extends InputStream {
  /** An I/O failure of the underlying channel, as opposed to undecodable content. */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;

    Failure(IOException cause) {
      super(cause.getMessage(), cause);
    }

    /** The channel's own exception, to rethrow as it was. */
    public IOException original() {
      return (IOException) getCause();
    }
  }

  private final ReadableByteChannel channel;
  private volatile long bytesRead;

  public ChannelInput(ReadableByteChannel channel) {
    this.channel = channel;
  }

  /** Bytes read from the channel so far; safe to call from another thread. */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    while ((n = read(one, 0, 1)) == 0) {
      // a channel may return 0; InputStream must block
    }
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    try {
      ByteBuffer dst = ByteBuffer.wrap(b, off, len);
      int n;
      while ((n = channel.read(dst)) == 0) {
        // a non-blocking channel may return 0; wait for bytes or the end
      }
      if (n > 0) bytesRead += n;
      return n;
    } catch (IOException e) {
      throw new Failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
