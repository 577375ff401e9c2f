package io.logdex.format.token;

import java.io.IOException;
import java.util.Arrays;

/**
 * A skim of strict JSON for split planning: one tight byte loop that checks the input as the
 * {@link Tokenizer} does in {@link Syntax#JSON} but keeps only what a planner needs about the open
 * containers (kind, start, children so far, current key or index), with no token objects, paths
 * or listeners. It stops at the first token end that is a possible split point (past a due
 * offset, every open container spanning more than the cap, and a value may follow), where {@link
 * #state()} is exactly the state {@link Tokenizer#state()} would report there, so a tokenizer
 * resumed from it continues as the continuous one would.
 *
 * <p>It is never laxer than the tokenizer: whatever it does not accept, or any input the
 * tokenizer would refuse (and some it would accept, such as a word glued to the next document of
 * a stream, or a number longer than the skim's lookahead), ends the skim with {@link
 * Stop#UNSURE}, and the caller reads that file with the tokenizer instead, which then reports the
 * error in its own words. So it never has to phrase an error, and a file it accepts is one the
 * tokenizer accepts, token for token.
 *
 * <p>Reads through a {@link TakeBackInput}, which takes back the bytes read ahead when a
 * tokenizer takes over ({@link #handOver()}) or hands back ({@link #takeOver}).
 */
public final class JsonStructureScanner {
  /** Why {@link #run} returned. */
  public enum Stop {
    /** At a possible split point: {@link #state()} and the frame arrays describe it. */
    DUE,
    /** The input ended after a complete, valid last document, with no point due. */
    END,
    /** Input the skim does not vouch for (maybe bad JSON): read it with the tokenizer. */
    UNSURE
  }

  /** The least buffer: room for any number the skim checks by itself (64 bytes) and more. */
  private static final int MIN_BUFFER = 256;
  private static final long QUOTES = 0x2222_2222_2222_2222L;
  /** Bytes that may follow a number or a word: whitespace, ',', ']', '}' (or the end). */
  private static final boolean[] WORD_END = new boolean[256];

  static {
    for (int c : new int[] {' ', '\t', '\n', '\r', ',', ']', '}'}) WORD_END[c] = true;
  }

  /** Thrown inside the loop where the skim gives up; caught by {@link #run}. */
  private static final class Unsure extends Exception {
    private static final long serialVersionUID = 1L;

    Unsure() {
      super(null, null, false, false);
    }
  }

  private static final Unsure UNSURE = new Unsure();

  private final TakeBackInput in;
  private final long cap;
  private final boolean stream;
  private final int maxTokenBytes;

  private byte[] buf;
  private int pos;
  private int limit;
  /** Absolute offset of buf[0]. */
  private long bufBase;
  private boolean eof;

  // ---- the tokenizer's grammar state, as TokenizerState holds it ----
  private int expect;
  private int documentCount;
  private long tagEnd;
  private long keyEnd;
  private long line;
  private long lineStart;
  /** End of the last token: where a state taken now resumes. */
  private long lastEnd;
  /** The string being scanned holds an escape (a key's segment kind depends on it). */
  private boolean keyEscaped;

  /** The open containers, kept as the tokenizer keeps them, so a state is theirs exactly. */
  private final TokenFrames frames;
  /** Per open container, the children it has started (the cutter's count). */
  private long[] children = new long[16];
  /** A key's bytes when a refill came in the middle of it. */
  private byte[] keyScratch = new byte[64];
  private int keyScratchLen;
  private boolean keySpilled;
  /**
   * The innermost frame's last key, still in buf[pendingKeyStart, + pendingKeyLen): most keys hold
   * a scalar and are never needed, so a key goes into the frames only when a container opens
   * under it, a state is taken, or the buffer is about to move.
   */
  private boolean pendingKey;
  private int pendingKeyStart;
  private int pendingKeyLen;
  private boolean pendingKeyEscaped;

