package io.logdex.format.token;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * The byte level under {@link Tokenizer}: one reused buffer, refilled from a stream or channel (or
 * a caller's array, never copied), and the scanners that find where each lexeme ends. The grammar
 * (which token may come where, frames, paths) lives in the subclass; this class knows only bytes.
 *
 * <p>Conventions: a scanner starts with {@code pos == tokStart} on the lexeme's first byte and
 * leaves {@code pos} just past it. Whenever more input is needed, {@link #more()} may move the
 * bytes, so scanners keep indices in locals and re-read {@code pos}, {@code buf} and {@code limit}
 * after each refill. Nothing here recurses or allocates per token.
 */
abstract class TokenScanner {
  static final int SCAN_VALUE = 0;
  static final int SCAN_KEY = 1;
  static final int SCAN_TAG = 2;

  /** Extra buffer room past maxTokenBytes, for lookahead after a token. */
  private static final int GROW_SLACK = 16;

  /** Eight bytes at a time (also JsonStructureScanner's string loop). */
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final long ONES = 0x0101_0101_0101_0101L;
  static final long HIGHS = 0x8080_8080_8080_8080L;
  static final long SPACES = 0x2020_2020_2020_2020L;
  static final long BACKSLASHES = 0x5c5c_5c5c_5c5c_5c5cL;

  /** ASCII bytes a string holds as they are; bytes >= 0x80 are checked as UTF-8 on their own. */
  static final boolean[] STRING_PLAIN = new boolean[256];
  /** Bytes that may start or continue a Tony literal. */
  static final boolean[] LITERAL_CHAR = new boolean[256];
  /** LITERAL_CHAR without the bytes >= 0x80, so that the scan loop stops at them to check them. */
  static final boolean[] LITERAL_ASCII = new boolean[256];
  static final boolean[] COLON_ENDS_LITERAL = new boolean[256];
  /** ASCII bytes of a tag name; bytes >= 0x80 are checked as UTF-8 on their own. */
  static final boolean[] TAG_NAME_CHAR = new boolean[256];
  static final boolean[] TAG_END = new boolean[256];
  static final boolean[] NUMBER_END = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      STRING_PLAIN[c] = c >= 0x20 && c < 0x80 && c != '"' && c != '\'' && c != '\\';
      boolean ctlOrSpace = c <= 0x20 || c == 0x7f;
      LITERAL_CHAR[c] = !ctlOrSpace && ",[]{}\"':".indexOf(c) < 0;
      LITERAL_ASCII[c] = LITERAL_CHAR[c] && c < 0x80;
      COLON_ENDS_LITERAL[c] = ctlOrSpace || ",[]{}\"'".indexOf(c) >= 0;
      TAG_NAME_CHAR[c] = !ctlOrSpace && c < 0x80 && ",[]{}\"'():!#".indexOf(c) < 0;
      TAG_END[c] = c <= 0x20 || ",[]{}\"'#".indexOf(c) >= 0;
      NUMBER_END[c] = c <= 0x20 || ",]}:#".indexOf(c) >= 0;
    }
  }

  final int maxTokenBytes;
  /** Strict RFC 8259 JSON ({@link Syntax#JSON}) rather than Tony wire. */
  final boolean json;
  private final int readSize;
  private final InputStream in;
  private final SeekableByteChannel channel;
  private ByteBuffer channelView;

  byte[] buf;
  int pos;
  int limit;
  /** Absolute offset of buf[0]. */
  long bufBase;
  private boolean eof;
  /** At the input's first byte, a UTF-8 byte order mark may still have to be skipped. */
  private boolean bomPending;

  /** Buffer index of the first byte to keep for the lexeme in flight, or -1 between tokens. */
  int tokStart = -1;
  /** Absolute offset of the lexeme in flight. */
  long scanOffset;
  /** SCAN_VALUE, SCAN_KEY or SCAN_TAG: keys and tags may not outgrow the cap. */
  int scanKind;
  /** The lexeme in flight outgrew maxTokenBytes: its bytes are handed on and dropped. */
  boolean overflow;
  private int overflowFlushed;
  LargeTokenConsumer largeTokenConsumer;

  /** 1-based line at pos (counted by the whitespace skipper only: no token holds a newline). */
  long line = 1;
  /** Absolute offset of the current line's first byte, or -1 when not known. */
  long lineStart;

  TokenScanner(TokenizerOptions options, InputStream in, SeekableByteChannel channel,
      byte[] bytes, int off, int len, long baseOffset, boolean linesKnown) {
    this.maxTokenBytes = options.maxTokenBytes();
    this.json = options.syntax() == Syntax.JSON;
    this.readSize = options.bufferSize();
    this.in = in;
    this.channel = channel;
    if (bytes != null) {
      rebind(bytes, off, len, baseOffset, linesKnown);
    } else {
      this.buf = new byte[options.bufferSize()];
      this.bufBase = baseOffset;
      this.lineStart = linesKnown ? baseOffset : -1;
      bomPending = baseOffset == 0 && linesKnown;
    }
  }

  /**
   * Points a scanner at bytes, as the constructor does for a scanner over bytes (it calls this),
   * keeping its buffers: how Tokenizer#reuse starts a new document.
   */
  final void rebind(byte[] bytes, int off, int len, long baseOffset, boolean linesKnown) {
    if (in != null || channel != null) throw new IllegalStateException("only a tokenizer over bytes is reused");
    java.util.Objects.checkFromIndexSize(off, len, bytes.length);
    buf = bytes;
    pos = off;
    limit = off + len;
    bufBase = baseOffset - off;
    eof = true;
    tokStart = -1;
    scanOffset = 0;
    scanKind = SCAN_VALUE;
    overflow = false;
    overflowFlushed = 0;
    line = 1;
    lineStart = linesKnown ? baseOffset : -1;
    bomPending = false;
    if (baseOffset == 0 && linesKnown && len >= 3 && isBomPrefix(3)) skipBom();
  }

  /**
   * Skips a UTF-8 byte order mark at offset 0 (RFC 8259 lets a parser ignore one; editors on
   * Windows write it), so it is not read as a literal. Offsets stay file offsets: the first token
   * is at 3, and columns count from after the mark.
   */
  private void skipByteOrderMark() throws IOException {
    while (!eof && limit - pos < 3 && isBomPrefix(limit - pos)) {
      int n = read(buf, limit, Math.min(buf.length - limit, readSize));
      if (n < 0) eof = true;
      else limit += n;
    }
    bomPending = false;
    if (limit - pos >= 3 && isBomPrefix(3)) skipBom();
  }

  private void skipBom() {
    pos += 3;
    lineStart = bufBase + pos;
  }

  private boolean isBomPrefix(int n) {
    final byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    for (int i = 0; i < n; i++) if (buf[pos + i] != bom[i]) return false;
    return true;
  }

  /** An error at absolute offset off, located by the grammar (line, column, path). */
  abstract FormatException errorAt(long off, String reason);

  /** The input ended inside the lexeme in flight. */
  abstract FormatException truncatedAt(long off, String reason);

  /** Whether a container is open (the end of input is then a truncation). */
  abstract boolean insideContainer();

  /** A key or tag outgrew the cap. */
  abstract FormatException tooLong(long off, long len);

  // ---- whitespace and comments ----

  /**
   * Skips whitespace and (Tony only) comments; returns the byte at pos, or -1 at the end of input.
   * In JSON a '#' is returned like any other byte, for the grammar to refuse.
   */
  final int skipWhitespace() throws IOException {
    int p = pos;
    if (p < limit) {
      int c = buf[p] & 0xff;
      if (c > ' ' && c != '#') return c;
    }
    return skipWhitespaceSlow();
  }

  private int skipWhitespaceSlow() throws IOException {
    byte[] b = buf;
    int p = pos;
    int lim = limit;
    for (;;) {
      if (p >= lim) {
        pos = p;
        if (!more()) return -1;
        b = buf;
        p = pos;
        lim = limit;
        continue;
      }
      int c = b[p] & 0xff;
      if (c > ' ') {
        if (c != '#' || json) {
          pos = p;
          return c;
        }
        p = skipComment(p + 1);
        b = buf;
        lim = limit;
        continue;
      }
      if (c == '\n') {
        line++;
        lineStart = bufBase + p + 1;
        // Indentation follows most newlines: skip it eight spaces at a time.
        while (p + 9 <= lim && (long) LONG.get(b, p + 1) == SPACES) p += 8;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        throw errorAt(bufBase + p, String.format("unexpected control character 0x%02x", c));
      }
      p++;
    }
  }

  /** Skips a comment's text up to (not past) its newline; returns that index. */
  private int skipComment(int p) throws IOException {
    for (;;) {
      byte[] b = buf;
      int lim = limit;
      while (p < lim) {
        byte c = b[p];
        if (c == '\n') return p;
        if (c < 0) {
          // Comments are text too: bad UTF-8 there is as wrong as anywhere else.
          p = utf8(p);
          b = buf;
          lim = limit;
          continue;
        }
        p++;
      }
      pos = p;
      if (!more()) return pos;
      p = pos;
    }
  }

  // ---- lexeme scanners ----

  /** Scans a quoted string; returns whether it holds escapes. */
  final boolean scanString(int quote) throws IOException {
    // Small enough to inline: most strings end within the buffer with no escape, found eight
    // bytes at a time. A quote, a backslash, a control byte or a byte >= 0x80 (to be checked as
    // UTF-8) is flagged; the lowest flag is exact (borrows only spread upwards), which is all that
    // is needed to stop there. ASCII text pays one more OR per eight bytes for the UTF-8 check.
    byte[] b = buf;
    int p = pos + 1;
    int lim = limit - 8;
    long quotes = (quote & 0xffL) * ONES;
    while (p <= lim) {
      long x = (long) LONG.get(b, p);
      long q = x ^ quotes;
      long e = x ^ BACKSLASHES;
      long hit = ((q - ONES) & ~q | (e - ONES) & ~e | (x - SPACES) & ~x | x) & HIGHS;
      if (hit != 0) {
        p += Long.numberOfTrailingZeros(hit) >>> 3;
        if (b[p] == quote) {
          pos = p + 1;
          return false;
        }
        break;
      }
      p += 8;
    }
    return scanStringSlow(p, quote);
  }

  private boolean scanStringSlow(int p, int quote) throws IOException {
    byte[] b = buf;
    int lim = limit;
    boolean esc = false;
    long quotes = (quote & 0xffL) * ONES;
    for (;;) {
      // Back to eight bytes at a time after an escape or a refill, as in scanString.
      while (p <= lim - 8) {
        long x = (long) LONG.get(b, p);
        long q = x ^ quotes;
        long e = x ^ BACKSLASHES;
        if ((((q - ONES) & ~q | (e - ONES) & ~e | (x - SPACES) & ~x | x) & HIGHS) != 0) break;
        p += 8;
      }
      // Then a byte at a time, with the common UTF-8 sequences checked inline: two bytes, and
      // three whose second byte has the full range (E1..EC, EE, EF). Text that is mostly
      // non-ASCII stays in this loop; the rest goes through utf8().
      int c;
      for (;;) {
        if (p >= lim) {
          c = -1;
          break;
        }
        c = b[p] & 0xff;
        if (STRING_PLAIN[c]) {
          p++;
        } else if (c < 0x80) {
          break;
        } else if (c >= 0xc2 && c <= 0xdf && p + 1 < lim && (b[p + 1] & 0xc0) == 0x80) {
          p += 2;
        } else if (c >= 0xe1 && c <= 0xef && c != 0xed && p + 2 < lim
            && (b[p + 1] & 0xc0) == 0x80 && (b[p + 2] & 0xc0) == 0x80) {
          p += 3;
        } else {
          p = utf8(p);
          b = buf;
          lim = limit;
        }
      }
      if (c < 0) {
        pos = p;
        if (!more()) throw truncatedAt(bufBase + pos, "unterminated string");
        b = buf;
        p = pos;
        lim = limit;
        continue;
      }
      if (c == quote) {
        pos = p + 1;
        return esc;
      }
      if (c == '\\') {
        esc = true;
        p = scanEscape(p + 1, quote);
        b = buf;
        lim = limit;
      } else if (c == '"' || c == '\'') {
        p++;
      } else {
        throw errorAt(bufBase + p, String.format(
            "raw control character 0x%02x in a string; it must be escaped", c));
      }
    }
  }

  /** Checks the escape whose first byte after the backslash is at p; returns the index after it. */
  private int scanEscape(int p, int quote) throws IOException {
    int c = peek(p);
    p = pos;
    if (c < 0) throw truncatedAt(bufBase + p, "unterminated escape in a string");
    switch (c) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return p + 1;
      case '\'':
        if (quote == '\'') return p + 1;
        break;
      case 'u':
        for (int i = 0; i < 4; i++) {
          p++;
          int h = peek(p);
          p = pos;
          if (h < 0) throw truncatedAt(bufBase + p, "unterminated \\u escape in a string");
          if (Utf8Text.hex((byte) h) < 0) {
            throw errorAt(bufBase + p, "bad \\u escape: '" + printable(h) + "' is not a hex digit");
          }
        }
        return p + 1;
      default:
        break;
    }
    throw errorAt(bufBase + p - 1, "bad escape '\\" + printable(c) + "' in a string");
  }

  /**
   * Scans a JSON number (the caller saw a digit, or '-' and a digit); returns true if it has a
   * fraction or an exponent. It must end at a delimiter: {@code 12ab} and {@code 01} are errors.
   */
  final boolean scanNumber() throws IOException {
    int p = pos;
    int c = buf[p] & 0xff;
    if (c == '-') {
      c = peek(p + 1);
      p = pos;
    }
    if (c == '0') {
      p++;
    } else {
      p = skipDigits(p + 1);
    }
    c = peek(p);
    p = pos;
    boolean isFloat = false;
    if (c == '.') {
      c = peek(p + 1);
      p = pos;
      if (c < '0' || c > '9') throw badNumber(c, p, "a digit must follow '.'");
      p = skipDigits(p + 1);
      c = peek(p);
      p = pos;
      isFloat = true;
    }
    if (c == 'e' || c == 'E') {
      c = peek(p + 1);
      p = pos;
      if (c == '+' || c == '-') {
        c = peek(p + 1);
        p = pos;
      }
      if (c < '0' || c > '9') throw badNumber(c, p, "a digit must follow the exponent mark");
      p = skipDigits(p + 1);
      c = peek(p);
      p = pos;
      isFloat = true;
    }
    if (c >= 0 && !NUMBER_END[c]) {
      throw badNumber(c, p, c >= '0' && c <= '9' ? "a number cannot have a leading zero"
          : "'" + printable(c) + "' cannot follow a number (quote text that starts with a digit)");
    }
    pos = p;
    return isFloat;
  }

  private FormatException badNumber(int c, int p, String why) {
    if (c < 0) return truncatedAt(bufBase + p, "number cut off by the end of input");
    return errorAt(bufBase + p, "invalid number: " + why);
  }

  private int skipDigits(int p) throws IOException {
    for (;;) {
      byte[] b = buf;
      int lim = limit;
      while (p < lim) {
        byte c = b[p];
        if (c < '0' || c > '9') {
          pos = p;
          return p;
        }
        p++;
      }
      pos = p;
      if (!more()) return pos;
      p = pos;
    }
  }

  /** Scans an unquoted literal whose first byte the caller checked. */
  final void scanLiteral() throws IOException {
    byte[] b = buf;
    int p = pos; // the first byte too: it may start a UTF-8 sequence
    int lim = limit;
    for (;;) {
      while (p < lim && LITERAL_ASCII[b[p] & 0xff]) p++;
      if (p >= lim) {
        pos = p;
        if (!more()) return;
        b = buf;
        p = pos;
        lim = limit;
        continue;
      }
      if (b[p] < 0) {
        p = utf8(p);
        b = buf;
        lim = limit;
        continue;
      }
      if (b[p] != ':') break;
      // A ':' ends the literal only before a delimiter; s3://bucket and a:b stay whole.
      int n = ensure(p, 2) ? buf[pos + 1] & 0xff : -1;
      b = buf;
      p = pos;
      lim = limit;
      if (n < 0 && insideContainer()) {
        // Inside a container the input is cut off anyway; which token the ':' belongs to is
        // unknowable, so say truncated rather than guess and then fail on a stray ':'.
        throw truncatedAt(bufBase + p + 1, "input ended after ':'");
      }
      if (n < 0 || COLON_ENDS_LITERAL[n]) break;
      p++;
    }
    pos = p;
  }

  /** Scans a tag: '!', a name, optional balanced '(...)' arguments. */
  final void scanTag() throws IOException {
    byte[] b = buf;
    int p = pos + 1;
    for (;;) {
      int lim = limit;
      while (p < lim && TAG_NAME_CHAR[b[p] & 0xff]) p++;
      if (p < lim) {
        if (b[p] >= 0) break;
        p = utf8(p);
        b = buf;
        continue;
      }
      pos = p;
      boolean read = more();
      // more() may have shifted the buffer even when it found no more input: re-read pos.
      b = buf;
      p = pos;
      if (!read) break;
    }
    int c = peek(p);
    p = pos;
    if (p == tokStart + 1) {
      if (c < 0) throw truncatedAt(bufBase + p, "tag cut off by the end of input");
      throw errorAt(scanOffset, "a tag needs a name after '!'");
    }
    if (c == '(') {
      int open = 1;
      while (open > 0) {
        c = peek(++p);
        p = pos;
        if (c < 0) throw truncatedAt(bufBase + p, "unterminated tag arguments");
        if (c < 0x20 || c == 0x7f) {
          throw errorAt(bufBase + p, String.format("control character 0x%02x in a tag", c));
        }
        if (c >= 0x80) p = utf8(p) - 1;
        if (c == '(') open++;
        else if (c == ')') open--;
      }
      c = peek(++p);
      p = pos;
    }
    if (c >= 0 && !TAG_END[c]) throw errorAt(bufBase + p, "unexpected '" + printable(c) + "' after a tag");
    pos = p;
  }

  // ---- UTF-8 ----

  /**
   * Checks the UTF-8 sequence whose lead byte (>= 0x80) is at index p, per RFC 3629: no overlong
   * forms, no surrogates, nothing above U+10FFFF, no stray continuation bytes. Returns the index
   * after it; the buffer may have moved (pos is then p's index), so callers re-read buf and limit.
   */
  final int utf8(int p) throws IOException {
    // The common sequences, whole in the buffer: two bytes (Latin, Greek, Cyrillic...) and three
    // bytes without a range restriction on the second byte (most of the BMP, CJK included).
    byte[] b = buf;
    if (p + 3 < limit) {
      int c = b[p] & 0xff;
      if (c >= 0xc2 && c <= 0xdf) {
        if ((b[p + 1] & 0xc0) == 0x80) return p + 2;
      } else if (c >= 0xe1 && c <= 0xef && c != 0xed) {
        if ((b[p + 1] & 0xc0) == 0x80 && (b[p + 2] & 0xc0) == 0x80) return p + 3;
      }
    }
    return utf8Checked(p);
  }

  /** {@link #utf8} for every sequence, refilling the buffer when it straddles the edge. */
  private int utf8Checked(int p) throws IOException {
    int c = buf[p] & 0xff;
    int seq = Utf8Text.sequence(c);
    if (seq < 0) {
      throw badUtf8(p, 1, c < 0xc0 ? "a continuation byte without a lead byte"
          : c < 0xc2 ? "an overlong encoding" : "a byte that never occurs in UTF-8");
    }
    int n = seq & 0xff;
    int lo = (seq >>> 8) & 0xff;
    int hi = seq >>> 16;
    if (!ensure(p, n + 1)) {
      // The input ends inside a character: cut short, like any other lexeme that ends early.
      throw truncatedAt(bufBase + pos, badUtf8(pos, limit - pos,
          "a sequence cut off by the end of input").reason());
    }
    p = pos;
    byte[] b = buf;
    int c1 = b[p + 1] & 0xff;
    if (c1 < 0x80 || c1 > 0xbf) throw badUtf8(p, 2, "a lead byte without its continuation bytes");
    if (c1 < lo) throw badUtf8(p, 2, "an overlong encoding");
    if (c1 > hi) {
      throw badUtf8(p, 2, c == 0xed ? "a UTF-16 surrogate (U+D800..U+DFFF)" : "a code point above U+10FFFF");
    }
    for (int i = 2; i <= n; i++) {
      if ((b[p + i] & 0xc0) != 0x80) throw badUtf8(p, i + 1, "a lead byte without its continuation bytes");
    }
    return p + n + 1;
  }

  private FormatException badUtf8(int p, int n, String why) {
    StringBuilder sb = new StringBuilder("invalid UTF-8: ").append(why).append(" (bytes");
    for (int i = 0; i < n && p + i < limit; i++) sb.append(String.format(" %02x", buf[p + i] & 0xff));
    return errorAt(bufBase + p, sb.append(')').toString());
  }

  // ---- the buffer ----

  /** Byte at index p after making it available, with pos set to p (the buffer may move); -1 at EOF. */
  final int peek(int p) throws IOException {
    if (p < limit) {
      pos = p;
      return buf[p] & 0xff;
    }
    return ensure(p, 1) ? buf[pos] & 0xff : -1;
  }

  /** Makes n bytes available from index p; pos becomes p's (possibly moved) index. */
  final boolean ensure(int p, int n) throws IOException {
    pos = p;
    while (limit - pos < n) {
      if (!more()) return false;
    }
    return true;
  }

  /**
   * Reads more input after limit. Keeps the lexeme in flight from tokStart (or, once it outgrew the
   * cap, only from pos, handing earlier bytes to the consumer), compacting or growing the buffer
   * when it is full. Every index into buf may change: callers re-read pos.
   */
  final boolean more() throws IOException {
    if (eof) return false;
    int keep;
    if (tokStart < 0) {
      keep = pos;
    } else {
      if (!overflow && pos - tokStart > maxTokenBytes) startOverflow();
      if (overflow) {
        flushOverflow();
        keep = pos;
      } else {
        keep = tokStart;
      }
    }
    if (limit == buf.length) {
      if (keep > 0) shift(keep);
      else grow();
    }
    int room = Math.min(buf.length - limit, readSize);
    for (;;) {
      int n = read(buf, limit, room);
      if (n > 0) {
        limit += n;
        if (bomPending) skipByteOrderMark();
        return true;
      }
      if (n < 0) {
        eof = true;
        return false;
      }
    }
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (in != null) return in.read(b, off, len);
    if (channel != null) {
      if (channelView == null || channelView.array() != b) channelView = ByteBuffer.wrap(b);
      channelView.limit(off + len).position(off);
      return channel.read(channelView);
    }
    return -1;
  }

  private void shift(int keep) {
    System.arraycopy(buf, keep, buf, 0, limit - keep);
    limit -= keep;
    pos -= keep;
    if (tokStart >= 0) tokStart -= keep;
    overflowFlushed -= keep;
    bufBase += keep;
  }

  private void grow() {
    long cap = Math.max((long) readSize, (long) maxTokenBytes + GROW_SLACK);
    long n = buf.length >= cap ? 2L * buf.length : Math.min(cap, Math.max(16L, 2L * buf.length));
    buf = Arrays.copyOf(buf, (int) Math.min(n, Integer.MAX_VALUE - 16));
  }

  private void startOverflow() throws IOException {
    if (scanKind != SCAN_VALUE) throw tooLong(scanOffset, bufBase + pos - scanOffset);
    overflow = true;
    overflowFlushed = tokStart;
    if (largeTokenConsumer != null) largeTokenConsumer.begin(scanOffset);
  }

  private void flushOverflow() throws IOException {
    if (largeTokenConsumer != null && pos > overflowFlushed) {
      largeTokenConsumer.bytes(buf, overflowFlushed, pos - overflowFlushed);
    }
    overflowFlushed = pos;
    tokStart = pos;
  }

  /**
   * Called when a scalar value ended and is longer than the cap (or overflowed while scanned): it
   * is not kept, and the consumer gets whatever bytes it has not had yet.
   */
  final void finishLarge(TokenKind kind, long off) throws IOException {
    long len = bufBase + pos - off;
    if (overflow) {
      flushOverflow();
      if (largeTokenConsumer != null) largeTokenConsumer.end(kind, len);
    } else if (largeTokenConsumer != null) {
      // Fitted in the buffer by luck of alignment; treated exactly as if it had not.
      largeTokenConsumer.begin(off);
      largeTokenConsumer.bytes(buf, tokStart, (int) len);
      largeTokenConsumer.end(kind, len);
    }
  }

  /** Current buffer size, for tests of the memory bound. */
  final int bufferCapacity() {
    return buf.length;
  }

  /** Closes the stream or channel read from (nothing for a caller's array). */
  final void closeInput() throws IOException {
    if (in != null) in.close();
    if (channel != null) channel.close();
  }

  static String printable(int c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
  }
}
