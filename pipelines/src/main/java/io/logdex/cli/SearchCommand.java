package io.logdex.cli;

import io.logdex.format.index.DocRecord;
import io.logdex.format.index.Hit;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.QueryException;
import io.logdex.format.index.SortOrder;
import io.logdex.format.tree.Node;
import io.logdex.pipelines.EntryJson;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.RecordChecks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code logdex search}: query a build's index and print each hit with its entry read back from its log. */
final class SearchCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.query().value("index", "DIR").value("limit", "-n", "N").flag("count", "-c")
      .value("since", "T").value("until", "T").value("sort", "ORDER");

  static final int DEFAULT_LIMIT = 10;

  @Override
  public String name() {
    return "search";
  }

  @Override
  public String summary() {
    return "find entries by words, prefixes, phrases, fields (name:value), OR and -NOT in a built index";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex search --index=DIR [-n N] [-c] [--sort=ORDER] [--since=T] [--until=T] [--] QUERY...",
        "",
        "DIR is a 'logdex build' output. QUERY: terms separated by spaces are ANDed; 'a OR b';",
        "'-term' excludes; (parentheses) group; 'name:value' matches a top-level field in any case",
        "(op:get, commit:42), 'name:=Value' in exactly this case; other terms match words of string",
        "values; 'throt*' and 'file:dlio-unet3d*' match prefixes (at most "
            + IndexReader.MAX_PREFIX_TERMS + " terms); '\"offset 4097\"'",
        "matches those words in this order in one value. Typed numbers and times (top-level integers,",
        "RFC 3339 strings) take ranges: 'bytes:>=67108864', 'duration_ns:[1000000 TO 5000000000]',",
        "'start:[2025-10-09T10:42:00Z TO 2025-10-09T10:44:00.5Z}' ([ ] inclusive, { } exclusive, '*' open).",
        "Hits come best first by BM25 score when the query has words, else in index order; one JSON",
        "line each:",
        "  {\"source\": log file under DIR, \"offset\": record position, \"length\": payload bytes,",
        "   \"position\": record position, \"commit\": C, \"seq\": S, \"score\": BM25 score,",
        "   \"record\": the entry as JSON}",
        "or, for a snapshot sub-document, {\"source\": the snapshot, \"offset\", \"length\": its bytes there,",
        "   \"commit\"?: the snapshot's, \"score\", \"record\": the sub-document (omitted above 16 MiB)}",
        "",
        "  -n, --limit=N  at most N hits (default " + DEFAULT_LIMIT + ")",
        "  -c, --count    print only the number of hits",
        "  --sort=ORDER   score: BM25 (Lucene's, k1=1.2 b=0.75) over the query's words, best first;",
        "                 time: the record's own time, earliest first (untimed records last);",
        "                 index: index order, reading no further than N hits. Ties go in index",
        "                 order. Default: score when the query has words (outside -NOT), else index.",
        "  --since=T      only records whose own time (an s3dlio row's start, a log entry's timestamp)",
        "                 is at or after the RFC 3339 time T; --until=T: before T",
        "",
        CommandOptions.QUERY_ORDER.strip(),
        "",
        "Hits print as they are read (ranked ones once all matches are scored): a damaged log",
        "entry ends the output (exit 3) after the hits before it. Exit status 1 when nothing",
        "matches, 2 for a query with a mistake (its column is named) or a bad --sort.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    Path dir = IndexDirectory.of(a);
    long limit = a.getLong("limit", DEFAULT_LIMIT);
    if (limit < 0 || limit > Integer.MAX_VALUE) throw new UsageException("--limit must be between 0 and 2^31-1");
    if (a.positional().isEmpty() && !a.has("since") && !a.has("until")) throw new UsageException("missing QUERY");
    Query q = TimeWindow.query(a);
    SortOrder sort = SortOrder.defaultFor(q);
    if (a.has("sort")) {
      sort = SortOrder.parse(a.get("sort", null));
      if (sort == null) throw new UsageException("--sort must be score, time or index, not '" + a.get("sort", null) + "'");
    }
    try (BuildOutput index = BuildOutput.open(dir)) {
      RecordChecks checks = new RecordChecks(index);
      if (a.flag("count")) {
        long n = index.index().count(q, checks);
        out.println(n);
        return n > 0 ? ExitCode.OK : ExitCode.NOT_FOUND;
      }
      List<Hit> hits = index.index().search(q, (int) limit, checks, sort);
      for (Hit h : hits) out.println(EntryJson.json(hitNode(index, h.record(), h.score())));
      return hits.isEmpty() && limit > 0 ? ExitCode.NOT_FOUND : ExitCode.OK;
    } catch (QueryException e) {
      // A prefix that expands too far is the query's mistake, found only against the index.
      throw new UsageException(e.getMessage());
    }
  }

  /** Snapshot documents longer than this (container records span their subtree) print no record. */
  static final int MAX_RECORD_BYTES = 16 << 20;

  static Node hitNode(BuildOutput index, DocRecord r, float score) throws java.io.IOException {
    boolean snapshot = index.isSnapshot(r.sourceId());
    Node.ObjectBuilder b = Node.objectBuilder()
        .put("source", Node.string(index.sourceName(r.sourceId())))
        .put("offset", Node.integer(r.offset()))
        .put("length", Node.integer(r.length()));
    if (!snapshot) b.put("position", Node.integer(r.offset()));
    if (r.hasCommit()) b.put("commit", Node.integer(r.commit()));
    if (r.hasSeq()) b.put("seq", Node.integer(r.seq()));
    b.put("score", Node.floating(Float.toString(score)));
    Node record = snapshot ? index.snapshotNode(r, MAX_RECORD_BYTES) : EntryJson.node(index.entry(r));
    if (record != null) b.put("record", record);
    return b.build();
  }
}