  /**
   * A skim over in for the cutter's cap, with the tokenizer's options (JSON); it starts where a
   * tokenizer hands over ({@link #takeOver}). One scanner serves a whole file, reusing its buffer.
   */
  public JsonStructureScanner(TakeBackInput in, long cap, TokenizerOptions options) {
    this.in = in;
    this.cap = cap;
    this.stream = options.documents() == DocumentMode.STREAM;
    this.maxTokenBytes = options.maxTokenBytes();
    this.buf = new byte[Math.max(options.bufferSize(), MIN_BUFFER)];
    this.frames = new TokenFrames(stream);
  }

  /**
   * Continues where tokenizer t stands (just after a token, in JSON), taking back the bytes it read
   * ahead into the input, which t reads from; t is not used after this. childCounts are the
   * children each open container has started so far (the cutter's counts). False if t is
   * somewhere the skim cannot continue.
   */
  public boolean takeOver(Tokenizer t, long[] childCounts) {
    if (!t.json) return false;
    TokenizerState s = t.state();
    if (t.bufBase + t.pos != s.offset || !s.linesKnown || s.tagOffset >= 0
        || (s.expect != Tokenizer.X_AFTER_VALUE && s.expect != Tokenizer.X_AFTER_BEGIN
            && s.expect != Tokenizer.X_AFTER_KEY)
        || childCounts.length != s.depth()) {
      return false;
    }
    in.unread(t.buf, t.pos, t.limit - t.pos);
    t.limit = t.pos;
    pos = 0;
    limit = 0;
    eof = false;
    restore(s, childCounts);
    return true;
  }

  /**
   * Starts at state s, from which the input's next byte is the one at {@link
   * TokenizerState#offset()} (a state the scanner or a stitch made, in single-document JSON, or a
   * file's start), with childCounts the children each open container has started.
   */
  public void startAt(TokenizerState s, long[] childCounts) {
    pos = 0;
    limit = 0;
    eof = false;
    restore(s, childCounts);
  }

  /** Where the scanner stands: the end of the last token. */
  public long offset() {
    return lastEnd;
  }

  private void restore(TokenizerState s, long[] childCounts) {
    expect = s.expect;
    documentCount = s.documentCount;
    tagEnd = s.tagEnd;
    keyEnd = s.keyEnd;
    line = s.line;
    lineStart = s.lineStart;
    lastEnd = s.offset;
    bufBase = s.offset;
    int n = s.depth();
    if (children.length < n) children = Arrays.copyOf(children, Math.max(n, 2 * children.length));
    System.arraycopy(childCounts, 0, children, 0, n);
    frames.restore(s.frames, Math.max(0, documentCount - 1));
    pendingKey = false;
  }

  /**
   * Hands the input over at the point {@link #run} stopped at: the bytes read ahead go back to
   * the input, whose next byte is then the one at {@link TokenizerState#offset()} of {@link
   * #state()}. The scanner is idle until the next {@link #takeOver}.
   */
  public void handOver() {
    in.unread(buf, pos, limit - pos);
    limit = pos;
  }

  // ---- the skim ----

  /**
   * Skims up to the first token end at or after both due and retryAt where every open container
   * spans more than the cap and a value may follow (in an array, after a key, or between the
   * documents of a stream): where the cutter is clean and a split point may be recorded.
   */
  public Stop run(long due, long retryAt) throws IOException {
    long from = Math.max(due, retryAt);
    try {
      for (;;) {
        if (!token()) return documentCount > 0 ? Stop.END : Stop.UNSURE;
        if (lastEnd >= from && valueMayFollow()
            && (frames.level == 0 || lastEnd - frames.nodeOffset(frames.level - 1) > cap)) {
          return Stop.DUE;
        }
      }
    } catch (Unsure e) {
      return Stop.UNSURE;
    }
  }

  /**
   * Skims to the token that ends exactly at offset, or with offset {@link Long#MAX_VALUE} to a
   * clean end of input: true if it got there ({@link #state()} is then the state there), false if
   * no token ends there or the skim does not vouch for the input on the way.
   */
  public boolean runTo(long offset) throws IOException {
    try {
      for (;;) {
        if (!token()) return offset == Long.MAX_VALUE && documentCount > 0;
        if (lastEnd == offset) return true;
        if (lastEnd > offset) return false;
      }
    } catch (Unsure e) {
      return false;
    }
  }

