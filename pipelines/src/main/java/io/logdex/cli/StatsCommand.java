package io.logdex.cli;

import io.logdex.format.index.IndexStats;
import io.logdex.format.index.TermFreq;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code logdex stats}: a build's figures, from its manifests and dictionary footers only. */
final class StatsCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.query().value("index", "DIR").value("top", "N").value("field", "F").value("by", "G")
      .value("histogram", "W").value("since", "T").value("until", "T").flag("json");

  @Override
  public String name() {
    return "stats";
  }

  @Override
  public String summary() {
    return "counts, sizes and top terms of a built index (manifest and dictionaries only)";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex stats --index=DIR [--top=N]",
        "       logdex stats --index=DIR --field=F [--by=G] [--histogram=W] [--since=T] [--until=T] [--json] [--] [QUERY...]",
        "",
        "Without --field: prints 'name<TAB>value' lines: generation, counts, sizes, maxCommit, then the",
        "most frequent terms as 'term<TAB>docs<TAB>word:w | field:name:value | path:p'. Reads no",
        "postings and no logs.",
        "",
        "With --field: count, sum, min, max, p50, p90, p99, p999 of the typed numbers of field F",
        "(percentiles within 0.1%), over the docs of QUERY (search's syntax; default all), per value",
        "of the string field G, per W-wide bucket of the record's time (timestamp: an s3dlio row's",
        "start, a log entry's timestamp). Reads typed columns and postings, no record.",
        "",
        "  --top=N          top terms to list (default 20; at most what the build recorded)",
        "  --field=F        the numeric field to summarise, e.g. duration_ns",
        "  --by=G           one row per value of G, e.g. op",
        "  --histogram=W    one row per bucket of record time: 10s, 1m, 1h, ... (units ns us ms s m h d)",
        "  --since=T        only records at or after the RFC 3339 time T; --until=T: before T",
        "  --json           one JSON object per row: {\"time\"?, \"group\", \"count\", \"sum\", \"min\",",
        "                   \"max\", \"p50\", \"p90\", \"p99\", \"p999\"}",
        "",
        CommandOptions.QUERY_ORDER.replace("logdex search", "logdex stats"));
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    Path dir = IndexDirectory.of(a);
    if (a.has("field") || a.has("by") || a.has("histogram") || a.has("json")) return FieldStatsOutput.run(a, dir, out);
    long top = a.getLong("top", 20);
    if (top < 0) throw new UsageException("--top must not be negative");
    if (!a.positional().isEmpty()) throw new UsageException("unexpected argument " + a.positional().get(0));
    try (BuildOutput index = BuildOutput.open(dir)) {
      BuildManifest m = index.manifest();
      IndexStats s = index.index().stats();
      line(out, "generation", m.generation());
      line(out, "maxCommit", m.hasMaxCommit() ? Long.toString(m.maxCommit()) : "none");
      for (String c : List.of("inputs", "chunks", "inputRecords", "entries", "subDocuments", "badRecords", "skipped")) {
        line(out, c, Long.toString(m.count(c)));
      }
      line(out, "docs", Long.toString(s.docs()));
      line(out, "terms", Long.toString(s.terms()));
      line(out, "postings", Long.toString(s.postings()));
      line(out, "totalWords", Long.toString(s.totalWords()));
      line(out, "partitions", Integer.toString(s.partitions()));
      line(out, "indexBytes", Long.toString(s.totalBytes()));
      var outputs = m.node().get("outputs");
      line(out, "logBytes", outputs.get("logs").get("bytes").text());
      line(out, "deadLetterBytes", outputs.get("deadLetters").get("bytes").text());
      List<TermFreq> terms = s.topTerms();
      for (int i = 0; i < Math.min(top, terms.size()); i++) {
        out.printf(Locale.ROOT, "term\t%d\t%s%n", terms.get(i).docFreq(), terms.get(i).describe());
      }
    }
    return ExitCode.OK;
  }

  private static void line(PrintStream out, String name, String value) {
    out.print(name);
    out.print('\t');
    out.println(value);
  }
}
