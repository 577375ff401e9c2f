package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logdex.format.encode.ByteCounter;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.Hit;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.Terms;
import io.logdex.format.tree.Node;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SubDocumentBytes;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.samples.DocFormat;
import io.logdex.samples.SnapshotGenerator;
import io.logdex.transforms.BuildOutput;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * End-to-end snapshot indexing, logdex against Lucene 9 in the same JVM and run, plus {@code get}
 * against jq. logdex's build pipeline (DirectRunner, in-process, = {@code logdex build
 * --snapshots=FILE}) cuts the snapshot into sub-documents and indexes them; Lucene then indexes
 * exactly those sub-documents, one document each (words of their string values as a TextField
 * under StandardAnalyzer, top-level scalar fields as StringFields, the record's bytes stored),
 * with 2 threads on one IndexWriter. logdex's index also holds every path of every sub-document
 * (for get), which Lucene's does not; Lucene's holds a compressed copy of the records, which
 * logdex reads from the snapshot instead. Lucene cannot cut a JSON document into records
 * itself, so it is handed the (offset, length) of every sub-document logdex indexed, found untimed
 * after the logdex build, and reads each record's bytes from the snapshot inside its timed ingest:
 * the cut is logdex's cost only, which favours Lucene.
 *
 * <p>Then both answer the same 2-term AND queries (count; first 10 hits with their records), and
 * {@code get} of paths at the start, middle and end of the file is timed three ways: through the
 * Java API on an open build (warm), as a whole CLI process, and as {@code jq -c 'getpath(...)'}.
 *
 * <p>Usage: {@code SnapshotVsLucene SIZE|FILE WORKDIR [--queries=w1 w2,w3 w4] [--get-reps=3]
 * [--logdex-cli=COMMAND]}. SIZE (e.g. 20m, 1g) generates WORKDIR/snapshot-SIZE.json (seed 1,
 * compact JSON) unless it exists; FILE takes a JSON snapshot as is. WORKDIR must not hold a
 * previous run's logdex/ or lucene/. --logdex-cli is the CLI to time (e.g. {@code bin/logdex});
 * by default {@code java -cp <this JVM's classpath> io.logdex.cli.Main} with bin/logdex's flags,
 * which avoids bin/logdex rebuilding with Maven when sources are newer than its classpath.
 */
public final class SnapshotVsLucene {
  private static final int WARMUP = 100;
  private static final int RUNS = 31;
  private static final int TOP = 10;
  private static final int GET_WARMUP = 50;
  private static final JsonFactory JSON = new JsonFactory();

  private SnapshotVsLucene() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SnapshotVsLucene SIZE|FILE WORKDIR [--queries=w1 w2,w3 w4] [--get-reps=3] [--logdex-cli=CMD]");
      System.exit(2);
    }
    Path work = Path.of(args[1]).toAbsolutePath();
    List<String> queries = List.of("postgres redis", "liveness healthz");
    int getReps = 3;
    String cli = null;
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--queries=")) queries = List.of(a.substring(10).split(","));
      else if (a.startsWith("--get-reps=")) getReps = Integer.parseInt(a.substring(11));
      else if (a.startsWith("--logdex-cli=")) cli = a.substring(13);
      else throw new IllegalArgumentException("unknown argument " + a);
    }
    Files.createDirectories(work);
    Path snapshot = snapshot(args[0], work);
    long snapBytes = Files.size(snapshot);
    Path logdexDir = work.resolve("logdex");
    Path luceneDir = work.resolve("lucene");
    Path spans = work.resolve("subdocs.spans");
    if (Files.exists(luceneDir) || Files.exists(logdexDir)) {
      throw new IllegalStateException("remove the previous run's " + logdexDir + " and " + luceneDir);
    }

    String[] argv = {
      "--snapshots=" + snapshot, "--output=" + logdexDir, "--runner=DirectRunner",
      "--enforceImmutability=false", "--enforceEncodability=false"
    };
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    LogdexBuildOptions options = PipelineOptionsFactory.fromArgs(argv).as(LogdexBuildOptions.class);
    long cap = BuildJob.config(options).maxSubDocumentBytes();
    long t0 = System.nanoTime();
    BuildJob.run(options, null);
    long logdexNanos = System.nanoTime() - t0;
    long logdexBytes;
    long docs;
    try (BuildOutput b = BuildOutput.open(logdexDir)) {
      logdexBytes = Medians.dirBytes(b.generationDir().resolve("index"));
      docs = b.index().stats().docs();
    }
    System.out.printf("logdex build %.2f s, index %,d bytes, %,d docs%n", logdexNanos / 1e9, logdexBytes, docs);

    t0 = System.nanoTime();
    long[] sub = writeSpans(logdexDir, cap, spans);
    System.out.printf("(untimed) listed %,d sub-documents (%,d bytes) of the %,d docs in %.2f s%n",
        sub[0], sub[1], docs, (System.nanoTime() - t0) / 1e9);

    long luceneNanos = luceneIngest(snapshot, spans, luceneDir);
    long luceneBytes = Medians.dirBytes(luceneDir);
    System.out.printf("lucene ingest %.2f s, %,d bytes%n", luceneNanos / 1e9, luceneBytes);

    List<long[]> lucene = new ArrayList<>();
    List<long[]> logdex = new ArrayList<>();
    try (FSDirectory d = FSDirectory.open(luceneDir); DirectoryReader r = DirectoryReader.open(d);
        BuildOutput b = BuildOutput.open(logdexDir)) {
      IndexSearcher s = new IndexSearcher(r);
      s.setQueryCache(null);
      for (String qs : queries) {
        lucene.add(luceneQuery(s, qs));
        logdex.add(logdexQuery(b, qs, cap));
      }
    }

    List<GetProbe.Target> targets = GetProbe.targets(snapshot, JSON);
    List<GetProbe.Result> gets = new ArrayList<>();
    try (BuildOutput b = BuildOutput.open(logdexDir)) {
      for (GetProbe.Target t : targets) {
        long[] m = Medians.median("logdex get " + t.kindedPath(), GET_WARMUP, RUNS, () -> apiGet(b, t));
        gets.add(new GetProbe.Result(t, m[0], m[1]));
      }
    }
    List<String> cliCommand = cli != null ? List.of(cli.split(" ")) : GetProbe.defaultCli();
    for (GetProbe.Result g : gets) {
      g.cli = GetProbe.time(getReps, GetProbe.cliGet(cliCommand, logdexDir, g.target.kindedPath()), work);
      g.jq = GetProbe.time(getReps, GetProbe.jqGet(snapshot, g.target.jqPath()), work);
    }

    System.out.printf("%nsnapshot %s, %,d bytes; %,d logdex docs, %,d sub-documents indexed by both%n",
        snapshot, snapBytes, docs, sub[0]);
    System.out.printf("%-34s %14s %14s %10s%n", "", "Lucene 9.12.1", "logdex", "logdex/Luc");
    row("build wall (s)", luceneNanos / 1e9, logdexNanos / 1e9, "%14.2f");
    row("build MB/s of snapshot", snapBytes / 1e6 / (luceneNanos / 1e9), snapBytes / 1e6 / (logdexNanos / 1e9), "%14.1f");
    row("index on disk (MB)", luceneBytes / 1e6, logdexBytes / 1e6, "%14.1f");
    for (int i = 0; i < queries.size(); i++) {
      long[] lu = lucene.get(i);
      long[] lx = logdex.get(i);
      System.out.printf("query \"%s\": Lucene count %,d, logdex count %,d%s%n", queries.get(i), lu[1], lx[1],
          lu[1] == lx[1] ? "" : "  (differ: StandardAnalyzer and logdex's word rule split some values differently)");
      row("  AND count, median us", lu[0] / 1e3, lx[0] / 1e3, "%14.1f");
      row("  top-10 + record bytes, median us", lu[2] / 1e3, lx[4] / 1e3, "%14.1f");
      row("  top-10 + parsed records, median us", lu[2] / 1e3, lx[2] / 1e3, "%14.1f");
    }
    System.out.printf("top-10: Lucene = BM25 TopDocs + stored bytes (both rows); logdex = first 10 in index order +"
        + " each sub-document's bytes read from the snapshot, then also parsed into a Node as logdex search does%n");
    System.out.printf("%nget (warm API: median of %d; CLI and jq: median wall of %d runs, max RSS of them; cli = %s)%n",
        RUNS, getReps, cli != null ? cli : "java -cp <this JVM's classpath> io.logdex.cli.Main");
    System.out.printf("| path | where | API warm | CLI wall | CLI max RSS | jq wall | jq max RSS | jq/CLI wall | same output |%n");
    System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
    for (GetProbe.Result g : gets) {
      System.out.printf(Locale.ROOT, "| `%s` | %s | %.0f us | %.2f s | %.0f MB | %.2f s | %.0f MB | %.1fx | %s |%n",
          g.target.kindedPath(), g.target.where(), g.apiNanos / 1e3, g.cli.wallSeconds(), g.cli.maxRssKb() / 1024.0,
          g.jq.wallSeconds(), g.jq.maxRssKb() / 1024.0, g.jq.wallSeconds() / g.cli.wallSeconds(),
          g.cli.stdout().strip().equals(g.jq.stdout().strip()) ? "yes" : "NO");
    }
    for (GetProbe.Result g : gets) {
      System.out.printf("  %s: cli cpu %.2f s, jq cpu %.2f s (user+sys, median run)%n", g.target.kindedPath(),
          g.cli.cpuSeconds(), g.jq.cpuSeconds());
    }
  }

  private static void row(String name, double lucene, double logdex, String fmt) {
    System.out.printf("%-34s " + fmt + " " + fmt + " %10.2f%n", name, lucene, logdex, logdex / lucene);
  }

  private static Path snapshot(String arg, Path work) throws IOException {
    Path file = Path.of(arg);
    if (Files.isRegularFile(file)) return file.toAbsolutePath();
    long bytes = parseSize(arg);
    Path out = work.resolve("snapshot-" + arg + ".json");
    if (Files.exists(out)) return out;
    Path tmp = work.resolve(out.getFileName() + ".tmp");
    long t0 = System.nanoTime();
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      SnapshotGenerator.write(o, bytes, DocFormat.JSON, 1);
    }
    Files.move(tmp, out);
    System.out.printf("generated %,d bytes in %.1f s: %s%n", Files.size(out), (System.nanoTime() - t0) / 1e9, out);
    return out;
  }

  private static long parseSize(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    long mult = 1;
    char last = t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t) * mult;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("neither a file nor a size like 20m or 1g: " + s);
    }
  }

  /**
   * Writes (offset, length) of every sub-document logdex indexed, in doc order, to a file of
   * 16-byte pairs; returns {count, total bytes}. Container records (bigger than the cut size) and
   * scalars too big to carry bytes are the path-only docs logdex adds for get; Lucene needs none.
   */
  private static long[] writeSpans(Path logdexDir, long cap, Path spans) throws IOException {
    long n = 0;
    long bytes = 0;
    try (BuildOutput b = BuildOutput.open(logdexDir);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spans), 1 << 16))) {
      // DocIds are (chunk << 40 | ordinal): walk the doc table rather than counting up.
      io.logdex.format.index.DocRecordIterator all = b.index().allDocs();
      for (DocRecord r = all.next(); r != null; r = all.next()) {
        if (!b.isSnapshot(r.sourceId()) || r.length() > cap) continue;
        out.writeLong(r.offset());
        out.writeLong(r.length());
        n++;
        bytes += r.length();
      }
    }
    return new long[] {n, bytes};
  }

  private static long luceneIngest(Path snapshot, Path spans, Path dir) throws Exception {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer());
    cfg.setRAMBufferSizeMB(256);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg);
        FileChannel ch = FileChannel.open(snapshot, StandardOpenOption.READ);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spans), 1 << 16))) {
      try (LuceneFeeder<byte[]> feeder = new LuceneFeeder<>(w, 2, SnapshotVsLucene::document)) {
        while (true) {
          long offset;
          try {
            offset = in.readLong();
          } catch (EOFException end) {
            break;
          }
          int length = Math.toIntExact(in.readLong());
          byte[] record = new byte[length];
          ByteBuffer buf = ByteBuffer.wrap(record);
          while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) throw new EOFException(snapshot + " ends inside a record at " + offset);
          }
          feeder.add(record);
        }
      }
      w.commit();
    }
    return System.nanoTime() - t0;
  }

  /** One sub-document: the words of its string values, its top-level scalar fields, its bytes stored. */
  private static Document document(byte[] record) {
    Document doc = new Document();
    StringBuilder text = new StringBuilder(record.length);
    try (JsonParser p = JSON.createParser(record)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> { }
          default -> {
            if (t == JsonToken.VALUE_STRING) text.append(p.getText()).append('\n');
            // logdex's name:value field terms: top-level scalars of an object sub-document, values
            // of at most 256 bytes (Terms.MAX_FIELD_VALUE_BYTES; checked in chars, close enough).
            if (depth == 1 && p.getParsingContext().inObject() && p.getTextLength() <= Terms.MAX_FIELD_VALUE_BYTES) {
              doc.add(new StringField("f." + p.currentName(), p.getText(), Field.Store.NO));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    doc.add(new TextField("w", text.toString(), Field.Store.NO));
    doc.add(new StoredField("raw", record));
    return doc;
  }

  /** {median count nanos, count, median top-10 nanos, top-10 check}. */
  private static long[] luceneQuery(IndexSearcher s, String words) throws Exception {
    BooleanQuery.Builder qb = new BooleanQuery.Builder();
    for (String w : words.trim().split("\\s+")) qb.add(new TermQuery(new Term("w", w)), BooleanClause.Occur.MUST);
    BooleanQuery q = qb.build();
    long[] count = Medians.median("lucene count", WARMUP, RUNS, () -> s.count(q));
    long[] top = Medians.median("lucene top-10", WARMUP, RUNS, () -> OpLogIngestVsLucene.luceneTop10(s, q));
    return new long[] {count[0], count[1], top[0], top[1]};
  }

  /** {median count nanos, count, median top-10 parsed nanos, its check, median top-10 bytes nanos}. */
  private static long[] logdexQuery(BuildOutput b, String words, long cap) throws Exception {
    IndexReader idx = b.index();
    Query q = Query.parse(words);
    int max = (int) Math.min(Integer.MAX_VALUE, cap);
    long[] count = Medians.median("logdex count", WARMUP, RUNS, () -> idx.count(q));
    // As logdex search does: each hit's sub-document read from the snapshot and parsed.
    long[] top = Medians.median("logdex top-10", WARMUP, RUNS, () -> {
      List<Hit> hits = idx.search(q, TOP);
      long check = 0;
      for (Hit h : hits) {
        Node n = b.snapshotNode(h.record(), max);
        check += n == null ? 0 : n.size();
      }
      return ((long) hits.size() << 32) + check;
    });
    // Like Lucene's stored field: each hit's bytes, unparsed.
    long[] bytes = Medians.median("logdex top-10 bytes", WARMUP, RUNS, () -> {
      List<Hit> hits = idx.search(q, TOP);
      long check = 0;
      for (Hit h : hits) {
        DocRecord r = h.record();
        String file = b.sourceName(r.sourceId());
        check += SubDocumentBytes.read(
            new SnapshotRecord(file, SnapshotRecord.Kind.CONTAINER, "", r.offset(), r.length(), 0, null), max).length;
      }
      return ((long) hits.size() << 32) + check;
    });
    return new long[] {count[0], count[1], top[0], top[1], bytes[0]};
  }

  /** One warm get through the public API, encoded as compact JSON to nowhere; returns the byte count. */
  private static long apiGet(BuildOutput b, GetProbe.Target t) throws IOException {
    // The CLI's own lookup, warm: the record holding the path, its bytes parsed, the node taken.
    io.logdex.format.path.KindedPath path = io.logdex.format.path.KindedPath.parse(t.kindedPath());
    io.logdex.cli.SnapshotLookup.Hit hit = io.logdex.cli.SnapshotLookup.findCurrent(b, path);
    Node record = hit == null ? null : b.snapshotNode(hit.doc(), 16 << 20);
    Node value = record == null ? null : io.logdex.format.tree.NodePaths.get(record, path.relativeTo(hit.recordPath()));
    if (value == null) throw new IllegalStateException("logdex get found nothing at " + t.kindedPath());
    ByteCounter sink = new ByteCounter();
    Encoder enc = new Encoder(sink, OutputFormat.JSON);
    enc.node(value);
    enc.flush();
    return sink.count();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
