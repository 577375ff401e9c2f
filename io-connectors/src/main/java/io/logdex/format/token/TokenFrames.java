package io.logdex.format.token;

import io.logdex.format.path.PathSyntax;
import java.util.Arrays;

/**
 * The open containers around the tokenizer's position, with each one's current segment (array
 * index, sparse index or field key), kept incrementally so that a path costs O(depth) and never
 * re-reads input.
 *
 * <p>Keys live in one byte arena used as a stack: a frame's key is replaced only when it is the
 * innermost frame, so the arena top is always the end of the innermost key. Keys are stored raw
 * (the bytes between the quotes, escapes undecoded) and decoded only when a path is formatted.
 *
 * <p>Formatted paths are cached per level: {@code cache[0, cacheLen[j])} is the path through frame
 * j-1, valid for every j up to {@code valid}. Changing frame k's segment truncates validity to k, so
 * formatting the path of each element of a big array appends one segment, not the whole path.
 */
final class TokenFrames {
  static final byte OBJECT = 1;
  static final byte ARRAY = 2;

  /** Segment kinds of a frame. */
  static final byte SEG_NONE = 0;
  static final byte SEG_INDEX = 1;
  static final byte SEG_SPARSE = 2;
  static final byte SEG_FIELD = 3;
  /** A field whose raw bytes hold escapes and must be decoded. */
  static final byte SEG_FIELD_ESCAPED = 4;

  private final boolean stream;

  int level;
  private byte[] kinds = new byte[16];
  private byte[] segKinds = new byte[16];
  /** Element index (arrays) or sparse index (objects). */
  private long[] index = new long[16];
  private long[] nodeOffsets = new long[16];
  private int[] keyStart = new int[16];
  private int[] keyLen = new int[16];
  private byte[] arena = new byte[256];

  private int documentIndex;
  private final StringBuilder cache = new StringBuilder(64);
  private int[] cacheLen = new int[17];
  private int valid = -1;
  /**
   * Shared by the tokenizers one thread creates: a caller that tokenizes many small documents (one
   * tokenizer per snapshot sub-document) would otherwise start each one with a cold cache.
   */
  private final PathSegmentCache segments = PathSegmentCache.forThisThread();

  TokenFrames(boolean stream) {
    this.stream = stream;
  }

  /** Back to a new tokenizer's state, keeping the arrays (Tokenizer#reuse). */
  void reset() {
    level = 0;
    documentIndex = 0;
    valid = -1;
    cache.setLength(0);
  }

  byte kind(int frame) {
    return kinds[frame];
  }

  long nodeOffset(int frame) {
    return nodeOffsets[frame];
  }

  void push(byte kind, long nodeOffset) {
    int k = level;
    if (k == kinds.length) grow();
    kinds[k] = kind;
    segKinds[k] = SEG_NONE;
    index[k] = -1;
    nodeOffsets[k] = nodeOffset;
    keyStart[k] = k == 0 ? 0 : keyStart[k - 1] + keyLen[k - 1];
    keyLen[k] = 0;
    level = k + 1;
  }

  void pop() {
    level--;
  }

  /** Next element of the innermost frame, an array. */
  void nextIndex() {
    int k = level - 1;
    index[k]++;
    segKinds[k] = SEG_INDEX;
    if (valid > k) valid = k;
  }

  void setSparseKey(long i) {
    int k = level - 1;
    index[k] = i;
    keyLen[k] = 0;
    segKinds[k] = SEG_SPARSE;
    if (valid > k) valid = k;
  }

