package io.logdex.cli;

import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.Terms;
import io.logdex.format.index.TypedValues;
import io.logdex.transforms.BuildOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code stats --field=F --by=G}'s rows with log-scaled buckets, for the server's {@code
 * /api/histogram}: the same parsing ({@link TimeWindow}, search's query syntax) and the same scan
 * ({@link FieldStats}, {@link Percentiles}), so its figures are stats' figures. Bad input is a
 * {@link UsageException}; a field the index does not hold is {@link MissingField}.
 */
public final class FieldHistogram {
  /** The most buckets a group is split into. */
  public static final int MAX_BUCKETS = 1000;

  /** [lo, hi) (the last bucket [lo, hi]) and how many values fell in it. */
  public record Bucket(long lo, long hi, long count) {}

  /** One group's figures as {@code stats --json} prints them, and its buckets. */
  public record Group(String group, long count, String sum, long min, long max, long p50, long p90, long p99,
      long p999, List<Bucket> buckets) {}

  /** The index holds no typed numbers of the field, or no field terms to group by. */
  public static final class MissingField extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingField(String message) {
      super(message);
    }
  }

  private FieldHistogram() {}

  /**
   * The groups (by G's values, or one group named null) of F over the docs of query (null: all)
   * within [since, until) (either null), each split into at most buckets buckets.
   */
  public static List<Group> of(BuildOutput out, String field, String by, String query, String since, String until,
      int buckets) throws IOException {
    if (buckets < 1 || buckets > MAX_BUCKETS) throw new UsageException("buckets must be between 1 and " + MAX_BUCKETS);
    checkName("field", field);
    if (by != null) checkName("by", by);
    Query q;
    try {
      q = query == null || query.isBlank() ? null : Query.parse(query);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    q = TimeWindow.apply(q, since, until, "");
    FieldStats.refuseRecordQueries(q, "a histogram");
    IndexReader index = out.index();
    if (index.columns().cursor(field, TypedValues.NUMBER) == null) {
      throw new MissingField("the index holds no typed numbers of field '" + Main.oneLine(field) + "'");
    }
    if (by != null && !index.termsWithPrefix(Terms.field(by, "")).next()) {
      throw new MissingField("the index holds no field terms of '" + Main.oneLine(by) + "' to group by");
    }
    FieldStats s = new FieldStats();
    s.runQuery(out, field, q, by, 0);
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<FieldStats.Key, Percentiles> e : s.rows.entrySet()) {
      Percentiles p = e.getValue();
      long[] edges = LogBuckets.edges(p.min, p.max, buckets);
      long[] counts = p.counts(edges);
      List<Bucket> list = new ArrayList<>(counts.length);
      for (int i = 0; i < counts.length; i++) list.add(new Bucket(edges[i], edges[i + 1], counts[i]));
      long[] qs = p.quantiles(new double[] {0.5, 0.9, 0.99, 0.999});
      groups.add(new Group(s.groupName(e.getKey()), p.count, p.sum(), p.min, p.max, qs[0], qs[1], qs[2], qs[3],
          List.copyOf(list)));
    }
    return groups;
  }

  /** A field name as the index keeps them: non-empty, no ':', at most 256 bytes. */
  private static void checkName(String param, String name) {
    try {
      Terms.field(name, "");
    } catch (IllegalArgumentException e) {
      throw new UsageException(param + ": " + Main.oneLine(e.getMessage()));
    }
  }
}
