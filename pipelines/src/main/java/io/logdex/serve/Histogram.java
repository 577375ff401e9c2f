package io.logdex.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logdex.cli.FieldHistogram;
import io.logdex.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/histogram?field=F&by=G&q=Q&since=T&until=T&buckets=N}: per value of G, F's count,
 * sum, min, max, percentiles and N log-scaled buckets over the docs of Q in [T, T), from {@link
 * FieldHistogram} (what {@code logdex stats --field=F --by=G --json} prints, plus the buckets).
 * Every parameter is checked before the index is read: bad input 400, a field the index does not
 * hold 404.
 */
final class Histogram {
  static final Set<String> PARAMS = Set.of("field", "by", "q", "since", "until", "buckets");
  static final int DEFAULT_BUCKETS = 20;
  private static final JsonFactory JSON = new JsonFactory();

  private Histogram() {}

  static byte[] answer(IndexPool pool, Params p) throws Exception {
    String field = p.get("field", null);
    if (field == null || field.isEmpty()) throw new Api.HttpError(400, "missing field (a numeric field, e.g. duration_ns)");
    String by = p.get("by", null);
    if (by != null && by.isEmpty()) by = null;
    int buckets = (int) p.number("buckets", DEFAULT_BUCKETS, 1, FieldHistogram.MAX_BUCKETS);
    String q = p.get("q", null);
    String since = p.get("since", null);
    String until = p.get("until", null);
    String group = by;
    List<FieldHistogram.Group> groups;
    try {
      groups = pool.with(out -> FieldHistogram.of(out, field, group, q, since, until, buckets));
    } catch (UsageException e) {
      throw new Api.HttpError(400, Params.oneLine(e.getMessage()));
    } catch (FieldHistogram.MissingField e) {
      throw new Api.HttpError(404, Params.oneLine(e.getMessage()));
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(b)) {
      g.writeStartObject();
      g.writeStringField("field", field);
      if (by == null) g.writeNullField("by");
      else g.writeStringField("by", by);
      g.writeArrayFieldStart("groups");
      for (FieldHistogram.Group x : groups) write(g, x);
      g.writeEndArray();
      g.writeEndObject();
    }
    return b.toByteArray();
  }

  private static void write(JsonGenerator g, FieldHistogram.Group x) throws IOException {
    g.writeStartObject();
    if (x.group() == null) g.writeNullField("group");
    else g.writeStringField("group", x.group());
    g.writeNumberField("count", x.count());
    g.writeFieldName("sum");
    g.writeNumber(new BigInteger(x.sum()));
    g.writeNumberField("min", x.min());
    g.writeNumberField("max", x.max());
    g.writeNumberField("p50", x.p50());
    g.writeNumberField("p90", x.p90());
    g.writeNumberField("p99", x.p99());
    g.writeNumberField("p999", x.p999());
    g.writeArrayFieldStart("buckets");
    for (FieldHistogram.Bucket k : x.buckets()) {
      g.writeStartObject();
      g.writeNumberField("lo", k.lo());
      g.writeNumberField("hi", k.hi());
      g.writeNumberField("count", k.count());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
