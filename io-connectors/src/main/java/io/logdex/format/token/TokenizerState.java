package io.logdex.format.token;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything a {@link Tokenizer} needs to continue right after a token: the byte offset to read
 * from, what the grammar expects there, the open containers with their current keys and indices,
 * the document ordinal and the line. A split reader records one at a boundary and {@link
 * Tokenizer#resume} continues from it with the same offsets, depths and paths as the continuous
 * run. Immutable; arrays are never exposed.
 */
public final class TokenizerState implements Serializable {
  private static final long serialVersionUID = 1L;

  final long offset;
  final int expect;
  final int documentCount;
  final long tagOffset;
  final long tagEnd;
  final long keyEnd;
  final long line;
  final long lineStart;
  final boolean linesKnown;
  final Frames frames;

  TokenizerState(
      long offset,
      int expect,
      int documentCount,
      long tagOffset,
      long tagEnd,
      long keyEnd,
      long line,
      long lineStart,
      boolean linesKnown,
      Frames frames) {
    this.offset = offset;
    this.expect = expect;
    this.documentCount = documentCount;
    this.tagOffset = tagOffset;
    this.tagEnd = tagEnd;
    this.keyEnd = keyEnd;
    this.line = line;
    this.lineStart = lineStart;
    this.linesKnown = linesKnown;
    this.frames = frames;
  }

  /** Absolute byte offset at which reading continues: the end of the token it was taken after. */
  public long offset() {
    return offset;
  }

  /** Number of open containers at that point. */
  public int depth() {
    return frames.kinds.length;
  }

  /** Documents started so far (the ordinal of the current document plus one). */
  public int documentCount() {
    return documentCount;
  }

  /** 1-based line at {@link #offset()}, or -1 when the reader did not start at the file start. */
  public long line() {
    return linesKnown ? line : -1;
  }

  /** Whether o is the same state, field for field (Serializable states have no equals). */
  boolean sameAs(TokenizerState o) {
    Frames f = frames;
    Frames g = o.frames;
    return offset == o.offset && expect == o.expect && documentCount == o.documentCount
        && tagOffset == o.tagOffset && tagEnd == o.tagEnd && keyEnd == o.keyEnd && line == o.line
        && lineStart == o.lineStart && linesKnown == o.linesKnown
        && Arrays.equals(f.kinds, g.kinds) && Arrays.equals(f.segKinds, g.segKinds)
        && Arrays.equals(f.index, g.index)
        && Arrays.equals(f.nodeOffsets, g.nodeOffsets)
        && Arrays.equals(f.keyLen, g.keyLen)
        && Arrays.equals(f.keyBytes, g.keyBytes);
  }

  @Override
  public String toString() {
    return "TokenizerState{offset=" + offset + ", depth=" + depth() + ", documentCount="
        + documentCount + ", expect=" + expect + "}";
  }

  /** The frame stack, flattened: per frame its kind, segment and node offset; keys back to back. */
  static final class Frames implements Serializable {
    private static final long serialVersionUID = 1L;

    final byte[] kinds;
    final byte[] segKinds;
    final long[] index;
    final long[] nodeOffsets;
    final int[] keyLen;
    final byte[] keyBytes;

    Frames(byte[] kinds, byte[] segKinds, long[] index, long[] nodeOffsets, int[] keyLen,
        byte[] keyBytes) {
      this.kinds = kinds;
      this.segKinds = segKinds;
      this.index = index;
      this.nodeOffsets = nodeOffsets;
      this.keyLen = keyLen;
      this.keyBytes = keyBytes;
    }

    /** A state read back from storage may be corrupt: check its shape before trusting it. */
    void validate() {
      int n = kinds.length;
      if (segKinds.length != n || index.length != n || nodeOffsets.length != n
          || keyLen.length != n) {
        throw new IllegalArgumentException("corrupt tokenizer state: frame arrays differ in length");
      }
      long keys = 0;
      for (int k = 0; k < n; k++) {
        if (kinds[k] != TokenFrames.OBJECT && kinds[k] != TokenFrames.ARRAY) {
          throw new IllegalArgumentException("corrupt tokenizer state: frame kind " + kinds[k]);
        }
        if (segKinds[k] < TokenFrames.SEG_NONE || segKinds[k] > TokenFrames.SEG_FIELD_ESCAPED
            || keyLen[k] < 0) {
          throw new IllegalArgumentException("corrupt tokenizer state: frame " + k);
        }
        keys += keyLen[k];
      }
      if (keys != keyBytes.length) {
        throw new IllegalArgumentException("corrupt tokenizer state: key bytes do not add up");
      }
    }
  }
}
