package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Terms;
import io.logdex.format.index.Words;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The terms of one snapshot record. A sub-document gives the words of its string and literal
 * values, a field term per top-level scalar field, and a path term for its own path and for each
 * path inside it that the sparse rule keeps ({@link SparsePaths}), each with payload (offset,
 * length) of its own node: a reader seeks there and walks the rest of the path, fewer than T
 * bytes. A container record (too big to be one sub-document) and a scalar too big to carry its
 * bytes give only their own path. With a commit ({@code --snapshots=GLOB@COMMIT}), {@code
 * commit:N} too.
 *
 * <p>An object or array sub-document is indexed in one pass over its tokens, with no tree: the
 * tokenizer keeps each token's kinded path (spelled by PathSyntax) and the path terms are built
 * in one reused buffer. The terms are exactly those of the tree walk ({@link #indexTree}), which
 * still serves scalars, and records holding a {@code !key(f)} tag: an element of a keyed array
 * is named {@code (key)} by a field that may come after the element starts, so a single pass
 * cannot name it. Such a record goes to the tree before the pass adds anything: postings count
 * repeats (term frequencies), so words added twice would count twice. Invalid input fails with the
 * tree's exception.
 */
final class SnapshotTerms {
  private SnapshotTerms() {}

  /** One walk per worker thread, so that its buffers are reused record after record. */
  private static final ThreadLocal<TokenWalk> WALKS = ThreadLocal.withInitial(TokenWalk::new);

  /** Adds the record's terms for docId and returns its word count. */
  static int index(ShardBuilder shard, long docId, SnapshotRecord r, long commit) throws IOException {
    return index(shard, docId, r, commit, null);
  }

  /**
   * As {@link #index(ShardBuilder, long, SnapshotRecord, long)}, taking an object or array
   * sub-document's terms from the reader's own pass when onePass (which saw the reader's tokens)
   * has them; records must come in file order.
   */
  static int index(ShardBuilder shard, long docId, SnapshotRecord r, long commit,
      SnapshotTokenTerms onePass) throws IOException {
    // The record's own path, the root "" included: get finds where a record's bytes start as the
    // shortest path that record indexes. A path over the cap has none (the cutter left it null).
    if (r.path() != null) addPath(shard, docId, r.path(), r.offset(), r.length());
    if (commit != Long.MIN_VALUE) shard.addField(docId, "commit", Long.toString(commit));
    if (!r.isSubDocument() || !r.hasBytes()) return 0;
    if (r.isScalar() || r.length() == 0) return indexTree(shard, docId, r);
    int words = onePass == null ? -1 : onePass.index(shard, docId, r);
    if (words >= 0) return words;
    words = WALKS.get().index(shard, docId, r);
    return words >= 0 ? words : indexTree(shard, docId, r);
  }

  /** The terms below the record's own path, from its tree; returns the word count. */
  static int indexTree(ShardBuilder shard, long docId, SnapshotRecord r) throws IOException {
    Node doc = r.parse();
    long[] words = new long[1];
    try {
      ArrayDeque<Node> stack = new ArrayDeque<>();
      stack.push(doc);
      while (!stack.isEmpty()) {
        Node n = stack.pop();
        if (n.kind() == Node.Kind.STRING || n.kind() == Node.Kind.LITERAL) {
          Words.forEach(n.text(), w -> {
            words[0]++;
            try {
              shard.addTerm(docId, Terms.word(w));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
        for (int i = n.size() - 1; i >= 0; i--) stack.push(n.child(i));
      }
      if (doc.isObject()) {
        for (int i = 0; i < doc.size(); i++) {
          String name = doc.key(i).asText();
          if (!doc.child(i).isContainer() && EntryTerms.fieldNameFits(name)) {
            shard.addField(docId, name, doc.child(i).text());
          }
        }
      }
      if (r.path() == null) return (int) Math.min(Integer.MAX_VALUE, words[0]);
      if (doc.size() == 0) return (int) Math.min(Integer.MAX_VALUE, words[0]);
      KindedPath base = KindedPath.parse(r.path());
      long[] spans = spans(r);
      int[] next = new int[1];
      NodePaths.forEachPath(doc, (p, n) -> {
        int i = 3 * next[0]++; // forEachPath visits in the tokens' order: pre-order, root excluded
        long start = spans[i];
        long end = spans[i + 1];
        if (!SparsePaths.indexed(spans[i + 2], end)) return;
        if (base.depth() + p.depth() > IndexFormat.MAX_PATH_BYTES) return; // a byte a segment at least
        String path = base.resolve(p).toStringWithin(IndexFormat.MAX_PATH_BYTES);
        if (path == null) return;
        try {
          shard.addPath(docId, path, start, end - start);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return (int) Math.min(Integer.MAX_VALUE, words[0]);
  }

  /**
   * Per node of an object or array record below its root, in token (pre-)order, the triple
   * (start, end, parent's start) the sparse rule and the payload need; the tree keeps no offsets.
   */
  static long[] spans(SnapshotRecord r) throws IOException {
    long[] out = new long[48];
    int n = 0;
    int[] open = new int[16]; // per depth: where the open container's triple is
    long[] starts = new long[16]; // per depth d: the start of the container whose children are at d
    Tokenizer t = r.tokens();
    for (TokenKind k = t.next(); k != TokenKind.END_OF_INPUT; k = t.next()) {
      if (k == TokenKind.TAG || k == TokenKind.KEY) continue;
      int d = t.depth();
      if (k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) {
        if (d > 0) out[open[d] + 1] = t.offset() + 1;
        continue;
      }
      boolean begin = k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY;
      if (d + 2 > starts.length) {
        starts = Arrays.copyOf(starts, 2 * (d + 2));
        open = Arrays.copyOf(open, 2 * (d + 2));
      }
      if (d > 0) {
        if (n + 3 > out.length) out = Arrays.copyOf(out, 2 * out.length);
        out[n] = t.nodeOffset();
        out[n + 1] = t.offset() + t.length(); // a container's is set at its END
        out[n + 2] = starts[d];
        if (begin) open[d] = n;
        n += 3;
      }
      if (begin) starts[d + 1] = t.nodeOffset();
    }
    return out;
  }

  private static void addPath(ShardBuilder shard, long docId, String path, long offset, long length)
      throws IOException {
    if (path.getBytes(StandardCharsets.UTF_8).length > IndexFormat.MAX_PATH_BYTES) return;
    shard.addPath(docId, path, offset, length);
  }

  /**
   * The single pass over an object or array sub-document's tokens. A node's path is its
   * container's path plus one segment, so the path term of each node costs the UTF-8 encoding of
   * that one segment: the tokenizer's path view is a char cache whose prefix up to the container
   * is unchanged, and the term buffer keeps, per open container, how many chars and bytes its own
   * path takes. Past {@link IndexFormat#MAX_PATH_BYTES} no path is encoded at all (only its
   * segment's hash, for the repeated-key check), so a node costs O(1) at any depth.
   */
  static final class TokenWalk implements SnapshotWords.Sink {
    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;
    private static final long[] NO_PAYLOAD = new long[0];
    /** Longest path term: the namespace byte and at most MAX_PATH_BYTES of path. */
    private static final int TERM_CAP = 1 + IndexFormat.MAX_PATH_BYTES;
    /** curBytes of a node whose container's path is over the cap already. */
    private static final int OVER = Integer.MAX_VALUE;

    /** 'p', the base path, then the current node's path below it. */
    private final SnapshotWords.PathBytes path = new SnapshotWords.PathBytes();
    /** Per depth d: the kind, object serial, path chars and path bytes of the container whose children are at d. */
    private byte[] kinds = new byte[16];
    private int[] serials = new int[16];
    private int[] chars = new int[16];
    private int[] bytes = new int[16];
    /** Per depth d: where the container whose children are at d starts (the sparse rule's P). */
    private long[] starts = new long[16];
    private final byte[] word = new byte[1 + Words.MAX_WORD_CODE_POINTS];
    private final long[] payload = new long[2];
    private final KeySet keys = new KeySet();
    /** The last path encoded: its chars in the tokenizer's view (its bytes are in path). */
    private int curChars;

    /**
     * Adds every term below the record's own path and returns the word count, or -1 after meeting
     * a {@code !key(} tag (the caller then takes the tree).
     */
    int index(ShardBuilder shard, long docId, SnapshotRecord r) throws IOException {
      if (SnapshotWords.mayHoldKeyTag(r)) return -1;
      Tokenizer t = r.tokens();
      try {
        return walk(shard, docId, r, t);
      } catch (FormatException e) {
        // The tree's exception names the same place in the same words; the tokens' is only the
        // fallback, should the tree somehow accept what the walk refused.
        r.parse();
        throw e;
      } finally {
        shard = null;
        keys.clear();
        if (path.term.length > 1 << 16) path.term = new byte[256];
      }
    }

    private ShardBuilder shard;
    private long docId;

    @Override
    public void word(byte[] w, int len) throws IOException {
      shard.addTerm(docId, w, 0, len, NO_PAYLOAD, 0);
    }

    private int walk(ShardBuilder shard, long docId, SnapshotRecord r, Tokenizer t)
        throws IOException {
      this.shard = shard;
      this.docId = docId;
      path.term[0] = Terms.PATH;
      // A record whose own path is over the cap has none, and neither has anything below it.
      String base = r.path() == null ? null : KindedPath.parse(r.path()).toString();
      boolean bare = base != null && base.isEmpty();
      path.curBytes = 1;
      curChars = 0;
      if (base != null) path.encode(base, 0, base.length());
      else path.curBytes = OVER;
      int serial = 0;
      int open = 0;
      boolean rootIsObject = false;
      boolean parsed = false;
      String field = null;
      long words = 0;
      while (true) {
        TokenKind k = t.next();
        switch (k) {
          case END_OF_INPUT:
            throw t.error("input ended inside a value");
          case TAG:
            // mayHoldKeyTag sent every record with one to the tree before anything was added.
            if (SnapshotWords.isKeyTag(t)) throw new IllegalStateException("a !key( tag the byte check missed");
            continue;
          case KEY:
            if (rootIsObject && t.depth() == 1) field = t.text();
            continue;
          case END_OBJECT:
          case END_ARRAY:
            if (--open == 0) return finish(t, words);
            containerEnded(t);
            continue;
          default:
            break;
        }
        int d = t.depth();
        if (d > 0) {
          // The node's own path: its container's, then its segment.
          CharSequence view = t.pathView();
          int from = chars[d];
          path.curBytes = bytes[d];
          if (path.curBytes > TERM_CAP) {
            // The container's path is over the cap already: hash the segment, spell nothing.
            path.hash(view, from, view.length());
          } else {
            if (d == 1 && !bare && view.charAt(0) != '[' && view.charAt(0) != '{') {
              path.term[path.curBytes++] = '.'; // a field after the base; the view itself starts bare
            }
            path.encode(view, from, view.length());
          }
          curChars = view.length();
          if (!parsed && kinds[d] == OBJECT && !keys.add(serials[d], path.segmentHash, path.segmentLength)) {
            // Throws for a repeated key. If two keys merely hashed alike, the tree has now checked
            // every key of the record, so hostile keys cost at most one parse per record.
            r.parse();
            parsed = true;
          }
          if (path.curBytes <= TERM_CAP && k != TokenKind.BEGIN_OBJECT && k != TokenKind.BEGIN_ARRAY) {
            long end = t.offset() + t.length();
            if (SparsePaths.indexed(starts[d], end)) addPath(path.curBytes, t.nodeOffset(), end);
          } // a container's term waits for its end (containerEnded): the rule needs it
        }
        if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) {
          if (d + 1 == kinds.length) grow();
          kinds[d + 1] = k == TokenKind.BEGIN_OBJECT ? OBJECT : ARRAY;
          serials[d + 1] = ++serial;
          chars[d + 1] = curChars;
          bytes[d + 1] = path.curBytes;
          starts[d + 1] = t.nodeOffset();
          if (d == 0) rootIsObject = k == TokenKind.BEGIN_OBJECT;
          open++;
          continue;
        }
        String text = null;
        if (k == TokenKind.STRING || k == TokenKind.LITERAL) {
          int n = SnapshotWords.ascii(t, k == TokenKind.STRING, word, this);
          if (n < 0) {
            text = t.text();
            n = SnapshotWords.text(text, this);
          }
          words += n;
        }
        if (d == 1 && rootIsObject && EntryTerms.fieldNameFits(field)) {
          shard.addField(docId, field, text != null ? text : t.text());
        }
        if (open == 0) return finish(t, words);
      }
    }

    /**
     * At a non-root container's END: its path term, if the rule keeps it. Its path is still the
     * first bytes[d + 1] of the buffer, since its descendants wrote only past them.
     */
    private void containerEnded(Tokenizer t) throws IOException {
      int d = t.depth();
      int n = bytes[d + 1];
      long end = t.offset() + 1;
      if (n <= TERM_CAP && SparsePaths.indexed(starts[d], end)) addPath(n, t.nodeOffset(), end);
    }

    /** The path term of path.term[0, n) with payload the node's own bytes [start, end). */
    private void addPath(int n, long start, long end) throws IOException {
      payload[0] = start;
      payload[1] = end - start;
      shard.addTerm(docId, path.term, 0, n, payload, 2);
    }

    private static int finish(Tokenizer t, long words) throws IOException {
      if (t.next() != TokenKind.END_OF_INPUT) throw t.error("content after the sub-document");
      return (int) Math.min(Integer.MAX_VALUE, words);
    }


    private void grow() {
      int n = kinds.length * 2;
      kinds = Arrays.copyOf(kinds, n);
      serials = Arrays.copyOf(serials, n);
      chars = Arrays.copyOf(chars, n);
      bytes = Arrays.copyOf(bytes, n);
      starts = Arrays.copyOf(starts, n);
    }
  }

  /**
   * The keys seen in each open object of one record, to refuse a repeated key as the tree does:
   * (object serial, hash of the key's path segment) in an open-addressing set. A repeat here is
   * only a suspect (two keys may hash alike); the caller settles it.
   */
  static final class KeySet {
    private static final int MIN = 256;
    private long[] slots = new long[MIN];
    private int size;

    /** Adds the key; false if the same (object, hash) was added before. */
    boolean add(int serial, int hash, int len) {
      return add(mix(serial, hash, len));
    }

    /** The set's entry for a key: never 0 (an empty slot); equal keys have equal entries. */
    static long mix(int serial, int hash, int len) {
      long x = ((long) serial << 32 | (hash & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L + len;
      x ^= x >>> 29;
      return x == 0 ? 1 : x;
    }

    /** Adds the entry x of {@link #mix}; false if it is in the set already. */
    boolean add(long x) {
      if (2 * (size + 1) > slots.length) rehash(slots.length * 2);
      int mask = slots.length - 1;
      for (int i = (int) (x ^ x >>> 32) & mask; ; i = (i + 1) & mask) {
        long v = slots[i];
        if (v == 0) {
          slots[i] = x;
          size++;
          return true;
        }
        if (v == x) return false;
      }
    }

    /**
     * Removes the entry x, if present, shifting back the entries of its probe run that would no
     * longer be found (linear probing's deletion without tombstones), so the set holds only what
     * was added and not removed, and its probes stay short.
     */
    void remove(long x) {
      int mask = slots.length - 1;
      int i = (int) (x ^ x >>> 32) & mask;
      while (slots[i] != x) {
        if (slots[i] == 0) return;
        i = (i + 1) & mask;
      }
      size--;
      for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
        int home = (int) (slots[j] ^ slots[j] >>> 32) & mask;
        // slots[j] may move to the hole at i unless its home lies cyclically in (i, j].
        if (((j - home) & mask) >= ((j - i) & mask)) {
          slots[i] = slots[j];
          i = j;
        }
      }
      slots[i] = 0;
    }

    int size() {
      return size;
    }

    void clear() {
      if (slots.length > 4 * MIN && size < slots.length / 8) slots = new long[MIN];
      else if (size > 0) Arrays.fill(slots, 0L);
      size = 0;
    }

    private void rehash(int n) {
      long[] old = slots;
      slots = new long[n];
      int mask = n - 1;
      for (long x : old) {
        if (x == 0) continue;
        int i = (int) (x ^ x >>> 32) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = x;
      }
    }
  }
}
