package io.logdex.format.token;

import static io.logdex.format.token.JsonBlockScan.CARRIED;
import static io.logdex.format.token.JsonBlockScan.NONE;

import java.io.IOException;
import java.util.Arrays;

/**
 * Chains {@link JsonBlockScan.Delta}s in file order into the open containers at each checkpoint,
 * and turns those into the exact {@link TokenizerState} (and the cutter's child counts) a skim
 * would have there. Serial and cheap: work per delta is what the delta holds. Keys are kept as
 * file offsets and read only when a state is made. It never trusts a delta more than it must:
 * closers that do not match, counts with no container to go to, or a key it cannot place make
 * {@link #apply} false, and the caller plans serially; the states it makes are then checked by
 * the real skim ({@link JsonStructureScanner#runTo}) before any is used.
 */
public final class JsonStackStitcher {
  /** Reads len bytes of the file at offset into dst[0, len). */
  public interface KeyReader {
    void read(long offset, byte[] dst, int len) throws IOException;
  }

  /** A skim's state at a checkpoint, and the children each open container has started. */
  public record Checkpoint(TokenizerState state, long[] childCounts) {
    public long offset() {
      return state.offset;
    }
  }

  private final int maxTokenBytes;
  private int depth;
  private byte[] kinds = new byte[16];
  private long[] offsets = new long[16];
  private long[] commas = new long[16];
  private long[] colons = new long[16];
  private long[] keyStarts = new long[16];
  private long[] keyEnds = new long[16];
  /** As a tokenizer starts: no key yet, line 1 at offset 0. */
  private long keyEnd;
  private long line = 1;
  private long lineStart;
  private long stringStart = NONE;
  private long stringEnd = NONE;
  private boolean inString;
  private byte[] keyScratch = new byte[64];

  public JsonStackStitcher(int maxTokenBytes) {
    this.maxTokenBytes = maxTokenBytes;
  }

  /** A stitcher that continues from where this one stands, independently of it. */
  public JsonStackStitcher copy() {
    JsonStackStitcher c = new JsonStackStitcher(maxTokenBytes);
    int n = Math.max(depth, 1);
    c.depth = depth;
    c.kinds = Arrays.copyOf(kinds, n);
    c.offsets = Arrays.copyOf(offsets, n);
    c.commas = Arrays.copyOf(commas, n);
    c.colons = Arrays.copyOf(colons, n);
    c.keyStarts = Arrays.copyOf(keyStarts, n);
    c.keyEnds = Arrays.copyOf(keyEnds, n);
    c.keyEnd = keyEnd;
    c.line = line;
    c.lineStart = lineStart;
    c.stringStart = stringStart;
    c.stringEnd = stringEnd;
    c.inString = inString;
    return c;
  }

  /** Whether the last delta applied ended inside a string: the next block's speculation. */
  public boolean inString() {
    return inString;
  }

  /** Applies the next delta; false if it cannot follow the ones before. */
  public boolean apply(JsonBlockScan.Delta d) {
    for (byte kind : d.popKinds) {
      if (depth == 0 || kinds[depth - 1] != kind) return false;
      depth--;
    }
    if (d.floorCommas > 0 || d.floorColons > 0) {
      if (depth == 0) return false;
      int k = depth - 1;
      if (d.floorColons > 0) {
        if (kinds[k] != TokenFrames.OBJECT) return false;
        long s = resolve(d.floorKeyStart, stringStart);
        long e = resolve(d.floorKeyEnd, stringEnd);
        if (s < 0 || e < 0) return false;
        colons[k] += d.floorColons;
        keyStarts[k] = s;
        keyEnds[k] = e;
      }
      commas[k] += d.floorCommas;
    }
    for (int j = 0; j < d.kinds.length; j++) {
      if (d.colons[j] > 0 && d.kinds[j] != TokenFrames.OBJECT) return false;
      long s = resolve(d.keyStarts[j], stringStart);
      long e = resolve(d.keyEnds[j], stringEnd);
      if (d.colons[j] > 0 && (s < 0 || e < 0)) return false;
      push(d.kinds[j], d.offsets[j], d.commas[j], d.colons[j], s, e);
    }
    if (d.lastKeyEnd != NONE) {
      keyEnd = resolve(d.lastKeyEnd, stringEnd);
      if (keyEnd < 0) return false;
    }
    line += d.newlines;
    if (d.lastNewline != NONE) lineStart = d.lastNewline + 1;
    if (d.stringStart != CARRIED) stringStart = d.stringStart;
    if (d.stringEnd != CARRIED) stringEnd = d.stringEnd;
    inString = d.endsInString;
    return true;
  }