  /** Stores a field key's raw bytes as the innermost frame's segment. */
  void setFieldKey(byte[] src, int off, int len, boolean escaped) {
    int k = level - 1;
    int start = keyStart[k];
    if (start + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, start + len));
    }
    System.arraycopy(src, off, arena, start, len);
    keyLen[k] = len;
    index[k] = -1;
    segKinds[k] = escaped ? SEG_FIELD_ESCAPED : SEG_FIELD;
    if (valid > k) valid = k;
  }

  void startDocument(int documentIndex) {
    this.documentIndex = documentIndex;
    valid = -1;
  }

  /** Appends the path through the first {@code depth} frames. */
  void appendPath(StringBuilder sb, int depth) {
    sb.append(pathView(depth));
  }

  /**
   * The path through the first {@code depth} frames, as the cache itself (no copy). Valid until the
   * frames change; callers must not modify it.
   */
  CharSequence pathView(int depth) {
    if (valid < 0) {
      cache.setLength(0);
      if (stream) PathSyntax.appendIndex(cache, documentIndex);
      cacheLen[0] = cache.length();
      valid = 0;
    }
    if (valid < depth) {
      cache.setLength(cacheLen[valid]);
      for (int j = valid; j < depth; j++) {
        appendSegment(cache, j);
        cacheLen[j + 1] = cache.length();
      }
    } else if (valid > depth) {
      // Dropping the deeper segments costs little (a depth-first walk rarely comes back to them
      // unchanged) and makes the cache itself the answer: appendPath is then one array copy.
      cache.setLength(cacheLen[depth]);
    }
    valid = depth;
    return cache;
  }

  String path(int depth) {
    StringBuilder sb = new StringBuilder();
    appendPath(sb, depth);
    return sb.toString();
  }

  private void appendSegment(StringBuilder sb, int k) {
    switch (segKinds[k]) {
      case SEG_INDEX:
        PathSegmentCache.appendIndex(sb, index[k]);
        break;
      case SEG_SPARSE:
        PathSyntax.appendSparse(sb, index[k]);
        break;
      case SEG_FIELD:
        segments.appendField(sb, arena, keyStart[k], keyLen[k]);
        break;
      case SEG_FIELD_ESCAPED:
        PathSyntax.appendField(sb, Utf8Text.unescape(arena, keyStart[k], keyStart[k] + keyLen[k]));
        break;
      default:
        // A container whose first element has not started: it adds no segment yet.
        break;
    }
  }

  /** The innermost frame's key as text (decoded), for a KEY token. */
  String keyText() {
    int k = level - 1;
    switch (segKinds[k]) {
      case SEG_SPARSE:
        return Long.toString(index[k]);
      case SEG_FIELD:
        return Utf8Text.decode(arena, keyStart[k], keyLen[k]);
      case SEG_FIELD_ESCAPED:
        return Utf8Text.unescape(arena, keyStart[k], keyStart[k] + keyLen[k]);
      default:
        return null;
    }
  }

  boolean keyIsSparse() {
    return segKinds[level - 1] == SEG_SPARSE;
  }

  long keyIndex() {
    return index[level - 1];
  }

  /** Whether the innermost key equals s, without allocating for unescaped keys. */
  boolean keyEquals(String s) {
    int k = level - 1;
    switch (segKinds[k]) {
      case SEG_FIELD:
        return Utf8Text.equalsString(arena, keyStart[k], keyLen[k], s);
      case SEG_SPARSE:
      case SEG_FIELD_ESCAPED:
        return s.equals(keyText());
      default:
        return false;
    }
  }

  private void grow() {
    int n = kinds.length * 2;
    kinds = Arrays.copyOf(kinds, n);
    segKinds = Arrays.copyOf(segKinds, n);
    index = Arrays.copyOf(index, n);
    nodeOffsets = Arrays.copyOf(nodeOffsets, n);
    keyStart = Arrays.copyOf(keyStart, n);
    keyLen = Arrays.copyOf(keyLen, n);
    cacheLen = Arrays.copyOf(cacheLen, n + 1);
  }

  // ---- snapshot for TokenizerState ----

  TokenizerState.Frames snapshot() {
    int n = level;
    int arenaEnd = n == 0 ? 0 : keyStart[n - 1] + keyLen[n - 1];
    return new TokenizerState.Frames(
        Arrays.copyOf(kinds, n),
        Arrays.copyOf(segKinds, n),
        Arrays.copyOf(index, n),
        Arrays.copyOf(nodeOffsets, n),
        Arrays.copyOf(keyLen, n),
        Arrays.copyOf(arena, arenaEnd));
  }

  void restore(TokenizerState.Frames f, int documentIndex) {
    int n = f.kinds.length;
    while (kinds.length < n) grow();
    int arenaEnd = f.keyBytes.length;
    if (arena.length < arenaEnd) arena = Arrays.copyOf(arena, arenaEnd);
    System.arraycopy(f.keyBytes, 0, arena, 0, arenaEnd);
    int start = 0;
    for (int k = 0; k < n; k++) {
      kinds[k] = f.kinds[k];
      segKinds[k] = f.segKinds[k];
      index[k] = f.index[k];
      nodeOffsets[k] = f.nodeOffsets[k];
      keyStart[k] = start;
      keyLen[k] = f.keyLen[k];
      start += f.keyLen[k];
    }
    level = n;
    this.documentIndex = documentIndex;
    valid = -1;
  }
}
