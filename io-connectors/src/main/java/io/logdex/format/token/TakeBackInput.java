package io.logdex.format.token;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that can take back bytes read ahead: they are read again, before the rest,
 * so that a tokenizer and a scanner can take turns on one stream without reopening it.
 */
public final class TakeBackInput extends InputStream {
  private final InputStream in;
  private byte[] back = new byte[0];
  private int backPos;
  private int backEnd;

  public TakeBackInput(InputStream in) {
    this.in = in;
  }

  /** Puts b[off, off + len) back before whatever is still to be read. */
  void unread(byte[] b, int off, int len) {
    int left = backEnd - backPos;
    if (len + left > back.length) {
      byte[] n = new byte[Math.max(len + left, 2 * back.length)];
      System.arraycopy(back, backPos, n, len, left);
      back = n;
    } else {
      System.arraycopy(back, backPos, back, len, left);
    }
    System.arraycopy(b, off, back, 0, len);
    backPos = 0;
    backEnd = len + left;
  }

  @Override
  public int read() throws IOException {
    if (backPos < backEnd) return back[backPos++] & 0xff;
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (backPos < backEnd) {
      int n = Math.min(len, backEnd - backPos);
      System.arraycopy(back, backPos, b, off, n);
      backPos += n;
      return n;
    }
    return in.read(b, off, len);
  }

  /** Skips bytes taken back first, then the input's (which may seek rather than read). */
  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) return 0;
    int back = (int) Math.min(n, backEnd - backPos);
    backPos += back;
    return back == n ? n : back + in.skip(n - back);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
