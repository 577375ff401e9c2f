package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.io.common.ChannelInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.Compression;

/**
 * The uncompressed bytes of a snapshot file from some offset on, counting both the uncompressed
 * position and the raw bytes read (for progress). Bytes that do not decode become a {@link
 * FormatException} at the uncompressed position reached, so that bad input is reported like any
 * other; a failing channel keeps its own IOException, so that the runner retries it.
 */
final class FileInput extends InputStream {
  private final InputStream decoded;
  private final ChannelInput raw;
  private final String name;
  private final Compression compression;
  private long position;
  private byte[] scratch;
  /** The channel of a PLAIN file, which a skip may seek (null: skips read). */
  private SeekableByteChannel seekable;

  FileInput(
      InputStream decoded, ChannelInput raw, String name, Compression compression, long position) {
    this.decoded = decoded;
    this.raw = raw;
    this.name = name;
    this.compression = compression;
    this.position = position;
  }

  /** Uncompressed offset of the next byte. */
  long position() {
    return position;
  }

  /** Raw (compressed) bytes read from the file so far. */
  long rawBytesRead() {
    return raw.bytesRead();
  }

  /** Reads and discards up to offset, which must not be behind the position. */
  void skipTo(long offset) throws IOException {
    if (offset < position) {
      throw new IllegalArgumentException("cannot skip back from " + position + " to " + offset);
    }
    if (offset == position) return;
    if (scratch == null) scratch = new byte[16 * 1024];
    while (position < offset) {
      int n = read(scratch, 0, (int) Math.min(scratch.length, offset - position));
      if (n < 0) {
        throw new TruncatedInputException(
            "the data ends at " + position + ", before offset " + offset, name, position);
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    while ((n = read(one, 0, 1)) == 0) {
      // InputStream.read() blocks until a byte or the end
    }
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = decoded.read(b, off, len);
    } catch (ChannelInput.Failure e) {
      throw e.original();
    } catch (FormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      Throwable c = e.getCause();
      if (c instanceof ChannelInput.Failure) throw ((ChannelInput.Failure) c).original();
      throw new FormatException(compression + " data does not decode after " + position
          + " uncompressed bytes: " + e.getMessage(), name, position, -1, -1, null, e);
    }
    if (n > 0) position += n;
    return n;
  }

  /** Lets {@link #skip} seek channel, the undecoded one this input reads. */
  void seekWith(SeekableByteChannel channel) {
    this.seekable = channel;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) return 0;
    if (seekable == null) return super.skip(n);
    seekable.position(position + n);
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      decoded.close();
    } finally {
      raw.close();
    }
  }
}
