package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FULL;

import java.io.IOException;
import java.io.InputStream;

/**
 * One record's payload as a stream, for payloads too big to hold: it buffers one fragment (at most
 * a block) and releases its bytes only after that fragment's CRC matched. A damaged fragment fails
 * the read that reaches it with a FormatException naming its offset.
 */
public final class RecordInputStream extends InputStream {
  private final FragmentReader fr;
  private final InputStream source;
  private final long position;
  private final long length;
  private final byte[] buf;
  private int bufPos;
  private int bufLen;
  private long loaded;
  private boolean firstLoaded;

  /** fr has just returned the record's FULL or FIRST header. */
  RecordInputStream(FragmentReader fr, InputStream source) {
    this.fr = fr;
    this.source = source;
    this.position = fr.fragmentStart;
    this.length = fr.lengthField;
    this.buf = new byte[(int) Math.min(length, fr.blockSize())];
  }

  /** Offset of the record in the log. */
  public long position() {
    return position;
  }

  /** Payload length in bytes. */
  public long length() {
    return length;
  }

  @Override
  public int read() throws IOException {
    if (bufPos == bufLen && !fill()) return -1;
    return buf[bufPos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (bufPos == bufLen && !fill()) return -1;
    int n = Math.min(len, bufLen - bufPos);
    System.arraycopy(buf, bufPos, b, off, n);
    bufPos += n;
    return n;
  }

  @Override
  public int available() {
    return bufLen - bufPos;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  private boolean fill() throws IOException {
    while (loaded < length || !firstLoaded) {
      if (firstLoaded) {
        RecordAssembly.nextContinuation(fr, position, length - loaded);
      }
      firstLoaded = true;
      fr.readData(buf, 0);
      bufPos = 0;
      bufLen = fr.dataLength;
      loaded += bufLen;
      if (bufLen > 0) return true;
      if (fr.type == FULL) return false;
    }
    return false;
  }
}
