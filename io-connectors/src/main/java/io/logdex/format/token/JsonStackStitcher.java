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
  private JsonFrameCounts stack = new JsonFrameCounts(16);
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
    c.stack = stack.copy();
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
    JsonFrameCounts f = stack;
    for (byte kind : d.popKinds) {
      if (f.depth == 0 || f.kinds[f.depth - 1] != kind) return false;
      f.depth--;
    }
    if (d.floorCommas > 0 || d.floorColons > 0) {
      if (f.depth == 0) return false;
      int k = f.depth - 1;
      if (d.floorColons > 0) {
        if (f.kinds[k] != TokenFrames.OBJECT) return false;
        long s = resolve(d.floorKeyStart, stringStart);
        long e = resolve(d.floorKeyEnd, stringEnd);
        if (s < 0 || e < 0) return false;
        f.colons[k] += d.floorColons;
        f.keyStarts[k] = s;
        f.keyEnds[k] = e;
      }
      f.commas[k] += d.floorCommas;
    }
    JsonFrameCounts o = d.opened;
    for (int j = 0; j < o.depth; j++) {
      if (o.colons[j] > 0 && o.kinds[j] != TokenFrames.OBJECT) return false;
      long s = resolve(o.keyStarts[j], stringStart);
      long e = resolve(o.keyEnds[j], stringEnd);
      if (o.colons[j] > 0 && (s < 0 || e < 0)) return false;
      f.push(o.kinds[j], o.offsets[j], o.commas[j], o.colons[j], s, e);
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

  /**
   * The state just after the value that ends at offset (the checkpoint of the last delta
   * applied), single-document JSON; null if the stack cannot be one there (a container with no
   * child yet, or a key over maxTokenBytes, which the tokenizer refuses).
   */
  public Checkpoint checkpoint(long offset, KeyReader keys) throws IOException {
    JsonFrameCounts f = stack;
    int n = f.depth;
    if (n == 0) return null;
    byte[] segKinds = new byte[n];
    long[] index = new long[n];
    int[] keyLen = new int[n];
    long[] children = new long[n];
    long keyBytes = 0;
    for (int k = 0; k < n; k++) {
      if (f.kinds[k] == TokenFrames.OBJECT) {
        long len = f.keyEnds[k] - f.keyStarts[k];
        if (f.colons[k] == 0 || len < 2 || len > maxTokenBytes) return null;
        keyLen[k] = (int) len - 2;
        index[k] = -1;
        children[k] = f.colons[k];
        keyBytes += keyLen[k];
      } else {
        segKinds[k] = TokenFrames.SEG_INDEX;
        index[k] = f.commas[k];
        children[k] = f.commas[k] + 1;
      }
    }
    if (keyBytes > Integer.MAX_VALUE - 8) return null;
    byte[] arena = new byte[(int) keyBytes];
    int at = 0;
    for (int k = 0; k < n; k++) {
      if (f.kinds[k] != TokenFrames.OBJECT) continue;
      int len = keyLen[k];
      if (keyScratch.length < len) keyScratch = new byte[Math.max(len, 2 * keyScratch.length)];
      keys.read(f.keyStarts[k] + 1, keyScratch, len);
      boolean escaped = false;
      for (int i = 0; i < len; i++) if (keyScratch[i] == '\\') escaped = true;
      segKinds[k] = escaped ? TokenFrames.SEG_FIELD_ESCAPED : TokenFrames.SEG_FIELD;
      System.arraycopy(keyScratch, 0, arena, at, len);
      at += len;
    }
    TokenizerState.Frames frames = new TokenizerState.Frames(Arrays.copyOf(f.kinds, n), segKinds,
        index, Arrays.copyOf(f.offsets, n), keyLen, arena);
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
