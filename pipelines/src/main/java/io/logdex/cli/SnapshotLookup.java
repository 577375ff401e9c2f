package io.logdex.cli;

import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.Terms;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.token.PathSeek;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SubDocumentBytes;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.ChunkSummary;
import io.logdex.transforms.InputSummary;
import java.io.IOException;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Finds where a kinded path lives in an indexed snapshot. Every path inside a sub-document is
 * indexed with the sub-document's (offset, length) and every container too big to be one has
 * its own path term, so one term lookup finds the bytes to read, and a few more (the log of the
 * path's depth) find which ancestor those bytes start at. A path too long for a term is reached
 * from its nearest indexed ancestor's bytes by {@link #seek}.
 *
 * <p>Which snapshot is read is chosen before any path is looked up. Snapshots tagged with a commit
 * ({@code FILE@C}, and those {@code compact} writes) are states of one document: only the newest
 * one that applies is read, so a path deleted before it stays deleted instead of being found in an
 * older state. Untagged snapshots are documents of their own, looked up in turn.
 */
public final class SnapshotLookup {
  /** The record holding a path: its doc, and the path its bytes start at (an ancestor-or-self). */
  public record Hit(DocRecord doc, KindedPath recordPath) {}

  private SnapshotLookup() {}

  /**
   * The snapshot input a read as of maxCommit starts from: the tagged one with the highest commit
   * at or before it, else the last untagged one given (a state before every commit); -1 for none.
   * Ties go to the one given last.
   */
  public static int stateAt(BuildOutput out, long maxCommit) {
    int best = -1;
    long bestCommit = Long.MIN_VALUE;
    for (InputSummary in : out.manifest().inputs()) {
      if (!in.kind().equals(InputSummary.SNAPSHOT)) continue;
      long c = in.commit();
      if (c != Long.MIN_VALUE && c > maxCommit) continue;
      if (best < 0 || c >= bestCommit) {
        best = in.index();
        bestCommit = c;
      }
    }
    return best;
  }

  /** The record holding path in the given snapshot input, or null when it lacks the path. */
  public static Hit find(BuildOutput out, KindedPath path, int input) throws IOException {
    return find(out, path, source -> inputOf(out, source) == input);
  }

  /**
   * For {@code get}: the newest tagged snapshot and every untagged one; the record holding path in
   * the tagged one, else in the untagged ones, the last given first. Null when none has it.
   */
  public static Hit findCurrent(BuildOutput out, KindedPath path) throws IOException {
    int newestTagged = -1;
    long newestCommit = Long.MIN_VALUE;
    List<InputSummary> inputs = out.manifest().inputs();
    for (InputSummary in : inputs) {
      if (in.kind().equals(InputSummary.SNAPSHOT) && in.commit() != Long.MIN_VALUE && (newestTagged < 0 || in.commit() >= newestCommit)) {
        newestTagged = in.index();
        newestCommit = in.commit();
      }
    }
    if (newestTagged >= 0) {
      Hit h = find(out, path, newestTagged);
      if (h != null) return h;
    }
    return find(out, path, source -> {
      int i = inputOf(out, source);
      return i >= 0 && inputs.get(i).commit() == Long.MIN_VALUE;
    });
  }

  private static int inputOf(BuildOutput out, int sourceId) {
    ChunkSummary c = out.chunk(sourceId);
    return c == null || !out.isSnapshot(sourceId) ? -1 : c.input();
  }

  /**
   * The last-given (highest docId) record of an accepted source holding path, or null. A path over
   * the term cap ({@link IndexFormat#MAX_PATH_BYTES}) is looked up by its deepest prefix within
   * it: the hit is then that ancestor's record, and the path itself may still be absent there.
   */
  private static Hit find(BuildOutput out, KindedPath path, IntPredicate acceptSource) throws IOException {
    IndexReader index = out.index();
    int depth = path.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES);
    KindedPath indexed = depth == path.depth() ? path : path.prefix(depth);
    PostingsIterator it = index.postings(Terms.path(indexed.toString()));
    if (it == null) return null;
    DocRecord best = null;
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      DocRecord r = index.docRecord(d);
      if (acceptSource.test(r.sourceId())) best = r;
    }
    if (best == null) return null;
    // Every record indexes its own path and, for a sub-document, every path inside it; so the
    // prefixes the record indexes run from where its bytes start down to `indexed`, and the
    // shortest is found by bisection: O(log depth) lookups, not one per level.
    int lo = 0;
    int hi = indexed.depth();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      PostingsIterator p = index.postings(Terms.path(indexed.prefix(mid).toString()));
      if (p != null && p.advance(best.docId()) == best.docId()) hi = mid;
      else lo = mid + 1;
    }
    return new Hit(best, indexed.prefix(hi));
  }

  /**
   * Whether path is read from hit by {@link #seek}: it is too long to have a term of its own (so
   * hit is its nearest indexed ancestor's record), and has no keyed segment below the record
   * (those are resolved on the record's tree).
   */
  public static boolean seeksFrom(Hit hit, KindedPath path) {
    if (path.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES) == path.depth()) return false;
    PathSegment[] segs = path.toArray();
    for (int i = hit.recordPath().depth(); i < segs.length; i++) {
      if (segs[i] instanceof PathSegment.Keyed) return false;
    }
    return true;
  }

  /**
   * A tokenizer over hit's record moved down to the node at path (below the record's path), or
   * null when the record lacks it: tokens are read and skipped, nothing is kept, so a node any
   * depth below its nearest indexed ancestor is found in bounded memory. Its current token is the
   * node's first; the caller closes it.
   */
  public static Tokenizer seek(BuildOutput out, Hit hit, KindedPath path) throws IOException {
    String file = out.sourceName(hit.doc().sourceId());
    SnapshotRecord span = new SnapshotRecord(file, SnapshotRecord.Kind.CONTAINER, null,
        hit.doc().offset(), hit.doc().length(), 0, null);
    Tokenizer t = Tokenizer.fromStream(SubDocumentBytes.open(span), hit.doc().offset(), file,
        TokenizerOptions.defaults());
    try {
      if (PathSeek.seek(t, path.toArray(), hit.recordPath().depth())) return t;
      t.close();
      return null;
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
  }
}
