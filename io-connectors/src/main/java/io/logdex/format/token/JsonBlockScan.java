package io.logdex.format.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The speculative first pass of parallel split planning: reads one block of a JSON file whose
 * lexical state at the start is not known (inside a string or not) and summarizes, for one
 * assumed start state, what the block does to the stack of open containers, as a list of {@link
 * Delta}s: one per checkpoint (the end of a value that a ',' follows, about every interval bytes)
 * and one for the rest of the block. A delta holds only what changed since the last one: the
 * containers it closed, the counts and last key it added to the innermost surviving one, and the
 * containers it opened and left open. So a summary grows with the nesting a block opens, not
 * with its tokens. {@link JsonStackStitcher} chains the summaries of consecutive blocks, each
 * under the start state the previous block ended in.
 *
 * <p>It checks no grammar: it only drops a speculation that meets a byte that cannot be outside a
 * string (so a wrong guess usually dies within a few bytes), or brackets that do not match inside
 * the block. Whatever it accepts is validated afterwards by the real skim
 * ({@link JsonStructureScanner#runTo}) from the stitched states. The byte before the block's
 * start must not be a backslash, so that a block starting inside a string does not start inside
 * an escape.
 */
public final class JsonBlockScan {
  /** A key or string bound that lies before the delta: the stitcher's last string. */
  static final long CARRIED = -2;
  /** No such offset in the delta. */
  static final long NONE = -1;

  private static final byte[] NO_POPS = new byte[0];
  /** Never changed: the stitcher only reads a delta. */
  private static final JsonFrameCounts NONE_OPENED = new JsonFrameCounts(0);

  /** What a stretch of the block did, from the last checkpoint (or the block's start). */
  public static final class Delta {
    /** Where the stretch ends: a checkpoint (just after a value) or the block's end. */
    final long offset;
    final boolean checkpoint;
    /** Kinds of the containers closed that were open before the stretch, innermost first. */
    final byte[] popKinds;
    /** Added to the innermost container left open from before (after the pops). */
    final long floorCommas;
    final long floorColons;
    final long floorKeyStart;
    final long floorKeyEnd;
    /** Containers opened and left open, outermost first. */
    final JsonFrameCounts opened;
    final long lastKeyEnd;
    final long newlines;
    final long lastNewline;
    /** The last string: its opening quote (or CARRIED) and the offset after it (-1: open). */
    final long stringStart;
    final long stringEnd;
    final boolean endsInString;

    private Delta(Scan s, long offset, boolean checkpoint) {
      this.offset = offset;
      this.checkpoint = checkpoint;
      // Most stretches close and open nothing that outlives them: those share empty arrays, so a
      // checkpoint costs about 100 bytes (the file's deltas live until the walk ends).
      this.popKinds = s.pops == 0 ? NO_POPS : Arrays.copyOf(s.popKinds, s.pops);
      this.floorCommas = s.floorCommas;
      this.floorColons = s.floorColons;
      this.floorKeyStart = s.floorKeyStart;
      this.floorKeyEnd = s.floorKeyEnd;
      this.opened = s.open.depth == 0 ? NONE_OPENED : s.open.copy();
      this.lastKeyEnd = s.lastKeyEnd;
      this.newlines = s.newlines;
      this.lastNewline = s.lastNewline;
      this.stringStart = s.stringStart;
      this.stringEnd = s.stringEnd;
      this.endsInString = s.inString;
    }

    public long offset() {
      return offset;
    }

    public boolean isCheckpoint() {
      return checkpoint;
    }
  }

  /** Bytes that may stand outside strings in JSON (whitespace is handled before). */
  private static final boolean[] SCALAR = new boolean[256];

  static {
    for (char c : "0123456789-+.eEtrufalsn".toCharArray()) SCALAR[c] = true;
  }

  private JsonBlockScan() {}

  /**
   * The deltas of b[from, to), b[from] being at absolute offset base + from, assuming the block
   * starts inside a string (inString) or not; null if that assumption cannot hold. A checkpoint is
   * taken at the first ',' at least interval bytes after the last one (or the block's start).
   * maxDepth bounds the containers a delta may open or close (a guess that exceeds it is dropped:
   * the caller then plans serially).
   */
  public static List<Delta> scan(byte[] b, int from, int to, long base, boolean inString,
      long interval, int maxDepth) {
    return new Scan(base, inString).run(b, from, to, interval, maxDepth);
  }

  private static final class Scan {
    final long base;
    boolean inString;
    /** Containers opened since the last checkpoint and still open. */
    final JsonFrameCounts open = new JsonFrameCounts(16);
    int pops;
    byte[] popKinds = new byte[16];
    long floorCommas;
    long floorColons;
    long floorKeyStart = NONE;
    long floorKeyEnd = NONE;
    long lastKeyEnd = NONE;
    long newlines;
    long lastNewline = NONE;
    long pendingNewlines;
    long pendingLastNewline = NONE;
    long stringStart = CARRIED;
    long stringEnd;
    /**
     * The last byte outside whitespace (a string's closing quote included), and where; -1 before
     * the block's first (the byte before the block is not known).
     */
    int lastSig = -1;
    long lastSigAt = NONE;

    Scan(long base, boolean inString) {
      this.base = base;
      this.inString = inString;
      this.stringEnd = inString ? NONE : CARRIED;
    }

    List<Delta> run(byte[] b, int from, int to, long interval, int maxDepth) {
      List<Delta> out = new ArrayList<>();
      long nextMark = base + from + interval;
      int i = from;
      while (i < to) {
        if (inString) {
          // Eight bytes at a time to the next quote or backslash.
          int lim = to - 8;
          while (i <= lim) {
            long x = (long) TokenScanner.LONG.get(b, i);
            long q = x ^ 0x2222_2222_2222_2222L;
            long e = x ^ TokenScanner.BACKSLASHES;
            long ones = TokenScanner.ONES;
            long hit = ((q - ones) & ~q | (e - ones) & ~e) & TokenScanner.HIGHS;
            if (hit != 0) {
              i += Long.numberOfTrailingZeros(hit) >>> 3;
              break;
            }
            i += 8;
          }
          while (i < to && b[i] != '"' && b[i] != '\\') i++;
          if (i >= to) break;
          if (b[i] == '\\') {
            i += 2;
            continue;
          }
          inString = false;
          stringEnd = base + i + 1;
          sig('"', i);
          i++;
          continue;
        }
        int c = b[i] & 0xff;
        switch (c) {
          case ' ', '\t', '\r' -> { }
          case '\n' -> {
            pendingNewlines++;
            pendingLastNewline = base + i;
          }
          case '"' -> {
            inString = true;
            stringStart = base + i;
            stringEnd = NONE;
            sig(c, i);
          }
          case '{', '[' -> {
            if (open.depth == maxDepth) return null;
            open.push(c == '{' ? TokenFrames.OBJECT : TokenFrames.ARRAY, base + i, 0, 0, NONE,
                NONE);
            sig(c, i);
          }
          case '}', ']' -> {
            byte kind = c == '}' ? TokenFrames.OBJECT : TokenFrames.ARRAY;
            if (open.depth > 0) {
              if (open.kinds[open.depth - 1] != kind) return null;
              open.depth--;
            } else {
              if (pops == maxDepth) return null;
              if (pops == popKinds.length) popKinds = Arrays.copyOf(popKinds, 2 * pops);
              popKinds[pops++] = kind;
              floorCommas = 0;
              floorColons = 0;
              floorKeyStart = NONE;
              floorKeyEnd = NONE;
            }
            sig(c, i);
          }
          case ',' -> {
            if (lastSig == ',' || lastSig == ':' || lastSig == '{' || lastSig == '[') return null;
            if (base + i >= nextMark && lastSigAt != NONE) {
              out.add(new Delta(this, lastSigAt + 1, true));
              reset();
              nextMark = base + i + interval;
            }
            if (open.depth > 0) open.commas[open.depth - 1]++;
            else floorCommas++;
            sig(c, i);
          }
          case ':' -> {
            if ((lastSig != '"' && lastSig != -1) || stringEnd == NONE) return null;
            int top = open.depth;
            if (top > 0) {
              open.colons[top - 1]++;
              open.keyStarts[top - 1] = stringStart;
              open.keyEnds[top - 1] = stringEnd;
            } else {
              floorColons++;
              floorKeyStart = stringStart;
              floorKeyEnd = stringEnd;
            }
            lastKeyEnd = stringEnd;
            sig(c, i);
          }
          default -> {
            if (!SCALAR[c]) return null;
            sig(c, i);
          }
        }
        i++;
      }
      newlines += pendingNewlines;
      if (pendingLastNewline != NONE) lastNewline = pendingLastNewline;
      out.add(new Delta(this, base + to, false));
      return out;
    }

    /** A byte outside whitespace: the newlines before it belong to the stretch it is in. */
    private void sig(int c, int i) {
      if (pendingNewlines > 0) {
        newlines += pendingNewlines;
        lastNewline = pendingLastNewline;
        pendingNewlines = 0;
      }
      lastSig = c;
      lastSigAt = base + i;
    }

    /** After a checkpoint: the next delta starts from the stack as it is there. */
    private void reset() {
      open.depth = 0;
      pops = 0;
      floorCommas = 0;
      floorColons = 0;
      floorKeyStart = NONE;
      floorKeyEnd = NONE;
      lastKeyEnd = NONE;
      newlines = 0;
      lastNewline = NONE;
      stringStart = CARRIED;
      stringEnd = CARRIED;
    }
  }
}
