package io.logdex.io.oplog;

import io.logdex.io.common.ChannelInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines with their absolute offsets, in one reused buffer. A line is the
 * bytes up to a '\n'; a '\r' before it is dropped (CRLF), a lone '\r' is content. The last line
 * may lack its '\n'.
 *
 * <p>Memory is bounded: the buffer grows only while one line does not fit, up to maxLineBytes; a
 * longer line is scanned to its end in constant memory and reported as {@link #oversized()} with
 * its first {@link BadRecord#MAX_RAW_BYTES} bytes. When the stream fails to decode (see {@link
 * ChannelInput}), the bytes read so far end as one {@link #torn()} line, possibly empty, and the
 * reader stops; failures of the file itself are rethrown.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buf;
  private int pos;
  private int limit;
  private long base; // absolute offset of buf[0]
  private boolean eof;
  private IOException decodeFailure;
  private boolean tornReported;

  // The current line.
  private long start;
  private byte[] lineBuf;
  private int lineOff;
  private int lineLen;
  private long lineSpan;
  private boolean oversized;
  private boolean torn;
  private final byte[] head = new byte[BadRecord.MAX_RAW_BYTES];

  LineReader(InputStream in, long startOffset, int bufferSize, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.buf = new byte[Math.max(16, Math.min(bufferSize, maxLineBytes + 2))];
    this.base = startOffset;
  }

  /** Absolute offset of the next byte to be read. */
  long position() {
    return base + pos;
  }

  /** Discards n bytes; false if the input ended (or failed to decode) first. */
  boolean skip(long n) throws IOException {
    while (n > 0) {
      if (pos == limit && !refill()) return false;
      int k = (int) Math.min(n, limit - pos);
      pos += k;
      n -= k;
    }
    return true;
  }

  /** Discards everything up to and including the next '\n'; false if there is none. */
  boolean skipLine() throws IOException {
    while (true) {
      int nl = indexOfNewline(buf, pos, limit);
      if (nl >= 0) {
        pos = nl + 1;
        return true;
      }
      pos = limit;
      if (!refill()) return false;
    }
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    oversized = false;
    torn = false;
    start = base + pos;
    int scanned = 0; // bytes after pos known to hold no '\n'
    while (true) {
      int nl = indexOfNewline(buf, pos + scanned, limit);
      if (nl >= 0) {
        if (nl - pos > maxLineBytes) {
          int keep = Math.min(head.length, nl - pos);
          System.arraycopy(buf, pos, head, 0, keep);
          setLine(head, 0, keep, nl - pos + 1);
          oversized = true;
        } else {
          setLine(buf, pos, nl - pos, nl - pos + 1);
          if (lineLen > 0 && buf[lineOff + lineLen - 1] == '\r') lineLen--;
        }
        pos = nl + 1;
        return true;
      }
      scanned = limit - pos;
      if (scanned > maxLineBytes) return discardOversized();
      if (!refillKeeping()) {
        if (scanned > 0 || (decodeFailure != null && !tornReported)) {
          setLine(buf, pos, scanned, scanned);
          pos = limit;
          if (decodeFailure != null) {
            torn = true;
            tornReported = true;
          }
          return true;
        }
        return false;
      }
    }
  }

  private void setLine(byte[] b, int off, int len, long span) {
    lineBuf = b;
    lineOff = off;
    lineLen = len;
    lineSpan = span;
  }

  /** The line is longer than maxLineBytes: keep its head, count and drop the rest. */
  private boolean discardOversized() throws IOException {
    int keep = Math.min(head.length, limit - pos);
    System.arraycopy(buf, pos, head, 0, keep);
    long span = limit - pos;
    pos = limit;
    while (true) {
      if (!refill()) {
        // Ran out inside the line. If decoding failed there, this one report covers the tail too.
        if (decodeFailure != null) {
          torn = true;
          tornReported = true;
        }
        break;
      }
      int nl = indexOfNewline(buf, pos, limit);
      if (nl >= 0) {
        span += nl - pos + 1;
        pos = nl + 1;
        break;
      }
      span += limit - pos;
      pos = limit;
    }
    setLine(head, 0, keep, span);
    oversized = true;
    return true;
  }

  /** Reads more after limit, keeping [pos, limit): compacts, and grows while a line does not fit. */
  private boolean refillKeeping() throws IOException {
    if (eof) return false;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      int grown = (int) Math.min((long) buf.length * 2, (long) maxLineBytes + 2);
      buf = Arrays.copyOf(buf, Math.max(buf.length, grown));
    }
    return read();
  }

  /** Reads a fresh buffer; only when everything in it has been consumed. */
  private boolean refill() throws IOException {
    if (eof) return false;
    base += limit;
    pos = 0;
    limit = 0;
    return read();
  }

  private boolean read() throws IOException {
    try {
      int n;
      do {
        n = in.read(buf, limit, buf.length - limit);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        return false;
      }
      limit += n;
      return true;
    } catch (ChannelInput.Failure e) {
      throw e.original();
    } catch (IOException e) {
      decodeFailure = e;
      eof = true;
      return false;
    }
  }

  static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] == '\n') return i;
    return -1;
  }

  /** Offset of the current line's first byte. */
  long start() {
    return start;
  }

  /** The array holding the current line's content (terminator removed). Valid until next(). */
  byte[] array() {
    return lineBuf;
  }

  int offset() {
    return lineOff;
  }

  /** Content bytes; for an oversized line, only its kept head. */
  int length() {
    return lineLen;
  }

  /** Bytes the line occupies in the stream, terminator included. */
  long span() {
    return lineSpan;
  }

  boolean oversized() {
    return oversized;
  }

  /**
   * The line (possibly empty) where decoding failed; the last one this reader returns. An
   * oversized line can be torn too.
   */
  boolean torn() {
    return torn;
  }

  /** Why decoding failed, once it has. */
  IOException decodeFailure() {
    return decodeFailure;
  }
}