  private static long resolve(long v, long carried) {
    return v == CARRIED ? carried : v;
  }

  private void push(byte kind, long offset, long commaCount, long colonCount, long keyStart,
      long keyEndOffset) {
    int k = depth;
    if (k == kinds.length) {
      int n = 2 * k;
      kinds = Arrays.copyOf(kinds, n);
      offsets = Arrays.copyOf(offsets, n);
      commas = Arrays.copyOf(commas, n);
      colons = Arrays.copyOf(colons, n);
      keyStarts = Arrays.copyOf(keyStarts, n);
      keyEnds = Arrays.copyOf(keyEnds, n);
    }
    kinds[k] = kind;
    offsets[k] = offset;
    commas[k] = commaCount;
    colons[k] = colonCount;
    keyStarts[k] = keyStart;
    keyEnds[k] = keyEndOffset;
    depth = k + 1;
  }

  /**
   * The state just after the value that ends at offset (the checkpoint of the last delta
   * applied), single-document JSON; null if the stack cannot be one there (a container with no
   * child yet, or a key over maxTokenBytes, which the tokenizer refuses).
   */
  public Checkpoint checkpoint(long offset, KeyReader keys) throws IOException {
    int n = depth;
    if (n == 0) return null;
    byte[] segKinds = new byte[n];
    long[] index = new long[n];
    int[] keyLen = new int[n];
    long[] children = new long[n];
    long keyBytes = 0;
    for (int k = 0; k < n; k++) {
      if (kinds[k] == TokenFrames.OBJECT) {
        long len = keyEnds[k] - keyStarts[k];
        if (colons[k] == 0 || len < 2 || len > maxTokenBytes) return null;
        keyLen[k] = (int) len - 2;
        index[k] = -1;
        children[k] = colons[k];
        keyBytes += keyLen[k];
      } else {
        segKinds[k] = TokenFrames.SEG_INDEX;
        index[k] = commas[k];
        children[k] = commas[k] + 1;
      }
    }
    if (keyBytes > Integer.MAX_VALUE - 8) return null;
    byte[] arena = new byte[(int) keyBytes];
    int at = 0;
    for (int k = 0; k < n; k++) {
      if (kinds[k] != TokenFrames.OBJECT) continue;
      int len = keyLen[k];
      if (keyScratch.length < len) keyScratch = new byte[Math.max(len, 2 * keyScratch.length)];
      keys.read(keyStarts[k] + 1, keyScratch, len);
      boolean escaped = false;
      for (int i = 0; i < len; i++) if (keyScratch[i] == '\\') escaped = true;
      segKinds[k] = escaped ? TokenFrames.SEG_FIELD_ESCAPED : TokenFrames.SEG_FIELD;
      System.arraycopy(keyScratch, 0, arena, at, len);
      at += len;
    }
    TokenizerState.Frames frames = new TokenizerState.Frames(Arrays.copyOf(kinds, n), segKinds,
        index, Arrays.copyOf(offsets, n), keyLen, arena);
    TokenizerState s = new TokenizerState(offset, Tokenizer.X_AFTER_VALUE, 1, -1, 0, keyEnd, line,
        lineStart, true, frames);
    return new Checkpoint(s, children);
  }

  /** Where a single-document JSON file starts: no container open, line 1. */
  public static Checkpoint fileStart() {
    TokenizerState.Frames none = new TokenizerState.Frames(new byte[0], new byte[0], new long[0],
        new long[0], new int[0], new byte[0]);
    return new Checkpoint(
        new TokenizerState(0, Tokenizer.X_DOCUMENT, 0, -1, 0, 0, 1, 0, true, none), new long[0]);
  }
}
