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
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SubDocumentBytes;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.ChunkSummary;
import io.logdex.transforms.InputSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where a kinded path lives in an indexed snapshot. Snapshot path terms are sparse
 * (FORMAT.md, "Terms"): every record's root has one, and a node below it only when it ends at
 * least the span T past its parent's start; each term's payload is its node's own bytes. So the
 * path's prefixes are looked up from the deepest up until one has a term, and the path is walked
 * down from that node's bytes, token by token: fewer than T bytes for a node without a term. A
 * path too long for a term is reached the same way, from its nearest indexed ancestor.
 *
 * <p>Which snapshot is read is chosen before any path is looked up. Snapshots tagged with a commit
 * ({@code FILE@C}, and those {@code compact} writes) are states of one document: only the newest
 * one that applies is read, so a path deleted before it stays deleted instead of being found in an
 * older state. Untagged snapshots are documents of their own, looked up in turn.
 */
public final class SnapshotLookup {
  /**
   * A path's nearest indexed ancestor-or-self: its doc, with that node's own offset and length
   * (its path term's payload), and the node's path.
   */
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

  /**
   * Path's nearest indexed ancestor-or-self in the given snapshot input (see {@link #find(BuildOutput,
   * KindedPath, long[])}), or null when the input surely lacks path.
   */
  public static Hit find(BuildOutput out, KindedPath path, int input) throws IOException {
    List<Integer> ids = new ArrayList<>();
    for (ChunkSummary c : out.manifest().chunks()) {
      if (c.input() == input && out.isSnapshot(c.id())) ids.add(c.id());
    }
    long[] sources = new long[ids.size()];
    for (int i = 0; i < sources.length; i++) sources[i] = ids.get(i);
    Arrays.sort(sources);
    return find(out, path, sources);
  }

  /**
   * For {@code get}: the newest tagged snapshot and every untagged one; path's nearest indexed
   * ancestor in the tagged one if it holds path, else in the untagged ones, the last given first.
   * Whether a snapshot holds path is walked ({@link #holds}) for each but the last one tried,
   * whose hit is returned as is (the caller's walk finds whether path is there). Null when none
   * has it.
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
    List<Integer> tried = new ArrayList<>();
    if (newestTagged >= 0) tried.add(newestTagged);
    for (int i = inputs.size() - 1; i >= 0; i--) {
      InputSummary in = inputs.get(i);
      if (in.kind().equals(InputSummary.SNAPSHOT) && in.commit() == Long.MIN_VALUE) tried.add(in.index());
    }
    Hit last = null;
    for (int i = 0; i < tried.size(); i++) {
      Hit h = find(out, path, tried.get(i));
      if (h == null) continue;
      if (i == tried.size() - 1 || holds(out, h, path)) return h;
      last = h;
    }
    return last;
  }

  /**
   * The nearest indexed ancestor-or-self of path in the given sources (ascending source ids: the
   * chunks of one snapshot input), as a hit on that node's own bytes (its path term's payload), or
   * null; the last source's when several hold it. Snapshot path terms are sparse (FORMAT.md,
   * "Terms"), so prefixes are probed from the deepest within the term cap up, until one has a
   * term: a few lookups, since each unindexed level below the ancestor opens within the span T of
   * its start (at most one a byte: a chain of brackets packed into T bytes is the worst case). Each
   * probe skips to the sources' docId ranges ({@code sourceId << 40}), so the log entries a
   * shallow path holds ("" is in every diff) are never read one by one. The hit says nothing of
   * whether path itself exists below it; a walk from its bytes ({@link #seek}, {@link #holds})
   * does. Null when the ancestor found is bigger than a sub-document ({@code
   * maxSubDocumentBytes}) and the child on the way to path fits the cap: such an ancestor is a
   * container record whose children are all records with terms of their own, so the child is
   * absent, and its bytes are never walked.
   */
  private static Hit find(BuildOutput out, KindedPath path, long[] sources) throws IOException {
    IndexReader index = out.index();
    long[] payload = new long[IndexFormat.MAX_PAYLOAD_LONGS];
    int indexed = path.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES);
    for (int depth = indexed; depth >= 0; depth--) {
      KindedPath p = depth == path.depth() ? path : path.prefix(depth);
      PostingsIterator it = index.postings(Terms.path(p.toString()));
      if (it == null) continue;
      DocRecord best = null;
      long offset = 0;
      long length = 0;
      long d = -1;
      for (long source : sources) {
        long from = source << 40;
        long to = (source + 1) << 40;
        if (d < from) d = it.advance(from);
        if (d == DocIdIterator.NO_MORE_DOCS) break;
        if (d >= to) continue;
        DocRecord r = index.docRecord(d);
        if (it.payload(payload) != 2) {
          throw new IOException(out.sourceName(r.sourceId()) + ": the index's path term \"" + p
              + "\" has no node offsets; build the inputs again");
        }
        best = r;
        offset = payload[0];
        length = payload[1];
      }
      if (best == null) continue;
      if (depth < indexed && length > out.manifest().maxSubDocumentBytes()) return null;
      DocRecord node = new DocRecord(best.docId(), best.sourceId(), offset, length, best.wordCount(),
          best.commit(), best.seq());
      return new Hit(node, p);
    }
    return null;
  }

  /**
   * Whether path (hit's path or below it) exists in hit's snapshot: walked from hit's bytes,
   * through a tree only for a keyed segment (its bytes are a sub-document's at most).
   */
  public static boolean holds(BuildOutput out, Hit hit, KindedPath path) throws IOException {
    if (hit.recordPath().equals(path)) return true;
    if (seeksFrom(hit, path)) {
      try (Tokenizer t = seek(out, hit, path)) {
        return t != null;
      }
    }
    Node record = out.snapshotNode(hit.doc(), MAX_TREE_BYTES);
    return record != null && NodePaths.get(record, path.relativeTo(hit.recordPath())) != null;
  }

  /**
   * Bytes past which a node is not parsed into a tree to resolve a keyed segment below it; an
   * ancestor that bigger is a container record, whose children have path terms of their own.
   */
  private static final int MAX_TREE_BYTES = 16 << 20;

  /**
   * Whether path is read from hit by {@link #seek}: it lies below hit's node (an unindexed node,
   * or one too long to have a term of its own), and has no keyed segment below it (those are
   * resolved on the node's tree).
   */
  public static boolean seeksFrom(Hit hit, KindedPath path) {
    if (path.depth() == hit.recordPath().depth()) return false;
    PathSegment[] segs = path.toArray();
    for (int i = hit.recordPath().depth(); i < segs.length; i++) {
      if (segs[i] instanceof PathSegment.Keyed) return false;
    }
    return true;
  }

  /** Whether path is too long to have a path term of its own. */
  public static boolean overCap(KindedPath path) {
    return path.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES) < path.depth();
  }

  /**
   * The node at path below hit's node, parsed, or null when absent. For a node that is not
   * indexed, which is smaller than the span T, or any node within a sub-document: the walk from
   * hit's start reads fewer than T bytes before it, for an unindexed one.
   */
  public static Node read(BuildOutput out, Hit hit, KindedPath path) throws IOException {
    try (Tokenizer t = seek(out, hit, path)) {
      return t == null ? null : TreeParser.parseCurrent(t);
    }
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
        out.snapshotReading(hit.doc().sourceId()));
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
