package io.logdex.serve;

import io.logdex.cli.SnapshotLookup;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.PathSeek;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SubDocumentBytes;
import io.logdex.transforms.BuildOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The direct children of a snapshot node, a page at a time, for the page's tree ({@code
 * /api/children}): each child's name or index, kind, size in the snapshot's bytes, child count and,
 * when small, its value as {@code get} prints it.
 *
 * <p>A node is walked token by token over its nearest indexed ancestor's bytes (at
 * most {@code --maxSubDocumentBytes}). A container too big to be a sub-document is a record of its
 * own, and so is each of its children (SnapshotIO cuts there); walking its bytes would read all of
 * them, so a child that is itself such a container is not read but jumped over, its span taken
 * from its path term's record, and the walk resumes after it. An array's page starts at its
 * {@code [offset]} element found the same way, and its length is found by bisection over its
 * elements' path terms: a page costs its children's bytes plus a few dozen term lookups,
 * whatever the container's size.
 */
final class NodeChildren {
  static final int MAX_LIMIT = 1000;
  /** A scalar whose token is longer is listed without its value (the page asks get for it). */
  static final int MAX_VALUE_BYTES = 256;
  /**
   * Children of a big object counted past the page before the total is given up (null, more).
   * Zero: each jump reopens the snapshot (about a millisecond), and an object's keys are known
   * only by walking them; a page says whether more follow, and the page's "next" asks.
   */
  static final int COUNT_BUDGET = 0;

  /** One child: name (null in an array) or index, its path, kind, bytes, children (null: unknown), value. */
  record Child(String name, long index, KindedPath path, String kind, long bytes, Long children, String value) {}

  /** A page of children from offset; total null when not counted; more when children follow. */
  record Page(KindedPath path, String kind, Long bytes, Long total, long offset, List<Child> children, boolean more) {}

  /** The path exists in no snapshot of the index. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private final BuildOutput out;
  private final KindedPath path;
  private final SnapshotLookup.Hit hit;
  private final int input;
  private final String file;
  private final long maxSubDocument;
  /** The current tokenizer, replaced after each jump, and what to add to its offsets. */
  private Tokenizer t;
  private long shift;

  private NodeChildren(BuildOutput out, KindedPath path, SnapshotLookup.Hit hit) throws IOException {
    this.out = out;
    this.path = path;
    this.hit = hit;
    this.input = out.chunk(hit.doc().sourceId()).input();
    this.file = out.sourceName(hit.doc().sourceId());
    this.maxSubDocument = out.manifest().maxSubDocumentBytes();
  }

  /**
   * The page of path's children from offset (at most limit). Throws NotFound when no snapshot
   * holds path, IllegalArgumentException for a path this walk cannot follow (a keyed segment).
   */
  static Page list(BuildOutput out, KindedPath path, long offset, int limit) throws IOException, NotFound {
    SnapshotLookup.Hit hit = SnapshotLookup.findCurrent(out, path);
    if (hit == null || !out.isSnapshot(hit.doc().sourceId())) throw new NotFound("no snapshot in the index holds path \"" + path + "\"");
    NodeChildren c = new NodeChildren(out, path, hit);
    try {
      return c.page(offset, limit);
    } finally {
      if (c.t != null) c.t.close();
    }
  }

