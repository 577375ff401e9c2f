package io.logdex.cli;

import io.logdex.format.index.ColumnCursor;
import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.QueryException;
import io.logdex.format.index.TermCursor;
import io.logdex.format.index.Terms;
import io.logdex.format.index.TypedValues;
import io.logdex.format.tree.Node;
import io.logdex.transforms.BuildOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * {@code logdex stats --field=F [--by=G] [--histogram=W] [QUERY]}: per group (and time bucket) the
 * count, sum, min, max and percentiles of F, read from the typed column of F alone, without a
 * record: the query's docs come from postings and columns, a doc's group from the postings of G's
 * field terms (walked alongside in docId order, through a heap), its bucket from the typed {@code
 * timestamp} column. Memory is one histogram per (bucket, group), never per doc.
 */
final class FieldStats {
  /** One output row: a bucket start (or Long.MIN_VALUE without --histogram) and a group. */
  record Key(long bucket, int group) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(bucket, o.bucket);
      return c != 0 ? c : Integer.compare(group, o.group);
    }
  }

  private static final class Group {
    final String term; // G's value as the index holds it (lowercased)
    final DocIdIterator postings;
    final int index;
    long firstDoc = -1;

    Group(String term, DocIdIterator postings, int index) {
      this.index = index;
      this.term = term;
      this.postings = postings;
    }
  }

  final TreeMap<Key, Percentiles> rows = new TreeMap<>();
  final List<String> groupNames = new ArrayList<>();

  /**
   * Refuses, before any scan, a user's query that needs records read (a phrase, a {@code :=}
   * value): a usage error naming what refuses it (e.g. "stats").
   */
  static void refuseRecordQueries(Query filter, String what) {
    if (filter != null && IndexReader.needsRecords(filter)) {
      throw new UsageException(what + " takes no phrases or ':=' values (they need every record read)");
    }
  }

  /** As {@link #run}, with a query the index cannot answer reported as a usage error. */
  void runQuery(BuildOutput out, String field, Query filter, String by, long width) throws IOException {
    try {
      run(out, field, filter, by, width);
    } catch (QueryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A row's group as printed: G's value, or null for the one group without --by. */
  String groupName(Key k) {
    return k.group() < 0 ? null : groupNames.get(k.group());
  }

  /**
   * Scans F's column over the docs of filter (null: all), grouping by the field terms of by (null:
   * one group) and bucketing the docs' {@code timestamp} by width nanoseconds (0: no buckets).
   */
  void run(BuildOutput out, String field, Query filter, String by, long width) throws IOException {
    IndexReader index = out.index();
    ColumnCursor values = index.columns().cursor(field, TypedValues.NUMBER);
    if (values == null) {
      throw new UsageException("the index holds no typed numbers of field '" + field + "'");
    }
    DocIdIterator docs = filter == null ? null : index.iterator(filter);
    ColumnCursor times = null;
    if (width > 0) {
      times = index.columns().cursor("timestamp", TypedValues.TIME);
      if (times == null) throw new UsageException("the index holds no record times for --histogram");
    }
    List<Group> groups = new ArrayList<>();
    PriorityQueue<Group> heap = new PriorityQueue<>((a, b) -> Long.compare(a.postings.docId(), b.postings.docId()));
    if (by != null) {
      byte[] prefix = Terms.field(by, "");
      TermCursor c = index.termsWithPrefix(prefix);
      while (c.next()) {
        if (groups.size() == IndexReader.MAX_PREFIX_TERMS) {
          throw new UsageException("--by=" + by + " has more than " + IndexReader.MAX_PREFIX_TERMS + " values");
        }
        byte[] t = c.term();
        Group g = new Group(new String(t, prefix.length, t.length - prefix.length, StandardCharsets.UTF_8), c.postings(), groups.size());
        groups.add(g);
        if (g.postings.nextDoc() != DocIdIterator.NO_MORE_DOCS) heap.add(g);
      }
      if (groups.isEmpty()) {
        throw new UsageException("--by=" + by + ": the index holds no field terms of '" + by
            + "' (a field kept as typed numbers or times cannot group)");
      }
    }
    for (long d = values.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = values.nextDoc()) {
      if (docs != null) {
        long f = docs.docId() >= d ? docs.docId() : docs.advance(d);
        if (f == DocIdIterator.NO_MORE_DOCS) break;
        if (f != d) {
          // Let the sparser side lead: jump the column to the filter's next doc.
          d = values.advance(f);
          if (d == DocIdIterator.NO_MORE_DOCS) break;
          if (d != f) continue;
        }
      }
      int group = -1;
      if (by != null) {
        while (!heap.isEmpty() && heap.peek().postings.docId() < d) {
          Group g = heap.poll();
          if (g.postings.advance(d) != DocIdIterator.NO_MORE_DOCS) heap.add(g);
        }
        if (heap.isEmpty() || heap.peek().postings.docId() != d) continue; // no value of G
        Group g = heap.peek();
        group = g.index;
        if (g.firstDoc < 0) g.firstDoc = d;
      }
      long bucket = Long.MIN_VALUE;
      if (times != null) {
        if (times.advance(d) != d) continue; // no record time
        bucket = Math.floorDiv(times.value(), width) * width;
      }
      row(bucket, group, groups.size()).add(values.value());
    }
    for (Group g : groups) groupNames.add(label(out, by, g));
  }

  private long cachedBucket = Long.MIN_VALUE;
  private Percentiles[] cache;

  /** The row of (bucket, group): per group an array slot for the current bucket, not a map lookup per doc. */
  private Percentiles row(long bucket, int group, int groups) {
    if (cache == null) cache = new Percentiles[groups + 1];
    if (bucket != cachedBucket) {
      cachedBucket = bucket;
      java.util.Arrays.fill(cache, null);
    }
    Percentiles p = cache[group + 1];
    if (p == null) {
      p = rows.computeIfAbsent(new Key(bucket, group), k -> new Percentiles());
      cache[group + 1] = p;
    }
    return p;
  }

  /** G's value as the group's first record spells it (the index holds it lowercased). */
  private static String label(BuildOutput out, String by, Group g) throws IOException {
    if (g.firstDoc < 0) return g.term;
    DocRecord r = out.index().docRecord(g.firstDoc);
    if (r == null || out.isSnapshot(r.sourceId())) return g.term;
    Node diff = out.entry(r).diff();
    Node v = diff.isObject() ? diff.get(by) : null;
    return v != null && !v.isContainer() && v.text().equalsIgnoreCase(g.term) ? v.text() : g.term;
  }

  /** Parses a bucket width: a positive integer and a unit, ns us ms s m h d. */
  static long width(String text) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
    if (i == 0 || i > 12) throw new UsageException("--histogram takes a width such as 10s, 1m, 1h: " + text);
    long n = Long.parseLong(text.substring(0, i));
    long unit;
    switch (text.substring(i)) {
      case "ns": unit = 1L; break;
      case "us": unit = 1_000L; break;
      case "ms": unit = 1_000_000L; break;
      case "s": unit = 1_000_000_000L; break;
      case "m": unit = 60_000_000_000L; break;
      case "h": unit = 3_600_000_000_000L; break;
      case "d": unit = 86_400_000_000_000L; break;
      default: throw new UsageException("--histogram takes a width such as 10s, 1m, 1h: " + text);
    }
    if (n == 0 || n > Long.MAX_VALUE / unit) throw new UsageException("--histogram width out of range: " + text);
    return n * unit;
  }
}
