package io.logdex.transforms;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Terms;
import io.logdex.format.index.Words;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SnapshotTokenObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The terms of a snapshot chunk's sub-documents taken from the one pass that cuts them: the
 * reader shows every token here ({@link SnapshotTokenObserver}) and this queues, per node, its
 * absolute path term, its words and (in an object) its field candidate; when the ingester gets a
 * sub-document, {@link #index} adds the queued terms of the nodes inside it with its payload. So a
 * snapshot's bytes are tokenized once, not once to cut and again per sub-document.
 *
 * <p>Which node is a sub-document is decided only later (a node that fits waits for its parent's
 * size), so terms wait here until then; they are held only for bytes the cutter still holds (about
 * the cap), and the queue is bounded by {@link #MAX_QUEUED_BYTES} besides. The terms are exactly
 * the single walk's ({@link SnapshotTerms.TokenWalk}, itself held to the tree's): a path term is
 * the token's path as the tokenizer spells it, which the record's path plus the walk's relative
 * path spells the same way (tested). Whatever that walk does not take in one pass, or this cannot
 * be sure of, is marked as a <em>taint</em> at its offset, and a sub-document containing a taint
 * is indexed by the walk from its bytes instead: a {@code !key(} tag, a key that may repeat (or the
 * repeated-key check forgetting keys to stay bounded), an escaped or sparse key, a token too long
 * to be kept, a queue that overflowed.
 */
final class SnapshotTokenTerms implements SnapshotTokenObserver {
  /** Queued bytes past which the queue is dropped and what it held is indexed from its bytes. */
  static final int MAX_QUEUED_BYTES = 16 << 20;
  /**
   * Keys of open objects remembered for the repeated-key check before it starts afresh: few enough
   * that the set stays in the cache (at 32k its probes were 6% of a build). An object's keys are
   * forgotten when it closes, so only open objects with more keys than this in all (one huge
   * object, say) force a forgetting, which is a taint.
   */
  private static final int MAX_KEYS = 2048;
  /** Objects with fewer keys than this check a key against their own in the log, not the set. */
  private static final int SMALL_OBJECT_KEYS = 16;

  private static final byte NODE = 1;
  private static final byte WORD = 2;
  private static final byte FIELD = 3;

  private static final byte V_RAW = 0;
  private static final byte V_TEXT = 1;
  private static final byte V_TRUE = 2;
  private static final byte V_FALSE = 3;
  private static final byte V_NULL = 4;

  private static final byte OBJECT = 1;
  private static final byte ARRAY = 2;
  private static final int TERM_CAP = 1 + IndexFormat.MAX_PATH_BYTES;
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  // ---- the queue: groups of a NODE entry and its WORD and FIELD entries, in file order ----
  /** A NODE entry: type, offset, depth, kind, path length, parent's start, end, then the path. */
  private static final int NODE_HEADER = 34;
  private byte[] q = new byte[1 << 16];
  private int head;
  private int tail;
  /**
   * How far the queue's contents have moved towards (or been dropped before) index 0 in all: an
   * entry written at index i is at {@code i + written - base} later, so a container's NODE entry
   * can be found again at its END to set its end.
   */
  private long base;
  /** Texts of escaped string values in objects (fields), in queue order. */
  private final ArrayDeque<String> texts = new ArrayDeque<>();

  /** Taint intervals [a, b], ascending: sub-documents overlapping one take the walk. */
  private long[] taints = new long[32];
  private int taintHead;
  private int taintTail;

  // ---- the path of the current node, as SnapshotTerms.TokenWalk builds it ----
  private final SnapshotWords.PathBytes path = new SnapshotWords.PathBytes();
  /**
   * Per depth d: the container whose children are at d: kind, serial, path chars and bytes. Kind 0
   * is no container seen open (the root level, or one opened before the reader's resume point).
   */
  private byte[] kinds = new byte[16];
  private int[] serials = new int[16];
  private int[] chars = new int[16];
  private int[] bytes = new int[16];
  /** Per depth d: the start of the container whose children are at d (UNKNOWN if not seen). */
  private long[] starts = new long[16];
  /** Per depth d: where the open container at d wrote its NODE entry (base-relative), or -1. */
  private long[] nodeAt = new long[16];
  private int serial;
  private final SnapshotTerms.KeySet keys = new SnapshotTerms.KeySet();
  /**
   * The set's entries in the order added, and per depth d where the open object whose children are
   * at d began in it: at its END the object's own keys are removed, since no later key can repeat
   * them. Before, keys of closed objects stayed until a forgetting every 2048 keys, and each
   * forgetting tainted the sub-document around it (2% of a snapshot's records, most of them
   * large: about a third of its bytes were tokenized twice).
   */
  private long[] keyLog = new long[64];
  private int keyLogLength;
  private int[] keyLogAt = new int[16];

  // ---- the last key: its raw bytes, or unusual ----
  private byte[] key = new byte[64];
  private int keyLen;
  private boolean keyUnusual;

  private final byte[] word = new byte[1 + Words.MAX_WORD_CODE_POINTS];
  private final long[] payload = new long[2];
  private final SnapshotWords.Sink toQueue = this::queueWord;
  /** Sub-documents indexed from the queue, and those handed back to the walk. */
  private long taken;
  private long declined;

  SnapshotTokenTerms() {
    chars[0] = 0;
    bytes[0] = 1;
    Arrays.fill(nodeAt, -1);
    starts[0] = SparsePaths.UNKNOWN;
    path.term[0] = Terms.PATH;
  }

  @Override
  public void token(Tokenizer t, TokenKind k) throws IOException {
    switch (k) {
      case END_OF_INPUT:
        return;
      case TAG:
        if (SnapshotWords.isKeyTag(t)) taint(t.offset(), t.offset());
        return;
      case KEY:
        captureKey(t);
        return;
      case END_OBJECT:
      case END_ARRAY:
        if (t.depth() + 1 < kinds.length) {
          if (kinds[t.depth() + 1] == OBJECT) forgetKeys(keyLogAt[t.depth() + 1]);
          kinds[t.depth() + 1] = 0; // its children's frame closed
        }
        containerEnded(t.depth(), t.offset() + 1);
        return;
      default:
        node(t, k);
    }
  }

  private void node(Tokenizer t, TokenKind k) throws IOException {
    if (tail - head > MAX_QUEUED_BYTES) {
      // Everything queued so far is dropped: the sub-documents it belonged to take the walk.
      base += tail;
      head = 0;
      tail = 0;
      texts.clear();
      taint(Long.MIN_VALUE, t.nodeOffset());
    }
    int d = t.depth();
    long at = t.nodeOffset();
    CharSequence view = t.pathView();
    byte container = d < kinds.length ? kinds[d] : 0;
    long parentStart = d > 0 && container != 0 ? starts[d] : SparsePaths.UNKNOWN;
    if (d == 0 || container != 0) {
      path.curBytes = bytes[d];
      if (path.curBytes > TERM_CAP) path.hash(view, chars[d], view.length());
      else path.encode(view, chars[d], view.length());
      if (container == OBJECT) checkKey(at, d);
    } else {
      // A container opened before this reader's resume point: spell the whole path, unless it is
      // plainly over the cap (a char is a byte at least), so this costs O(cap) at most.
      path.curBytes = 1;
      if (view.length() > IndexFormat.MAX_PATH_BYTES) path.curBytes = TERM_CAP + 1;
      else path.encode(view, 0, view.length());
    }
    boolean begin = k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY;
    int pathLen = path.curBytes <= TERM_CAP ? path.curBytes : 0;
    ensure(NODE_HEADER + pathLen);
    long entry = base + tail;
    q[tail++] = NODE;
    putLong(at);
    putInt(d);
    q[tail++] = k == TokenKind.BEGIN_OBJECT ? OBJECT : begin ? ARRAY : 0;
    putInt(pathLen);
    putLong(parentStart);
    putLong(begin ? -1 : t.offset() + t.length()); // a container's end is set at its END
    System.arraycopy(path.term, 0, q, tail, pathLen);
    tail += pathLen;
    if (begin) {
      if (d + 1 >= kinds.length) grow(d + 2);
      kinds[d + 1] = k == TokenKind.BEGIN_OBJECT ? OBJECT : ARRAY;
      serials[d + 1] = ++serial;
      keyLogAt[d + 1] = keyLogLength;
      chars[d + 1] = view.length();
      bytes[d + 1] = path.curBytes;
      starts[d + 1] = at;
      nodeAt[d] = entry;
      return;
    }
    if (!t.isMaterialized()) {
      taint(at, at);
      return;
    }
    String text = null;
    if (k == TokenKind.STRING || k == TokenKind.LITERAL) {
      if (SnapshotWords.ascii(t, k == TokenKind.STRING, word, toQueue) < 0) {
        text = t.text();
        SnapshotWords.text(text, toQueue);
      }
    }
    if (container == OBJECT) field(t, k, text, at);
  }

  /** Sets the end of the container closing at depth d in its NODE entry, if still queued. */
  private void containerEnded(int d, long end) {
    if (d >= nodeAt.length || nodeAt[d] < 0) return;
    long i = nodeAt[d] - base;
    nodeAt[d] = -1;
    if (i < head || i >= tail) return; // taken, skipped or dropped already
    int p = (int) i + 26;
    for (int s = 56; s >= 0; s -= 8) q[p++] = (byte) (end >>> s);
  }

  /** Forgets the keys of the object closing, whose keys the log holds from entry from on. */
  private void forgetKeys(int from) {
    if (keyLogLength - from >= SMALL_OBJECT_KEYS) {
      for (int i = keyLogLength - 1; i >= from; i--) keys.remove(keyLog[i]);
    }
    keyLogLength = from;
  }

  /**
   * The repeated-key check of the walk, over every object; a suspect is a taint. The log from
   * keyLogAt[d] on holds exactly the keys of the object at d so far (its closed children's were
   * forgotten), so a small object is checked against them in place; only an object with more keys
   * uses the set, which is then emptied of them when it closes.
   */
  private void checkKey(long at, int d) {
    if (keyLogLength >= MAX_KEYS) {
      // Forgetting keys of objects still open: a sub-document holding one of them holds this point.
      keys.clear();
      keyLogLength = 0;
      Arrays.fill(keyLogAt, 0);
      taint(at, at);
    }
    long x = SnapshotTerms.KeySet.mix(serials[d], path.segmentHash, path.segmentLength);
    int from = keyLogAt[d];
    int count = keyLogLength - from;
    if (count < SMALL_OBJECT_KEYS) {
      for (int i = from; i < keyLogLength; i++) {
        if (keyLog[i] == x) {
          taint(at, at);
          return;
        }
      }
      if (count == SMALL_OBJECT_KEYS - 1) {
        for (int i = from; i < keyLogLength; i++) keys.add(keyLog[i]);
        keys.add(x);
      }
    } else if (!keys.add(x)) {
      taint(at, at);
      return;
    }
    if (keyLogLength == keyLog.length) keyLog = Arrays.copyOf(keyLog, 2 * keyLogLength);
    keyLog[keyLogLength++] = x;
  }

  private void captureKey(Tokenizer t) {
    keyUnusual = t.keyIsSparse() || t.hasEscapes() || !t.isMaterialized();
    if (keyUnusual) return;
    int n = t.rawContentLength();
    if (n > key.length) key = new byte[Math.max(n, 2 * key.length)];
    System.arraycopy(t.rawBuffer(), t.rawContentStart(), key, 0, n);
    keyLen = n;
  }

  /** Queues a scalar's field candidate: its key and its value as the walk's t.text() gives it. */
  private void field(Tokenizer t, TokenKind k, String text, long at) {
    if (keyUnusual) {
      taint(at, at);
      return;
    }
    byte kind;
    int from = 0;
    int n = 0;
    byte[] b = t.rawBuffer();
    switch (k) {
      case TRUE:
        kind = V_TRUE;
        break;
      case FALSE:
        kind = V_FALSE;
        break;
      case NULL:
        kind = V_NULL;
        break;
      case STRING:
        if (t.hasEscapes()) {
          texts.addLast(text != null ? text : textOf(t));
          kind = V_TEXT;
          break;
        }
        kind = V_RAW;
        from = t.rawStart() + 1;
        n = (int) t.length() - 2;
        break;
      default:
        kind = V_RAW;
        from = t.rawStart();
        n = (int) t.length();
        break;
    }
    ensure(10 + keyLen + n);
    q[tail++] = FIELD;
    putInt(keyLen);
    System.arraycopy(key, 0, q, tail, keyLen);
    tail += keyLen;
    q[tail++] = kind;
    putInt(n);
    if (n > 0) System.arraycopy(b, from, q, tail, n);
    tail += n;
  }

  private static String textOf(Tokenizer t) {
    try {
      return t.text();
    } catch (IOException e) {
      throw new IllegalStateException("a kept token has text", e);
    }
  }

  private void queueWord(byte[] w, int len) {
    ensure(5 + len);
    q[tail++] = WORD;
    putInt(len);
    System.arraycopy(w, 0, q, tail, len);
    tail += len;
  }

  /**
   * Adds the queued terms below the record's own path (an object or array sub-document with
   * bytes) and returns its word count, or -1 if it must be indexed from its bytes instead (a
   * taint inside it, or its tokens were not seen). Records must come in file order.
   */
  int index(ShardBuilder shard, long docId, SnapshotRecord r) throws IOException {
    long s = r.offset();
    long e = r.end();
    while (taintHead < taintTail && taints[2 * taintHead + 1] < s) taintHead++;
    boolean tainted = taintHead < taintTail && taints[2 * taintHead] < e;
    // Skip the groups before the record (nodes of records indexed otherwise, container tokens).
    while (head < tail && groupOffset(head) < s) head = skipGroup(head);
    if (tainted || head >= tail || groupOffset(head) != s) {
      declined++;
      return -1;
    }
    int p = head;
    int rootDepth = getInt(p + 9);
    boolean rootObject = q[p + 13] == OBJECT;
    long words = 0;
    boolean root = true;
    int depth = rootDepth;
    while (p < tail) {
      byte type = q[p];
      if (type == NODE) {
        if (getLong(p + 1) >= e) break;
        depth = getInt(p + 9);
        int len = getInt(p + 14);
        long end = getLong(p + 26);
        if (!root && len > 0 && SparsePaths.indexed(getLong(p + 18), end)) {
          payload[0] = getLong(p + 1);
          payload[1] = end - payload[0];
          shard.addTerm(docId, q, p + NODE_HEADER, len, payload, 2);
        }
        root = false;
        p += NODE_HEADER + len;
      } else if (type == WORD) {
        int len = getInt(p + 1);
        // Queued, so that the lookups of the words and fields between two path terms are made
        // together (ShardBuilder.flushTerms); the postings are those of adding them one by one.
        shard.queueTerm(docId, q, p + 5, len);
        words++;
        p += 5 + len;
      } else {
        p = field(shard, docId, p, rootObject && depth == rootDepth + 1);
      }
    }
    head = p;
    compact();
    taken++;
    return (int) Math.min(Integer.MAX_VALUE, words);
  }

  long taken() {
    return taken;
  }

  long declined() {
    return declined;
  }

  /** Adds (if add) the FIELD entry at p; returns the next entry's index. */
  private int field(ShardBuilder shard, long docId, int p, boolean add) throws IOException {
    int keyLength = getInt(p + 1);
    int keyAt = p + 5;
    int v = keyAt + keyLength;
    byte kind = q[v];
    int n = getInt(v + 1);
    String text = kind == V_TEXT ? texts.pollFirst() : null;
    if (add && kind != V_TEXT) {
      byte[] value = kind == V_TRUE ? TRUE : kind == V_FALSE ? FALSE : kind == V_NULL ? NULL : q;
      int from = kind == V_RAW ? v + 5 : 0;
      int length = kind == V_RAW ? n : value.length;
      if (shard.queueAsciiField(docId, q, keyAt, keyLength, value, from, length)) return v + 5 + n;
    }
    if (add) {
      String name = new String(q, keyAt, keyLength, StandardCharsets.UTF_8);
      if (EntryTerms.fieldNameFits(name)) {
        switch (kind) {
          case V_TRUE: text = "true"; break;
          case V_FALSE: text = "false"; break;
          case V_NULL: text = "null"; break;
          case V_RAW: text = new String(q, v + 5, n, StandardCharsets.UTF_8); break;
          default: break;
        }
        shard.addField(docId, name, text);
      }
    }
    return v + 5 + n;
  }

  private long groupOffset(int p) {
    return getLong(p + 1);
  }

  /** Skips the group at p (a NODE entry and what follows it); returns the next group's index. */
  private int skipGroup(int p) {
    p += NODE_HEADER + getInt(p + 14);
    while (p < tail && q[p] != NODE) {
      if (q[p] == WORD) p += 5 + getInt(p + 1);
      else p = skipField(p);
    }
    return p;
  }

  private int skipField(int p) {
    int v = p + 5 + getInt(p + 1);
    if (q[v] == V_TEXT) texts.pollFirst();
    return v + 5 + getInt(v + 1);
  }

  private void taint(long a, long b) {
    if (taintTail > 0 && taintTail == taintHead) {
      taintHead = 0;
      taintTail = 0;
    }
    if (taintTail > taintHead && taints[2 * taintTail - 1] >= a) {
      taints[2 * taintTail - 1] = Math.max(taints[2 * taintTail - 1], b); // overlaps the last one
      taints[2 * taintTail - 2] = Math.min(taints[2 * taintTail - 2], a);
      return;
    }
    if (2 * taintTail + 2 > taints.length) {
      int live = taintTail - taintHead;
      long[] next = live * 4 + 4 > taints.length ? new long[taints.length * 2] : taints;
      System.arraycopy(taints, 2 * taintHead, next, 0, 2 * live);
      taints = next;
      taintHead = 0;
      taintTail = live;
    }
    taints[2 * taintTail] = a;
    taints[2 * taintTail + 1] = b;
    taintTail++;
  }

  private void compact() {
    if (head == tail) {
      base += tail;
      head = 0;
      tail = 0;
    } else if (head > q.length / 2) {
      base += head;
      System.arraycopy(q, head, q, 0, tail - head);
      tail -= head;
      head = 0;
    }
  }

  private void ensure(int n) {
    if (tail + n <= q.length) return;
    if (head > 0) {
      base += head;
      System.arraycopy(q, head, q, 0, tail - head);
      tail -= head;
      head = 0;
    }
    if (tail + n > q.length) q = Arrays.copyOf(q, Math.max(2 * q.length, tail + n));
  }


  // ---- path bytes, as SnapshotTerms.TokenWalk encodes them ----

  private void grow(int min) {
    int n = Math.max(min, kinds.length * 2);
    kinds = Arrays.copyOf(kinds, n);
    serials = Arrays.copyOf(serials, n);
    chars = Arrays.copyOf(chars, n);
    bytes = Arrays.copyOf(bytes, n);
    starts = Arrays.copyOf(starts, n);
    keyLogAt = Arrays.copyOf(keyLogAt, n);
    int old = nodeAt.length;
    nodeAt = Arrays.copyOf(nodeAt, n);
    Arrays.fill(nodeAt, old, n, -1);
  }

  private void putInt(int v) {
    q[tail++] = (byte) (v >>> 24);
    q[tail++] = (byte) (v >>> 16);
    q[tail++] = (byte) (v >>> 8);
    q[tail++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private int getInt(int p) {
    return (q[p] & 0xFF) << 24 | (q[p + 1] & 0xFF) << 16 | (q[p + 2] & 0xFF) << 8 | (q[p + 3] & 0xFF);
  }

  private long getLong(int p) {
    return (long) getInt(p) << 32 | (getInt(p + 4) & 0xFFFFFFFFL);
  }
}
