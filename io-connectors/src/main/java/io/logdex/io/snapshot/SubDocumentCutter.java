package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.path.PathSyntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a token stream into sub-documents and container records in one pass with bounded memory.
 *
 * <p>A node is a <em>sub-document</em> when it fits the cap (or is a scalar, however long) and its
 * parent does not (or it is a document root); every container over the cap is a <em>container
 * record</em>. A node's size is only known when it closes, but a container is known to be over
 * the cap as soon as a token ends more than cap bytes after its start. So a closed node that fits
 * is a candidate: emitted at once if its parent is already known to be too big, else held until
 * the parent either closes small (and the candidates inside it are dropped: the parent is the
 * bigger fit) or turns out too big (and they are emitted, in order). Containers known to be too
 * big are always the outermost open frames, {@code [0, big)}, so candidates are held only inside
 * frame {@code big}, whose bytes so far are at most the cap: that bounds the candidates.
 *
 * <p>Records come out in file order: a sub-document at its first byte, a container at its closing
 * bracket. The cutter is <em>clean</em> after a token when every open container is known too big
 * and nothing is held or half-started (no tag waiting for its value): the next node's fate then
 * depends on nothing before it, which is what makes it a valid split point. {@link #resume}
 * continues from such a point with the frames a planner recorded there.
 *
 * <p>With paths off (the planner's pre-scan) it reads no key text and formats no path; the
 * positions it reports are the same.
 *
 * <p>A path is formatted at most up to {@link IndexFormat#MAX_PATH_BYTES}: frames are spelled
 * once each, outermost first, and a record whose path would be longer gets none (null). So a
 * chain of containers a million deep costs O(1) per record, not a copy of its whole path.
 */
final class SubDocumentCutter {
  /** Receives records in file order. */
  interface Listener {
    /** A sub-document {@code [start, end)}; childCount {@link SnapshotRecord#SCALAR} if scalar. */
    void subDocument(long start, long end, String path, long childCount) throws IOException;

    /** A container over the cap, {@code [start, end)}; its record sits at {@code end - 1}. */
    void container(long start, long end, String path, long childCount) throws IOException;
  }

  private static final byte SEG_NONE = 0;
  private static final byte SEG_INDEX = 1;
  private static final byte SEG_SPARSE = 2;
  private static final byte SEG_FIELD = 3;
  /** A field whose UTF-8 bytes (no escapes) are in an arena; decoded only if a path needs it. */
  private static final byte SEG_RAW = 4;
  private static final int MAX_PATH = IndexFormat.MAX_PATH_BYTES;

  private final Tokenizer t;
  private final long cap;
  private final boolean paths;
  private final boolean stream;
  private final Listener listener;

  // ---- open containers: frame k is at depth k ----
  private int level;
  private long[] start = new long[16];
  private long[] children = new long[16];
  private boolean[] object = new boolean[16];
  /** Frame k's segment in frame k - 1 (frame 0, a document root, has none). */
  private byte[] segKind = new byte[16];
  private long[] segIndex = new long[16];
  private String[] segKey = new String[16];
  /** SEG_RAW keys of frames, back to back: frame k's from frameKeyOff[k], frameKeyLen[k] long. */
  private byte[] frameKeys = new byte[256];
  private int[] frameKeyOff = new int[16];
  private int[] frameKeyLen = new int[16];
  /** Frames [0, big) are known to be larger than the cap. */
  private int big;

  // ---- the path of frames, formatted incrementally: cache[0, cacheLen[k]) is frame k's path ----
  private final StringBuilder cache = new StringBuilder();
  private int[] cacheLen = new int[16];
  /** UTF-8 bytes of frame k's path; past the cap, frame k and every deeper frame are unspelled. */
  private int[] cacheBytes = new int[16];
  private int cacheValid;
  private char[] scratch = new char[64];
  private int documentIndex = -1;

  // ---- the node about to start: its segment, from the last KEY or the parent array's count ----
  private byte keyKind;
  private long keyIndex;
  private String keyText;
  private byte[] keyBytes = new byte[64];
  private int keyLen;
  private long tagStart = -1;
  private boolean restoreSegments;

  private TokenKind current;
  private TokenKind last;
  private long lastTokenEnd;
  private long lastEmitted = -1;

  /** Closed nodes that fit, waiting for their parent's size; parents ascend from head to tail. */
  private final ArrayDeque<Candidate> pending = new ArrayDeque<>();
  private final ArrayDeque<Candidate> spare = new ArrayDeque<>();
  /** SEG_RAW keys of held candidates, in deque order (see {@link #holdKey}). */
  private byte[] candidateKeys = new byte[256];
  private int candidateKeysEnd;

  private static final class Candidate {
    long start;
    long end;
    int parent;
    long childCount;
    byte segKind;
    long segIndex;
    String segKey;
    int keyOff;
    int keyLen;
  }

  SubDocumentCutter(Tokenizer t, long cap, boolean paths, boolean stream, Listener listener) {
    if (cap < 1) throw new IllegalArgumentException("cap < 1: " + cap);
    this.t = t;
    this.cap = cap;
    this.paths = paths;
    this.stream = stream;
    this.listener = listener;
  }

  /**
   * A cutter continuing at a clean point recorded by {@link #frameStarts()} and friends, with t
   * resumed from the tokenizer state taken there. Every restored frame is known too big (that is
   * what clean means), so nothing before the point is needed. Frame segments, which paths are
   * built from, come from the path of the first token read (its prefix is the frames' paths).
   */
  static SubDocumentCutter resume(Tokenizer t, long cap, boolean paths, boolean stream,
      Listener listener, long resumeOffset, long[] starts, long[] childCounts, boolean[] objects) {
    SubDocumentCutter c = new SubDocumentCutter(t, cap, paths, stream, listener);
    int n = starts.length;
    c.ensureFrames(n);
    System.arraycopy(starts, 0, c.start, 0, n);
    System.arraycopy(childCounts, 0, c.children, 0, n);
    System.arraycopy(objects, 0, c.object, 0, n);
    c.level = n;
    c.big = n;
    c.lastTokenEnd = resumeOffset;
    c.restoreSegments = paths;
    return c;
  }

  // ---- the pull loop ----

  /** Reads the next token; {@link #process()} then acts on it. */
  TokenKind read() throws IOException {
    current = t.next();
    return current;
  }

  /** Reads and processes one token; false at the end of input. */
  boolean advance() throws IOException {
    read();
    return process();
  }

  /** Acts on the token {@link #read()} returned, emitting what it decides; false at the end. */
  boolean process() throws IOException {
    TokenKind k = current;
    if (restoreSegments && k != TokenKind.END_OF_INPUT) restoreSegments();
    switch (k) {
      case END_OF_INPUT:
        last = k;
        return false;
      case KEY:
        if (paths) captureKey();
        tokenEnded(t.offset() + t.length());
        break;
      case TAG:
        tagStart = t.offset();
        tokenEnded(t.offset() + t.length());
        break;
      case BEGIN_OBJECT:
      case BEGIN_ARRAY:
        beginContainer(k == TokenKind.BEGIN_OBJECT);
        break;
      case END_OBJECT:
      case END_ARRAY:
        endContainer();
        break;
      default:
        scalar();
        break;
    }
    last = k;
    return true;
  }

  private void tokenEnded(long end) throws IOException {
    lastTokenEnd = end;
    // Every open frame that now spans more than the cap is too big; the outermost first.
    while (big < level && end - start[big] > cap) {
      int f = big++;
      while (!pending.isEmpty() && pending.peekFirst().parent == f) {
        Candidate c = pending.pollFirst();
        String p = paths
            ? childPath(f, c.segKind, c.segIndex, c.segKey, candidateKeys, c.keyOff, c.keyLen)
            : null;
        emitSubDocument(c.start, c.end, p, c.childCount);
        spare.push(c);
      }
      if (pending.isEmpty()) candidateKeysEnd = 0;
    }
  }

  private void beginContainer(boolean isObject) throws IOException {
    long s = t.nodeOffset();
    int d = level;
    startNode(d);
    ensureFrames(d + 1);
    start[d] = s;
    children[d] = 0;
    object[d] = isObject;
    segKind[d] = keyKind;
    segIndex[d] = keyIndex;
    segKey[d] = keyText;
    int off = d == 0 ? 0 : frameKeyOff[d - 1] + frameKeyLen[d - 1];
    frameKeyOff[d] = off;
    frameKeyLen[d] = 0;
    if (keyKind == SEG_RAW) {
      if (off + keyLen > frameKeys.length) {
        frameKeys = Arrays.copyOf(frameKeys, Math.max(2 * frameKeys.length, off + keyLen));
      }
      System.arraycopy(keyBytes, 0, frameKeys, off, keyLen);
      frameKeyLen[d] = keyLen;
    }
    if (cacheValid > d) cacheValid = d;
    level = d + 1;
    tagStart = -1;
    tokenEnded(t.offset() + 1);
  }

  private void endContainer() throws IOException {
    long end = t.offset() + 1;
    tokenEnded(end);
    int f = level - 1;
    long s = start[f];
    if (t.nodeOffset() != s) {
      throw new FormatException("the container closing here opened at " + t.nodeOffset()
          + " but the split plan recorded " + s + "; was the file changed after planning?",
          t.source(), t.offset(), t.line(), t.column(), t.path());
    }
    if (f < big) {
      String p = paths ? framePath(f) : null;
      level = f;
      big = f;
      lastEmitted = end - 1;
      listener.container(s, end, p, children[f]);
      return;
    }
    // It fits: whatever was held inside it is part of it.
    while (!pending.isEmpty() && pending.peekLast().parent == f) {
      Candidate c = pending.pollLast();
      candidateKeysEnd = c.keyOff;
      spare.push(c);
    }
    if (pending.isEmpty()) candidateKeysEnd = 0;
    level = f;
    closed(s, end, f, children[f], segKind[f], segIndex[f], segKey[f], frameKeys, frameKeyOff[f],
        frameKeyLen[f]);
  }

  private void scalar() throws IOException {
    long s = t.nodeOffset();
    long end = t.offset() + t.length();
    int d = level;
    startNode(d);
    tagStart = -1;
    tokenEnded(end);
    closed(s, end, d, SnapshotRecord.SCALAR, keyKind, keyIndex, keyText, keyBytes, 0, keyLen);
  }

  /** Counts a node starting at depth d in its parent and leaves its segment in key*. */
  private void startNode(int d) {
    if (d == 0) {
      int doc = t.documentIndex();
      if (doc != documentIndex) {
        documentIndex = doc;
        cacheValid = 0;
      }
      keyKind = SEG_NONE;
      return;
    }
    int p = d - 1;
    if (!object[p]) {
      keyKind = SEG_INDEX;
      keyIndex = children[p];
      keyText = null;
    }
    children[p]++;
  }

  /**
   * Keeps the key's raw bytes rather than its text: most keys belong to nodes inside some
   * sub-document and are never part of a record's path, so decoding them would be wasted.
   */
  private void captureKey() throws FormatException {
    keyText = null;
    if (t.keyIsSparse()) {
      keyKind = SEG_SPARSE;
      keyIndex = t.keyIndex();
    } else if (t.hasEscapes()) {
      keyKind = SEG_FIELD;
      keyText = t.text();
    } else {
      int n = t.rawContentLength();
      if (n > keyBytes.length) keyBytes = new byte[Math.max(n, 2 * keyBytes.length)];
      System.arraycopy(t.rawBuffer(), t.rawContentStart(), keyBytes, 0, n);
      keyLen = n;
      keyKind = SEG_RAW;
    }
  }

  /**
   * A node that fits (or a scalar) closed at depth d; its segment is (sk, si, sKey), or for
   * SEG_RAW the key bytes raw[rawOff, rawOff + rawLen).
   */
  private void closed(long s, long end, int d, long childCount, byte sk, long si, String sKey,
      byte[] raw, int rawOff, int rawLen) throws IOException {
    if (d == 0) {
      emitSubDocument(s, end, paths ? rootPath() : null, childCount);
    } else if (d - 1 < big) {
      String p = paths ? childPath(d - 1, sk, si, sKey, raw, rawOff, rawLen) : null;
      emitSubDocument(s, end, p, childCount);
    } else {
      Candidate c = spare.isEmpty() ? new Candidate() : spare.pop();
      c.start = s;
      c.end = end;
      c.parent = d - 1;
      c.childCount = childCount;
      c.segKind = sk;
      c.segIndex = si;
      c.segKey = sKey;
      c.keyLen = sk == SEG_RAW ? rawLen : 0;
      c.keyOff = holdKey(raw, rawOff, c.keyLen);
      pending.addLast(c);
    }
  }

  /** Appends a held candidate's key bytes; returns their offset. */
  private int holdKey(byte[] raw, int off, int len) {
    if (candidateKeysEnd + len > candidateKeys.length) {
      // Drop the keys of candidates already emitted (before the head), then grow if still short.
      int head = pending.isEmpty() ? candidateKeysEnd : pending.peekFirst().keyOff;
      if (head > 0) {
        System.arraycopy(candidateKeys, head, candidateKeys, 0, candidateKeysEnd - head);
        for (Candidate c : pending) c.keyOff -= head;
        candidateKeysEnd -= head;
      }
      if (candidateKeysEnd + len > candidateKeys.length) {
        candidateKeys = Arrays.copyOf(candidateKeys,
            Math.max(2 * candidateKeys.length, candidateKeysEnd + len));
      }
    }
    int at = candidateKeysEnd;
    System.arraycopy(raw, off, candidateKeys, at, len);
    candidateKeysEnd += len;
    return at;
  }

  private void emitSubDocument(long s, long end, String path, long childCount) throws IOException {
    lastEmitted = s;
    listener.subDocument(s, end, path, childCount);
  }

  // ---- paths ----

  private String rootPath() {
    if (!stream) return "";
    StringBuilder sb = new StringBuilder(8);
    PathSyntax.appendIndex(sb, documentIndex);
    return sb.toString();
  }

  private String framePath(int f) {
    validate(f);
    return cacheBytes[f] > MAX_PATH ? null : cache.substring(0, cacheLen[f]);
  }

  private String childPath(int parent, byte sk, long si, String sKey, byte[] raw, int rawOff,
      int rawLen) {
    validate(parent);
    if (cacheBytes[parent] > MAX_PATH) return null;
    if (sk == SEG_RAW && cacheBytes[parent] + rawLen > MAX_PATH) return null; // quoting only adds
    int n = cacheLen[parent];
    if (scratch.length < n) scratch = new char[Math.max(n, 2 * scratch.length)];
    // Bulk copies: appending a StringBuilder range to another goes char by char.
    cache.getChars(0, n, scratch, 0);
    StringBuilder sb = new StringBuilder(n + 16);
    sb.append(scratch, 0, n);
    appendSegment(sb, sk, si, sKey, raw, rawOff, rawLen);
    return cacheBytes[parent] + PathSyntax.utf8Length(sb, n, sb.length()) > MAX_PATH ? null : sb.toString();
  }

  /** Makes cache[0, cacheLen[f]) frame f's path, extending the valid prefix as needed. */
  private void validate(int f) {
    if (cacheValid == 0) {
      cache.setLength(0);
      if (stream) PathSyntax.appendIndex(cache, documentIndex);
      cacheLen[0] = cache.length();
      cacheBytes[0] = cache.length();
      cacheValid = 1;
    }
    if (cacheValid <= f) {
      cache.setLength(cacheLen[cacheValid - 1]);
      for (int k = cacheValid; k <= f; k++) {
        int before = cache.length();
        // Past the cap nothing is spelled: the frame only inherits its parent's excess.
        if (cacheBytes[k - 1] <= MAX_PATH) {
          appendSegment(cache, segKind[k], segIndex[k], segKey[k], frameKeys, frameKeyOff[k],
              frameKeyLen[k]);
        }
        cacheLen[k] = cache.length();
        cacheBytes[k] = cacheBytes[k - 1] + PathSyntax.utf8Length(cache, before, cache.length());
      }
      cacheValid = f + 1;
    }
  }

  private static void appendSegment(StringBuilder sb, byte kind, long index, String key,
      byte[] raw, int rawOff, int rawLen) {
    switch (kind) {
      case SEG_RAW:
        // As the tokenizer decodes an unescaped key: UTF-8, malformed bytes as U+FFFD.
        PathSyntax.appendField(sb, new String(raw, rawOff, rawLen, StandardCharsets.UTF_8));
        break;
      case SEG_INDEX:
        PathSyntax.appendIndex(sb, index);
        break;
      case SEG_SPARSE:
        PathSyntax.appendSparse(sb, index);
        break;
      case SEG_FIELD:
        PathSyntax.appendField(sb, key);
        break;
      default:
        break;
    }
  }

  /**
   * After a resume: the first token starts the node at the resume point, and its path is the
   * restored frames' paths plus that node's segment, so parsing it once gives every segment.
   */
  private void restoreSegments() throws FormatException {
    restoreSegments = false;
    String p = t.path();
    List<PathSegment> segs;
    try {
      segs = KindedPath.parse(p).segments();
    } catch (RuntimeException e) {
      throw new FormatException("cannot resume at a path the tokenizer reported: " + e.getMessage(),
          t.source(), t.offset(), t.line(), t.column(), p);
    }
    int skip = stream ? 1 : 0;
    documentIndex = t.documentIndex();
    cacheValid = 0;
    // The first token starts the node at the resume point: its path has one segment per restored
    // frame below the root, plus its own (none for a document root).
    if (segs.size() != level + skip) {
      throw new FormatException("resumed at depth " + level + " but the tokenizer's path has "
          + segs.size() + " segments", t.source(), t.offset(), t.line(), t.column(), p);
    }
    for (int k = 1; k < level; k++) setSegment(k, segs.get(skip + k - 1));
    if (level > 0) {
      PathSegment s = segs.get(segs.size() - 1);
      if (s instanceof PathSegment.Field f) {
        keyKind = SEG_FIELD;
        keyText = f.name();
      } else if (s instanceof PathSegment.Sparse sp) {
        keyKind = SEG_SPARSE;
        keyIndex = sp.index();
      }
    }
  }

  private void setSegment(int k, PathSegment s) {
    if (s instanceof PathSegment.Field f) {
      segKind[k] = SEG_FIELD;
      segKey[k] = f.name();
    } else if (s instanceof PathSegment.Sparse sp) {
      segKind[k] = SEG_SPARSE;
      segIndex[k] = sp.index();
    } else if (s instanceof PathSegment.Index i) {
      segKind[k] = SEG_INDEX;
      segIndex[k] = i.index();
    }
  }

  private void ensureFrames(int n) {
    if (n <= start.length) return;
    int size = Math.max(n + 1, start.length * 2);
    start = Arrays.copyOf(start, size);
    children = Arrays.copyOf(children, size);
    object = Arrays.copyOf(object, size);
    segKind = Arrays.copyOf(segKind, size);
    segIndex = Arrays.copyOf(segIndex, size);
    segKey = Arrays.copyOf(segKey, size);
    frameKeyOff = Arrays.copyOf(frameKeyOff, size);
    frameKeyLen = Arrays.copyOf(frameKeyLen, size);
    cacheLen = Arrays.copyOf(cacheLen, size + 1);
    cacheBytes = Arrays.copyOf(cacheBytes, size + 1);
  }

  // ---- what planners and readers ask ----

  /** End of the last token processed (where a state taken now resumes). */
  long lastTokenEnd() {
    return lastTokenEnd;
  }

  /**
   * Every open container is known too big, nothing is held and no tag waits for its value: the
   * next node's fate depends on nothing before it.
   */
  boolean isClean() {
    return big == level && tagStart < 0;
  }

  /** Whether the next token may start a node (rather than a key or a closing bracket). */
  boolean valueMayFollow() {
    if (last == null || last == TokenKind.TAG) return false;
    if (level == 0) return stream;
    return last == TokenKind.KEY || !object[level - 1];
  }

  /** The first byte a record still to come may start at: what a retention buffer must keep. */
  long keepFrom() {
    if (big < level) return start[big];
    return tagStart >= 0 ? tagStart : lastTokenEnd;
  }

  /**
   * The dead letter for an error the tokenizer (or the input under it) threw. Its position comes
   * after every record emitted and after the last token, so it is the same whether the file was
   * read from its start or resumed at a split point, and never collides with a split point.
   * Everything from {@link #keepFrom()} on (held candidates, the node in progress) is unread.
   */
  SnapshotDeadLetter deadLetter(String file, FormatException e) {
    long position = Math.max(Math.max(e.offset(), lastTokenEnd), lastEmitted + 1);
    return SnapshotDeadLetter.of(file, e, position, keepFrom());
  }

  long[] frameStarts() {
    return Arrays.copyOf(start, level);
  }

  long[] frameChildCounts() {
    return Arrays.copyOf(children, level);
  }

  boolean[] frameObjects() {
    return Arrays.copyOf(object, level);
  }
}
