package io.logdex.cli;

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
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code logdex stats --field=F [--by=G] [--histogram=W] [QUERY]}: per group (and time bucket) the
 * count, sum, min, max and percentiles of F, read from the typed column of F alone, without a
 * record: the query's docs come from postings and columns, a doc's group from the postings of G's
 * field terms (a window of docIds at a time, {@link DocGroups}), its bucket from the typed {@code
 * timestamp} column. The column's blocks are cut into slices scanned on threads of their own
 * ({@link FieldScan}); their rows merge exactly, so the figures do not depend on the slicing.
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

  /** Fewest column blocks (of 1024 values) worth a thread of their own. */
  static final int MIN_SLICE_BLOCKS = 256;
  /**
   * Above this many groups the scan stays on one thread: every slice keeps a histogram per group
   * it meets (up to ~200 KiB each), so slices would multiply the memory of a wide --by.
   */
  static final int MAX_SLICED_GROUPS = 256;

  final TreeMap<Key, Percentiles> rows = new TreeMap<>();
  final List<String> groupNames = new ArrayList<>();
  private final int slices; // 0: as many as the cores and the column's size allow

  FieldStats() {
    this(0);
  }

  /** A scan cut into exactly min(slices, blocks) slices (tests); 0 chooses by the machine. */
  FieldStats(int slices) {
    this.slices = slices;
  }

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
    int blocks = index.columns().blockCount(field, TypedValues.NUMBER);
    if (blocks == 0) {
      throw new UsageException("the index holds no typed numbers of field '" + field + "'");
    }
    if (width > 0 && !index.columns().has("timestamp", TypedValues.TIME)) {
      throw new UsageException("the index holds no record times for --histogram");
    }
    List<String> terms = new ArrayList<>();
    List<List<DocIdIterator>> postings = new ArrayList<>(); // per term, one per slice
    int n = slices > 0 ? Math.min(slices, blocks) : 1;
    if (by != null) {
      byte[] prefix = Terms.field(by, "");
      TermCursor c = index.termsWithPrefix(prefix);
      List<byte[]> found = new ArrayList<>();
      List<DocIdIterator> first = new ArrayList<>(); // the cursor's own, for the first slice
      while (c.next()) {
        if (found.size() == IndexReader.MAX_PREFIX_TERMS) {
          throw new UsageException("--by=" + by + " has more than " + IndexReader.MAX_PREFIX_TERMS + " values");
        }
        found.add(c.term());
        first.add(c.postings());
      }
      if (found.isEmpty()) {
        throw new UsageException("--by=" + by + ": the index holds no field terms of '" + by
            + "' (a field kept as typed numbers or times cannot group)");
      }
      if (slices == 0) n = autoSlices(blocks, found.size());
      for (int i = 0; i < found.size(); i++) {
        byte[] t = found.get(i);
        terms.add(new String(t, prefix.length, t.length - prefix.length, StandardCharsets.UTF_8));
        List<DocIdIterator> perSlice = new ArrayList<>(n);
        perSlice.add(first.get(i));
        for (int k = 1; k < n; k++) perSlice.add(index.postings(t));
        postings.add(perSlice);
      }
    } else if (slices == 0) {
      n = autoSlices(blocks, 0);
    }
    List<FieldScan> scans = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      DocIdIterator[] g = null;
      if (by != null) {
        g = new DocIdIterator[terms.size()];
        for (int i = 0; i < g.length; i++) g[i] = postings.get(i).get(k);
      }
      scans.add(new FieldScan(index, field, filter, g, width, (int) ((long) blocks * k / n),
          (int) ((long) blocks * (k + 1) / n)));
    }
    long[] firstDoc = new long[terms.size()];
    java.util.Arrays.fill(firstDoc, -1);
    for (FieldScan s : Slices.run(scans)) {
      for (Map.Entry<Key, Percentiles> e : s.rows.entrySet()) {
        Percentiles p = rows.get(e.getKey());
        if (p == null) rows.put(e.getKey(), e.getValue());
        else p.merge(e.getValue());
      }
      for (int g = 0; g < firstDoc.length; g++) {
        if (firstDoc[g] < 0 || (s.firstDoc[g] >= 0 && s.firstDoc[g] < firstDoc[g])) firstDoc[g] = s.firstDoc[g];
      }
    }
    for (int g = 0; g < terms.size(); g++) groupNames.add(label(out, by, terms.get(g), firstDoc[g]));
  }

  /** One slice per core, but none under {@link #MIN_SLICE_BLOCKS} blocks, and one for a wide --by. */
  private static int autoSlices(int blocks, int groups) {
    if (groups > MAX_SLICED_GROUPS) return 1;
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(cores, blocks / MIN_SLICE_BLOCKS));
  }

  /** G's value as the group's first record spells it (the index holds it lowercased). */
  private static String label(BuildOutput out, String by, String term, long firstDoc) throws IOException {
    if (firstDoc < 0) return term;
    DocRecord r = out.index().docRecord(firstDoc);
    if (r == null || out.isSnapshot(r.sourceId())) return term;
    Node diff = out.entry(r).diff();
    Node v = diff.isObject() ? diff.get(by) : null;
    return v != null && !v.isContainer() && v.text().equalsIgnoreCase(term) ? v.text() : term;
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