  /** Whether the scanner stands at state s with these child counts (after {@link #runTo}). */
  public boolean isAt(TokenizerState s, long[] childCounts) {
    return state().sameAs(s) && Arrays.equals(frameChildCounts(), childCounts);
  }

  private boolean valueMayFollow() {
    if (expect == Tokenizer.X_AFTER_KEY) return true;
    int level = frames.level;
    if (level == 0) return stream;
    return frames.kind(level - 1) == TokenFrames.ARRAY;
  }

  /** Scans one token; false at a clean end of input. */
  private boolean token() throws IOException, Unsure {
    int c = skipWhitespace();
    int level = frames.level;
    switch (expect) {
      case Tokenizer.X_AFTER_VALUE:
        if (level == 0) {
          if (c < 0) return false;
          if (!stream) throw UNSURE;
          document(c);
          return true;
        }
        if (c == ',') {
          pos++;
          c = skipWhitespace();
          if (frames.kind(level - 1) == TokenFrames.OBJECT) key(c);
          else element(c);
          return true;
        }
        close(c);
        return true;
      case Tokenizer.X_AFTER_BEGIN:
        if (c == '}' || c == ']') {
          close(c);
        } else if (frames.kind(level - 1) == TokenFrames.OBJECT) {
          key(c);
        } else {
          element(c);
        }
        return true;
      case Tokenizer.X_AFTER_KEY:
        if (c != ':') throw UNSURE;
        pos++;
        value(skipWhitespace());
        return true;
      case Tokenizer.X_DOCUMENT:
        if (c < 0) return false;
        document(c);
        return true;
      default:
        throw UNSURE;
    }
  }

  private void document(int c) throws IOException, Unsure {
    if (documentCount > 0 && !stream) throw UNSURE;
    documentCount++;
    frames.startDocument(documentCount - 1);
    value(c);
  }

  private void element(int c) throws IOException, Unsure {
    frames.nextIndex();
    value(c);
  }

  private void close(int c) throws Unsure {
    int level = frames.level;
    if (level == 0 || c != (frames.kind(level - 1) == TokenFrames.OBJECT ? '}' : ']')) {
      throw UNSURE;
    }
    frames.pop();
    pendingKey = false; // it was the closed object's
    lastEnd = bufBase + pos + 1;
    pos++;
    expect = Tokenizer.X_AFTER_VALUE;
  }

