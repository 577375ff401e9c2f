package io.logdex.cli;

import io.logdex.format.index.Query;
import io.logdex.format.index.TypedValues;
import io.logdex.pipelines.EntryJson;
import io.logdex.transforms.BuildOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Prints {@link FieldStats} rows as a tab-separated table or as JSON lines. */
final class FieldStatsOutput {
  private FieldStatsOutput() {}

  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
  private static final String[] NAMES = {"p50", "p90", "p99", "p999"};

  static int run(Args a, Path dir, PrintStream out) throws Exception {
    if (!a.has("field")) throw new UsageException("--by, --histogram and --json need --field");
    String field = a.get("field", "");
    String by = a.has("by") ? a.get("by", "") : null;
    long width = a.has("histogram") ? FieldStats.width(a.get("histogram", "")) : 0;
    boolean json = a.flag("json");
    Query q = TimeWindow.query(a);
    FieldStats.refuseRecordQueries(q, "stats");
    FieldStats s = new FieldStats();
    try (BuildOutput index = BuildOutput.open(dir)) {
      s.runQuery(index, field, q, by, width);
    }
    if (!json) {
      out.println((width > 0 ? "time\t" : "") + "group\tcount\tsum\tmin\tmax\tp50\tp90\tp99\tp999");
    }
    for (Map.Entry<FieldStats.Key, Percentiles> e : s.rows.entrySet()) {
      FieldStats.Key k = e.getKey();
      Percentiles p = e.getValue();
      String group = s.groupName(k);
      long[] qs = p.quantiles(QUANTILES);
      StringBuilder sb = new StringBuilder(160);
      if (json) {
        sb.append('{');
        if (width > 0) sb.append("\"time\":\"").append(TypedValues.formatTime(k.bucket())).append("\",");
        sb.append("\"group\":").append(group == null ? "null" : EntryJson.json(io.logdex.format.tree.Node.string(group)));
        sb.append(",\"count\":").append(p.count).append(",\"sum\":").append(p.sum())
            .append(",\"min\":").append(p.min).append(",\"max\":").append(p.max);
        for (int i = 0; i < QUANTILES.length; i++) sb.append(",\"").append(NAMES[i]).append("\":").append(qs[i]);
        sb.append('}');
      } else {
        if (width > 0) sb.append(TypedValues.formatTime(k.bucket())).append('\t');
        sb.append(group == null ? "*" : group).append('\t').append(p.count).append('\t').append(p.sum())
            .append('\t').append(p.min).append('\t').append(p.max);
        for (long v : qs) sb.append('\t').append(v);
      }
      out.println(sb);
    }
    return s.rows.isEmpty() ? ExitCode.NOT_FOUND : ExitCode.OK;
  }
}
