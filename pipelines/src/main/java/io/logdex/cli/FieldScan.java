package io.logdex.cli;

import io.logdex.format.index.ColumnBlockReader;
import io.logdex.format.index.ColumnCursor;
import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.TypedValues;
import java.io.IOException;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * One slice of a {@link FieldStats} scan: blocks [from, to) of F's column, decoded a block at a
 * time, with iterators of its own (the query's docs, the groups' postings, the record times), so
 * slices run on threads of their own and their rows are merged after. Memory: one histogram per
 * (bucket, group) the slice meets, never per doc.
 */
final class FieldScan implements Callable<FieldScan> {
  final TreeMap<FieldStats.Key, Percentiles> rows = new TreeMap<>();
  /** Per group, the first doc of the slice counted in it (-1: none), which names the group. */
  final long[] firstDoc;

  private final IndexReader index;
  private final String field;
  private final Query filter;
  private final DocIdIterator[] groupPostings;
  private final long width;
  private final int from;
  private final int to;

  /** groupPostings: per group of --by, postings for this slice alone (null without --by). */
  FieldScan(IndexReader index, String field, Query filter, DocIdIterator[] groupPostings, long width, int from, int to) {
    this.index = index;
    this.field = field;
    this.filter = filter;
    this.groupPostings = groupPostings;
    this.width = width;
    this.from = from;
    this.to = to;
    this.firstDoc = new long[groupPostings == null ? 0 : groupPostings.length];
    Arrays.fill(firstDoc, -1);
  }

  @Override
  public FieldScan call() throws IOException {
    ColumnBlockReader values = index.columns().blocks(field, TypedValues.NUMBER, from, to);
    DocIdIterator docs = filter == null ? null : index.iterator(filter);
    ColumnCursor times = width > 0 ? index.columns().cursor("timestamp", TypedValues.TIME) : null;
    DocGroups groups = groupPostings == null ? null : new DocGroups(groupPostings);
    int n;
    long target = -1;
    while ((n = values.next(target)) > 0) {
      long[] d = values.docs();
      long[] v = values.values();
      for (int i = 0; i < n; i++) {
        long doc = d[i];
        if (docs != null) {
          long f = docs.docId() >= doc ? docs.docId() : docs.advance(doc);
          if (f == DocIdIterator.NO_MORE_DOCS) return this;
          if (f != doc) continue;
        }
        int group = -1;
        if (groups != null) {
          group = groups.of(doc);
          if (group < 0) continue; // no value of G
          if (firstDoc[group] < 0) firstDoc[group] = doc;
        }
        long bucket = Long.MIN_VALUE;
        if (times != null) {
          if (times.advance(doc) != doc) continue; // no record time
          bucket = Math.floorDiv(times.value(), width) * width;
        }
        row(bucket, group).add(v[i]);
      }
      // The blocks that end before the query's next doc are skipped on their entries.
      if (docs != null) target = docs.docId();
    }
    return this;
  }

  private long cachedBucket = Long.MIN_VALUE;
  private Percentiles[] cache;

  /** The row of (bucket, group): per group an array slot for the current bucket, not a map lookup per doc. */
  private Percentiles row(long bucket, int group) {
    if (cache == null) cache = new Percentiles[firstDoc.length + 1];
    if (bucket != cachedBucket) {
      cachedBucket = bucket;
      Arrays.fill(cache, null);
    }
    Percentiles p = cache[group + 1];
    if (p == null) {
      p = rows.computeIfAbsent(new FieldStats.Key(bucket, group), k -> new Percentiles());
      cache[group + 1] = p;
    }
    return p;
  }
}