  /** A value starting with byte c at pos (-1: the end of input, which is an error here). */
  private void value(int c) throws IOException, Unsure {
    long off = bufBase + pos;
    int level = frames.level;
    if (level > 0) children[level - 1]++;
    switch (c) {
      case '"':
        pos = string(pos + 1, false);
        break;
      case '{':
      case '[':
        push(c == '{' ? TokenFrames.OBJECT : TokenFrames.ARRAY, off);
        pos++;
        lastEnd = off + 1;
        expect = Tokenizer.X_AFTER_BEGIN;
        return;
      case 't':
        word(TRUE);
        break;
      case 'f':
        word(FALSE);
        break;
      case 'n':
        word(NULL);
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) number();
        else throw UNSURE;
    }
    lastEnd = bufBase + pos;
    expect = Tokenizer.X_AFTER_VALUE;
  }

  private void push(byte kind, long off) {
    int k = frames.level;
    if (k == children.length) children = Arrays.copyOf(children, 2 * k);
    children[k] = 0;
    flushKey();
    frames.push(kind, off);
  }

  /** A key starting with byte c at pos, in the innermost frame (an object). */
  private void key(int c) throws IOException, Unsure {
    if (c != '"') throw UNSURE;
    long off = bufBase + pos;
    keyEscaped = false;
    keySpilled = false;
    keyScratchLen = 0;
    pos = string(pos + 1, true);
    long end = bufBase + pos;
    if (end - off > maxTokenBytes) throw UNSURE; // the tokenizer refuses keys over the cap
    keyEnd = end;
    lastEnd = end;
    expect = Tokenizer.X_AFTER_KEY;
  }

  /**
   * Scans a string's contents from index p (past the opening quote) to past its closing quote,
   * which it returns. A key's raw bytes become the innermost frame's key.
   */
  private int string(int p, boolean key) throws IOException, Unsure {
    int from = p; // the start of the bytes not yet appended to the key
    for (;;) {
      byte[] b = buf;
      int lim = limit - 8;
      // Eight bytes at a time: a quote, a backslash, a control byte or a byte >= 0x80 is flagged
      // (the lowest flag is exact, as in TokenScanner.scanString).
      while (p <= lim) {
        long x = (long) TokenScanner.LONG.get(b, p);
        long q = x ^ QUOTES;
        long e = x ^ TokenScanner.BACKSLASHES;
        long ones = TokenScanner.ONES;
        long hit = ((q - ones) & ~q | (e - ones) & ~e | (x - TokenScanner.SPACES) & ~x | x)
            & TokenScanner.HIGHS;
        if (hit != 0) {
          p += Long.numberOfTrailingZeros(hit) >>> 3;
          break;
        }
        p += 8;
      }
      if (p >= limit) {
        if (key) appendKey(from, p);
        p = refill(p, 1);
        if (p >= limit) throw UNSURE; // unterminated
        from = p;
        continue;
      }
      int c = b[p] & 0xff;
      if (c == '"') {
        if (key) endKey(from, p);
        return p + 1;
      }
      if (c >= 0x20 && c < 0x80 && c != '\\') {
        p++;
        continue;
      }
      if (c < 0x20) throw UNSURE;
      // An escape or a UTF-8 sequence: at most six bytes; have them in the buffer together.
      if (limit - p < 6) {
        if (key) appendKey(from, p);
        p = refill(p, 6);
        from = p;
        b = buf;
      }
      if (c == '\\') {
        keyEscaped = true;
        p = escape(b, p + 1);
      } else {
        p = utf8(b, p, c);
      }
    }
  }

  /** Checks the escape whose byte after the backslash is at index p; returns the index after. */
  private int escape(byte[] b, int p) throws Unsure {
    if (p >= limit) throw UNSURE;
    switch (b[p]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return p + 1;
      case 'u':
        if (p + 4 >= limit) throw UNSURE;
        for (int i = 1; i <= 4; i++) if (Utf8Text.hex(b[p + i]) < 0) throw UNSURE;
        return p + 5;
      default:
        throw UNSURE;
    }
  }

  /** Checks the UTF-8 sequence whose lead byte c is at p as TokenScanner.utf8 does (RFC 3629). */
  private int utf8(byte[] b, int p, int c) throws Unsure {
    int seq = Utf8Text.sequence(c);
    if (seq < 0) throw UNSURE;
    int n = seq & 0xff;
    if (p + n >= limit) throw UNSURE;
    int c1 = b[p + 1] & 0xff;
    if (c1 < ((seq >>> 8) & 0xff) || c1 > seq >>> 16) throw UNSURE;
    for (int i = 2; i <= n; i++) if ((b[p + i] & 0xc0) != 0x80) throw UNSURE;
    return p + n + 1;
  }

  /** Keeps buf[from, to) of a key whose bytes a refill is about to move. */
  private void appendKey(int from, int to) throws Unsure {
    int n = to - from;
    if ((long) keyScratchLen + n > maxTokenBytes) throw UNSURE;
    if (keyScratchLen + n > keyScratch.length) {
      keyScratch = Arrays.copyOf(keyScratch, Math.max(2 * keyScratch.length, keyScratchLen + n));
    }
    System.arraycopy(buf, from, keyScratch, keyScratchLen, n);
    keyScratchLen += n;
    keySpilled = true;
  }

  /** The key's last bytes are buf[from, to): it becomes the innermost frame's segment. */
  private void endKey(int from, int to) throws Unsure {
    if (!keySpilled) {
      pendingKey = true;
      pendingKeyStart = from;
      pendingKeyLen = to - from;
      pendingKeyEscaped = keyEscaped;
      return;
    }
    appendKey(from, to);
    pendingKey = false;
    frames.setFieldKey(keyScratch, 0, keyScratchLen, keyEscaped);
  }

  /** Puts a pending key into the frames (while its bytes are still in the buffer). */
  private void flushKey() {
    if (pendingKey) {
      frames.setFieldKey(buf, pendingKeyStart, pendingKeyLen, pendingKeyEscaped);
      pendingKey = false;
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** true, false or null at pos, then a delimiter or the end. */
  private void word(byte[] w) throws IOException, Unsure {
    int p = pos;
    if (limit - p < w.length + 1) p = refill(p, w.length + 1);
    if (limit - p < w.length) throw UNSURE;
    for (int i = 1; i < w.length; i++) if (buf[p + i] != w[i]) throw UNSURE;
    p += w.length;
    if (p < limit && !WORD_END[buf[p] & 0xff]) throw UNSURE;
    pos = p;
  }

  /**
   * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? at pos, then a delimiter or the end. Numbers
   * longer than the buffer's slack are left to the tokenizer.
   */
  private void number() throws IOException, Unsure {
    int p = pos;
    if (limit - p < 64) p = refill(p, 64);
    byte[] b = buf;
    int lim = limit;
    if (b[p] == '-') p++;
    if (p >= lim) throw UNSURE;
    if (b[p] == '0') {
      p++;
    } else {
      if (b[p] < '1' || b[p] > '9') throw UNSURE;
      p = digits(b, p + 1, lim);
    }
    if (p < lim && b[p] == '.') {
      int q = digits(b, p + 1, lim);
      if (q == p + 1) throw UNSURE;
      p = q;
    }
    if (p < lim && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < lim && (b[p] == '+' || b[p] == '-')) p++;
      int q = digits(b, p, lim);
      if (q == p) throw UNSURE;
      p = q;
    }
    if (p < lim) {
      if (!WORD_END[b[p] & 0xff]) throw UNSURE;
    } else if (!eof) {
      throw UNSURE; // longer than the lookahead: the tokenizer reads it
    }
    pos = p;
  }

  private static int digits(byte[] b, int p, int lim) {
    while (p < lim && b[p] >= '0' && b[p] <= '9') p++;
    return p;
  }

  /** Skips JSON whitespace, counting lines; returns the byte at pos, or -1 at the end. */
  private int skipWhitespace() throws IOException, Unsure {
    // Most tokens follow the last one directly: one compare, small enough to inline.
    int p = pos;
    if (p < limit) {
      int c = buf[p] & 0xff;
      if (c > ' ') return c;
    }
    return skipWhitespaceSlow();
  }

  private int skipWhitespaceSlow() throws IOException, Unsure {
    int p = pos;
    for (;;) {
      byte[] b = buf;
      int lim = limit;
      while (p < lim) {
        int c = b[p] & 0xff;
        if (c > ' ') {
          pos = p;
          return c;
        }
        if (c == '\n') {
          line++;
          lineStart = bufBase + p + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          throw UNSURE;
        }
        p++;
      }
      p = refill(p, 1);
      if (p >= limit) {
        pos = p;
        return -1;
      }
    }
  }

  /**
   * Makes at least n bytes available from index p if the input has them, moving what is left to
   * the buffer's start; returns p's new index (the caller re-reads buf and limit).
   */
  private int refill(int p, int n) throws IOException {
    if (limit - p >= n || eof) return p;
    flushKey();
    int left = limit - p;
    System.arraycopy(buf, p, buf, 0, left);
    bufBase += p;
    limit = left;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
        break;
      }
      limit += r;
    }
    pos = 0;
    return 0;
  }

  // ---- the point reached ----

  /** The tokenizer state at the point {@link #run} stopped at. */
  public TokenizerState state() {
    flushKey();
    return new TokenizerState(lastEnd, expect, documentCount, -1, tagEnd, keyEnd, line, lineStart,
        true, frames.snapshot());
  }

  /** Start offsets of the open containers, outermost first. */
  public long[] frameStarts() {
    long[] starts = new long[frames.level];
    for (int k = 0; k < starts.length; k++) starts[k] = frames.nodeOffset(k);
    return starts;
  }

  /** Children each open container has started. */
  public long[] frameChildCounts() {
    return Arrays.copyOf(children, frames.level);
  }

  /** Which open containers are objects. */
  public boolean[] frameObjects() {
    boolean[] o = new boolean[frames.level];
    for (int k = 0; k < o.length; k++) o[k] = frames.kind(k) == TokenFrames.OBJECT;
    return o;
  }
}
