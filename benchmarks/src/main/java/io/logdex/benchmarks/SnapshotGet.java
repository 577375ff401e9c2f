package io.logdex.benchmarks;

import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.Terms;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.transforms.BuildOutput;
import java.io.IOException;

/**
 * {@code logdex get} through public APIs only, for timing it warm on an open build: the CLI's
 * lookup (io.logdex.cli.SnapshotLookup, package-private) is the same steps. One path-term lookup
 * finds the record holding the path, at most depth more find the path its bytes start at, then
 * those bytes are read from the snapshot and parsed. Records over 16 MiB (which the CLI streams)
 * give null here.
 */
final class SnapshotGet {
  private static final int PARSE_LIMIT = 16 << 20;

  private SnapshotGet() {}

  static Node get(BuildOutput out, KindedPath path) throws IOException {
    IndexReader index = out.index();
    PostingsIterator it = index.postings(Terms.path(path.toString()));
    if (it == null) return null;
    DocRecord best = null;
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      DocRecord r = index.docRecord(d);
      if (!out.isSnapshot(r.sourceId())) continue;
      long commit = r.hasCommit() ? r.commit() : Long.MIN_VALUE;
      long bestCommit = best == null || !best.hasCommit() ? Long.MIN_VALUE : best.commit();
      if (best == null || commit >= bestCommit) best = r;
    }
    if (best == null) return null;
    for (int depth = 0; depth <= path.depth(); depth++) {
      KindedPath q = path.prefix(depth);
      PostingsIterator p = index.postings(Terms.path(q.toString()));
      if (p != null && p.advance(best.docId()) == best.docId()) {
        Node record = out.snapshotNode(best, PARSE_LIMIT);
        return record == null ? null : NodePaths.get(record, path.relativeTo(q));
      }
    }
    return null;
  }
}