  private Page page(long offset, int limit) throws IOException, NotFound {
    try {
      t = SnapshotLookup.seek(out, hit, path);
    } catch (IllegalArgumentException keyed) {
      throw new IllegalArgumentException("children takes paths of fields and [indexes]; a (keyed) element is"
          + " read with /api/get");
    }
    if (t == null) throw new NotFound("no snapshot in the index holds path \"" + path + "\"");
    long start = t.nodeOffset();
    TokenKind k = t.current();
    while (k == TokenKind.TAG) k = PathSeek.nextInValue(t);
    if (k != TokenKind.BEGIN_OBJECT && k != TokenKind.BEGIN_ARRAY) {
      return new Page(path, kind(k), t.offset() + t.length() - start, 0L, offset, List.of(), false);
    }
    boolean object = k == TokenKind.BEGIN_OBJECT;
    // A container record: its children are records, and the big ones are jumped over.
    boolean big = hit.recordPath().equals(path) && hit.doc().length() > maxSubDocument;
    Long bytes = big ? Long.valueOf(hit.doc().length()) : null;
    int depth = t.depth();
    long i = 0;
    List<Child> page = new ArrayList<>();
    if (big && !object && offset > 0) {
      KindedPath first = path.index(offset);
      SnapshotLookup.Hit h = fits(first) ? SnapshotLookup.find(out, first, input) : null;
      if (h != null && h.recordPath().equals(first)) {
        resume(h.doc().offset(), "[");
        depth = t.depth();
        i = offset;
      } else if (fits(first)) { // an element of a container record has a term: absent
        return new Page(path, "array", bytes, arrayLength(path), offset, page, false);
      }
    }
    Long total = null;
    boolean more = false;
    while (true) {
      k = PathSeek.nextInValue(t);
      if ((k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) && t.depth() == depth) {
        total = i;
        if (bytes == null) bytes = t.offset() + t.length() + shift - start;
        break;
      }
      if (i >= offset + limit) {
        // Past the page: a small node is counted to its end; a big array by its terms; a big
        // object only so far.
        if (big && !object && fits(path.index(i))) {
          total = arrayLength(path);
          more = total > i;
          break;
        }
        if (big && i >= offset + limit + COUNT_BUDGET) {
          more = true;
          break;
        }
      }
      String name = null;
      KindedPath cp;
      if (object) {
        if (t.keyIsSparse()) {
          cp = path.sparse(t.keyIndex());
        } else {
          name = t.text();
          cp = path.field(name);
        }
        k = PathSeek.nextInValue(t);
      } else {
        cp = path.index(i);
      }
      long cStart = t.nodeOffset() + shift;
      boolean tagged = k == TokenKind.TAG;
      while (k == TokenKind.TAG) k = PathSeek.nextInValue(t);
      boolean inPage = i >= offset && page.size() < limit;
      long cBytes;
      Long children;
      String value = null;
      if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) {
        SnapshotLookup.Hit h = big && fits(cp) ? SnapshotLookup.find(out, cp, input) : null;
        // Jumped: a container record (too big to scan), or past the page any record (only counted).
        if (h != null && h.recordPath().equals(cp) && h.doc().offset() == cStart
            && (h.doc().length() > maxSubDocument || !inPage)) {
          cBytes = h.doc().length();
          children = inPage && k == TokenKind.BEGIN_ARRAY && fits(cp.index(Long.MAX_VALUE)) ? arrayLength(cp) : null;
          resume(h.doc().offset() + h.doc().length(), object ? "{\"a\":0" : "[0");
          depth = t.depth();
          PathSeek.nextInValue(t); // the stand-in first child: a key and 0, or 0
          if (object) PathSeek.nextInValue(t);
        } else {
          children = skipCounting(k);
          cBytes = t.offset() + t.length() + shift - cStart;
        }
      } else {
        cBytes = t.offset() + t.length() + shift - cStart;
        children = 0L;
        if (inPage && !tagged && t.length() <= MAX_VALUE_BYTES) value = json();
      }
      if (inPage) page.add(new Child(name, object ? -1 : i, cp, kind(k), cBytes, children, value));
      i++;
    }
    if (total != null) more = total > offset + page.size();
    return new Page(path, object ? "object" : "array", bytes, total, offset, page, more);
  }

  /** Whether p has a path term (is within the cap), so its record can be looked up. */
  private static boolean fits(KindedPath p) {
    return p.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES) == p.depth();
  }

  /** Skips the container whose BEGIN token is current; returns its direct children. */
  private long skipCounting(TokenKind begin) throws IOException {
    int d = t.depth();
    long n = 0;
    while (true) {
      TokenKind k = PathSeek.nextInValue(t);
      int kd = t.depth();
      if ((k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) && kd == d) return n;
      if (kd != d + 1) continue;
      if (begin == TokenKind.BEGIN_OBJECT ? k == TokenKind.KEY
          : k != TokenKind.TAG && k != TokenKind.END_OBJECT && k != TokenKind.END_ARRAY) {
        n++;
      }
    }
  }

  /** The current scalar as get prints it (compact JSON), without the final newline. */
  private String json() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Encoder enc = new Encoder(b, OutputFormat.JSON);
    Transcoder.copyCurrentValue(t, enc);
    enc.flush();
    return b.toString(StandardCharsets.UTF_8).stripTrailing(); // get's value without its newline
  }

  /**
   * Continues the walk at offset `from` of the snapshot, inside the node's container: the bytes
   * from there to the container's end, after a stand-in opening (prefix) that gives the
   * tokenizer the container it is in. Offsets are kept as the snapshot's through `shift`.
   */
  private void resume(long from, String prefix) throws IOException {
    t.close();
    t = null;
    long end = hit.doc().offset() + hit.doc().length();
    SnapshotRecord span = new SnapshotRecord(file, SnapshotRecord.Kind.CONTAINER, null, from, end - from, 0, null);
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    t = Tokenizer.fromStream(new SequenceInputStream(new ByteArrayInputStream(p), SubDocumentBytes.open(span)),
        0, file, out.snapshotReading(hit.doc().sourceId()));
    shift = from - p.length;
    PathSeek.nextInValue(t); // the stand-in container's BEGIN
  }

  /** The number of elements of the array at p, a container record: bisection over p[i]'s terms. */
  private long arrayLength(KindedPath p) throws IOException {
    if (!exists(p.index(0))) return 0;
    long lo = 0; // exists
    long hi = 1;
    while (exists(p.index(hi))) {
      lo = hi;
      if (hi > (1L << 40)) return hi;
      hi *= 2;
    }
    while (hi - lo > 1) { // lo exists, hi does not
      long mid = (lo + hi) >>> 1;
      if (exists(p.index(mid))) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** Whether p, an element of a container record (a record itself, so indexed), exists. */
  private boolean exists(KindedPath p) throws IOException {
    SnapshotLookup.Hit h = SnapshotLookup.find(out, p, input);
    return h != null && h.recordPath().equals(p);
  }

  static String kind(TokenKind k) {
    switch (k) {
      case BEGIN_OBJECT:
        return "object";
      case BEGIN_ARRAY:
        return "array";
      case STRING:
        return "string";
      case INTEGER:
      case FLOAT:
        return "number";
      case TRUE:
      case FALSE:
        return "boolean";
      case NULL:
        return "null";
      default:
        return "literal";
    }
  }
}
