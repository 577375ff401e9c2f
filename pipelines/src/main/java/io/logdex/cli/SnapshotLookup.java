package io.logdex.cli;

import io.logdex.format.FormatException;
import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.Terms;
import io.logdex.format.path.KindedPath;
import io.logdex.transforms.BuildOutput;
import java.io.IOException;

/**
 * Finds where a kinded path lives in an indexed snapshot. Every path inside a sub-document is
 * indexed with the sub-document's (offset, length) and every container too big to be one has
 * its own path term, so one term lookup finds the bytes to read, and a few more (at most the
 * path's depth) find which ancestor those bytes start at.
 */
final class SnapshotLookup {
  /** The record holding a path: its doc, and the path its bytes start at (an ancestor-or-self). */
  record Hit(DocRecord doc, KindedPath recordPath) {}

  private SnapshotLookup() {}

  /**
   * The snapshot record holding path, or null. When several snapshots hold it, the one with the
   * highest commit wins, then the one given last.
   */
  static Hit find(BuildOutput out, KindedPath path, long maxCommit) throws IOException {
    IndexReader index = out.index();
    PostingsIterator it = index.postings(Terms.path(path.toString()));
    if (it == null) return null;
    DocRecord best = null;
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      DocRecord r = index.docRecord(d);
      if (!out.isSnapshot(r.sourceId())) continue;
      long commit = r.hasCommit() ? r.commit() : Long.MIN_VALUE;
      if (commit != Long.MIN_VALUE && commit > maxCommit) continue;
      long bestCommit = best == null || !best.hasCommit() ? Long.MIN_VALUE : best.commit();
      if (best == null || commit >= bestCommit) best = r;
    }
    if (best == null) return null;
    // Every record indexes its own path and, for a sub-document, every path inside it; so the
    // shortest prefix of the path that the same record indexes is where its bytes start.
    for (int depth = 0; depth <= path.depth(); depth++) {
      KindedPath q = path.prefix(depth);
      PostingsIterator p = index.postings(Terms.path(q.toString()));
      if (p != null && p.advance(best.docId()) == best.docId()) return new Hit(best, q);
    }
    throw new FormatException("the index names snapshot record " + best.docId() + " for \"" + path
        + "\" but none of its ancestors", out.sourceName(best.sourceId()), best.offset());
  }
}
