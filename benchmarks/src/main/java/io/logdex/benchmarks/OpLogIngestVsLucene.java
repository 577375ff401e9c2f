package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logdex.format.index.Hit;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.format.index.SortOrder;
import io.logdex.format.log.LogEntry;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.samples.OpLogGenerator;
import io.logdex.transforms.BuildOutput;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * End-to-end op-log ingest, logdex against Lucene 9 in the same JVM and run: the same generated
 * s3dlio TSV is indexed by Lucene (2 threads on one IndexWriter, raw line stored so a hit can
 * return its record) and by logdex's build pipeline on the DirectRunner; then both answer the same
 * 2-term AND count, and the same query's 10 best hits by BM25 with their records (Lucene: TopDocs
 * and each hit's stored line; logdex: {@code search --sort=score}, the default for a query with
 * words, and each entry read from its log, as {@code logdex search} does; both visit every match
 * and keep the best 10 in a heap). Not JMH: each ingest is one long wall-clock measurement,
 * which JMH adds nothing to; the query medians are over 31 runs after warm-up.
 *
 * <p>Like for like: Lucene indexes what logdex indexes. The string columns' words (TextField), the
 * keyword columns (StringField), the numbers as {@code LongPoint}s, the u64 {@code thread} as a
 * keyword, and the RFC 3339 times as {@code LongPoint}s of epoch nanoseconds (as well as their
 * words, since logdex indexes every string cell's words). TextField keeps frequencies, positions
 * and norms (logdex keeps word frequencies and, in its doc table, word counts), StringField docs
 * only, as logdex's field terms. Lucene reads JSONL with Jackson's
 * streaming parser, the fastest way it has.
 *
 * <p>Usage: {@code OpLogIngestVsLucene N WORKDIR [WORD]}; WORKDIR must not hold a previous run.
 * {@code -Dlogdex.format=jsonl} generates JSONL instead of TSV; {@code -Dlogdex.cli=bin/logdex}
 * times the build as the user runs it (the launcher, its heap and JVM flags, a process of its
 * own) instead of {@code BuildJob.run} in this JVM.
 */
public final class OpLogIngestVsLucene {
  private static final long SEED = 1;
  private static final int WARMUP = 100;
  private static final int RUNS = 31;
  static final int TOP = 10;

  // s3dlio TSV columns; numbers (idx, thread, n_objects, bytes, duration_ns) are not text.
  private static final String[] COLUMNS = {
    "idx", "thread", "op", "client_id", "n_objects", "bytes", "endpoint", "file", "error",
    "start", "first_byte", "end", "duration_ns"
  };
  private static final List<String> COLUMN_NAMES = List.of(COLUMNS);
  private static final boolean[] TEXT = {
    false, false, true, true, false, false, true, true, true, true, true, true, false
  };
  private static final boolean[] KEYWORD = {
    false, true, true, false, false, false, true, false, true, false, false, false, false
  };
  private static final boolean[] NUMBER = {
    true, false, false, false, true, true, false, false, false, false, false, false, true
  };
  private static final boolean[] TIME = {
    false, false, false, false, false, false, false, false, false, true, true, true, false
  };

  private OpLogIngestVsLucene() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: OpLogIngestVsLucene N WORKDIR [WORD]");
      System.exit(2);
    }
    long n = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    String word = args.length > 2 ? args[2] : "dlio";
    Files.createDirectories(work);
    boolean jsonl = System.getProperty("logdex.format", "tsv").equals("jsonl");
    Path tsv = work.resolve("oplog-" + n + (jsonl ? ".jsonl" : ".tsv"));
    Path luceneDir = work.resolve("lucene-" + n);
    Path logdexDir = work.resolve("logdex-" + n);
    if (Files.exists(luceneDir) || Files.exists(logdexDir)) {
      throw new IllegalStateException("remove the previous run's " + luceneDir + " and " + logdexDir);
    }

    long t0 = System.nanoTime();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tsv), 1 << 16)) {
      OpLogGenerator.write(out, OpLogGenerator.Options.defaults().records(n).seed(SEED)
          .format(jsonl ? OpLogGenerator.Format.JSONL : OpLogGenerator.Format.TSV));
    }
    long genNanos = System.nanoTime() - t0;
    long tsvBytes = Files.size(tsv);
    System.out.printf("generated %,d records, %,d bytes in %.1f s: %s%n", n, tsvBytes, genNanos / 1e9, tsv);

    long luceneNanos = luceneIngest(tsv, luceneDir, jsonl);
    long luceneBytes = Medians.dirBytes(luceneDir);
    System.out.printf("lucene ingest %.2f s, %,d bytes%n", luceneNanos / 1e9, luceneBytes);

    long logdexNanos = logdexBuild(tsv, logdexDir);
    long logsBytes;
    long indexBytes;
    try (BuildOutput b = BuildOutput.open(logdexDir)) {
      logsBytes = Medians.dirBytes(b.generationDir().resolve("logs"));
      indexBytes = Medians.dirBytes(b.generationDir().resolve("index"));
    }
    System.out.printf("logdex build %.2f s, logs %,d + index %,d bytes%n", logdexNanos / 1e9, logsBytes, indexBytes);
    // The same build on embedded Flink, when asked: the other local runner BuildJob could use
    // (docs/ARCHITECTURE.md, "Where the ingest time goes").
    long flinkNanos = -1;
    if (Boolean.getBoolean("logdex.alsoFlink")) {
      flinkNanos = logdexBuild(tsv, work.resolve("logdex-flink-" + n),
          "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
      System.out.printf("logdex build on Flink [local] p=2: %.2f s%n", flinkNanos / 1e9);
    }

    long[] lucene = luceneQuery(luceneDir, word);
    long[] logdex = logdexQuery(logdexDir, word);

    System.out.printf("%nN=%,d  " + (jsonl ? "JSONL" : "TSV") + " %,d bytes  query: op:GET AND %s  (lucene count %,d, logdex count %,d)%n",
        n, tsvBytes, word, lucene[1], logdex[1]);
    System.out.printf("%-28s %14s %14s %10s%n", "", "Lucene 9.12.1", "logdex", "logdex/Luc");
    row("ingest wall (s)", luceneNanos / 1e9, logdexNanos / 1e9, "%14.2f");
    row("ingest records/s", n / (luceneNanos / 1e9), n / (logdexNanos / 1e9), "%14.0f");
    if (flinkNanos > 0) row("ingest wall, Flink [local] (s)", luceneNanos / 1e9, flinkNanos / 1e9, "%14.2f");
    row("on disk (MB, logdex log+idx)", luceneBytes / 1e6, (logsBytes + indexBytes) / 1e6, "%14.1f");
    row("  of which index only (MB)", luceneBytes / 1e6, indexBytes / 1e6, "%14.1f");
    row("2-term AND count, median us", lucene[0] / 1e3, logdex[0] / 1e3, "%14.1f");
    row("top-10 + records, median us", lucene[2] / 1e3, logdex[2] / 1e3, "%14.1f");
    System.out.printf("top-10: Lucene %d hits (BM25 TopDocs + stored line), logdex %d hits (BM25 top 10 + entry read from its log)%n",
        lucene[3] >>> 32, logdex[3] >>> 32);
  }

  private static void row(String name, double lucene, double logdex, String fmt) {
    System.out.printf("%-28s " + fmt + " " + fmt + " %10.2f%n", name, lucene, logdex, logdex / lucene);
  }

  /** The caller's thread reads lines; 2 indexing threads share one IndexWriter (LuceneFeeder). */
  private static long luceneIngest(Path input, Path dir, boolean jsonl) throws Exception {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer());
    cfg.setRAMBufferSizeMB(256);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    JsonFactory json = new JsonFactory();
    Function<String, Document> toDocument = jsonl ? line -> document(line, cells(json, line)) : line -> {
      String[] v = line.split("\t", -1);
      if (v.length != COLUMNS.length) throw new IllegalArgumentException("bad line: " + line);
      return document(line, v);
    };
    try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg)) {
      try (LuceneFeeder<String> feeder = new LuceneFeeder<>(w, 2, toDocument);
          BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        if (!jsonl) r.readLine(); // header
        for (String line; (line = r.readLine()) != null; ) feeder.add(line);
      }
      w.commit();
    }
    return System.nanoTime() - t0;
  }

  /** A JSONL record's top-level values in COLUMNS order, as text; null for JSON null or absent. */
  private static String[] cells(JsonFactory json, String line) {
    String[] v = new String[COLUMNS.length];
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("bad line: " + line);
      for (JsonToken t; (t = p.nextToken()) == JsonToken.FIELD_NAME; ) {
        int c = COLUMN_NAMES.indexOf(p.currentName());
        JsonToken value = p.nextToken();
        if (value.isStructStart()) p.skipChildren();
        else if (c >= 0 && value != JsonToken.VALUE_NULL) v[c] = p.getText();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return v;
  }

  private static Document document(String line, String[] v) {
    Document doc = new Document();
    for (int i = 0; i < v.length; i++) {
      if (v[i] == null || v[i].isEmpty()) continue;
      if (TEXT[i]) doc.add(new TextField(COLUMNS[i] + ".w", v[i], Field.Store.NO));
      if (KEYWORD[i]) doc.add(new StringField(COLUMNS[i], v[i], Field.Store.NO));
      if (NUMBER[i]) doc.add(new LongPoint(COLUMNS[i], Long.parseLong(v[i])));
      if (TIME[i]) {
        Instant at = Instant.parse(v[i]);
        doc.add(new LongPoint(COLUMNS[i], at.getEpochSecond() * 1_000_000_000L + at.getNano()));
      }
    }
    doc.add(new StoredField("raw", line));
    return doc;
  }

  private static long logdexBuild(Path tsv, Path out) throws IOException {
    return logdexBuild(tsv, out, "--runner=DirectRunner", "--enforceImmutability=false",
        "--enforceEncodability=false");
  }

  private static long logdexBuild(Path tsv, Path out, String... runnerArgs) throws IOException {
    String cli = System.getProperty("logdex.cli");
    if (cli != null) return logdexCli(cli, tsv, out, runnerArgs);
    List<String> a = new ArrayList<>(List.of("--oplogs=" + tsv, "--output=" + out));
    a.addAll(List.of(runnerArgs));
    String[] argv = a.toArray(new String[0]);
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    LogdexBuildOptions options = PipelineOptionsFactory.fromArgs(argv).as(LogdexBuildOptions.class);
    long t0 = System.nanoTime();
    BuildJob.run(options, null);
    return System.nanoTime() - t0;
  }

  /** `logdex build` as the user runs it; the DirectRunner's own flags are the launcher's business. */
  private static long logdexCli(String cli, Path input, Path out, String... runnerArgs) throws IOException {
    List<String> a = new ArrayList<>(List.of(cli, "build", "--oplogs=" + input, "--output=" + out));
    for (String r : runnerArgs) if (!r.startsWith("--enforce") && !r.equals("--runner=DirectRunner")) a.add(r);
    long t0 = System.nanoTime();
    try {
      int code = new ProcessBuilder(a).inheritIO().start().waitFor();
      if (code != 0) throw new IOException(String.join(" ", a) + " exited " + code);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return System.nanoTime() - t0;
  }

  /**
   * Returns {median count nanos, count, median top-10 nanos, top-10 hits}. Top 10 is Lucene's
   * default (BM25-scored) TopDocs plus the stored raw line of each hit.
   */
  private static long[] luceneQuery(Path dir, String word) throws Exception {
    try (FSDirectory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
      IndexSearcher s = new IndexSearcher(r);
      s.setQueryCache(null);
      BooleanQuery q = luceneQuery(word);
      long[] count = Medians.median("lucene count", WARMUP, RUNS, () -> s.count(q));
      long[] top = Medians.median("lucene top-10", WARMUP, RUNS, () -> luceneTop10(s, q));
      return new long[] {count[0], count[1], top[0], top[1]};
    }
  }

  /** Lucene's side of the benchmark's query: {@code op:GET} and the word in the file name, both required. */
  static BooleanQuery luceneQuery(String word) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term("op", "GET")), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term("file.w", word)), BooleanClause.Occur.MUST)
        .build();
  }

  /** The hits' stored lines, read; returns hits * 2^32 + their total length, for a stable check. */
  static long luceneTop10(IndexSearcher s, org.apache.lucene.search.Query q) throws IOException {
    TopDocs td = s.search(q, TOP);
    StoredFields fields = s.storedFields();
    long chars = 0;
    for (ScoreDoc sd : td.scoreDocs) {
      Document doc = fields.document(sd.doc);
      IndexableField raw = doc.getField("raw");
      chars += raw.binaryValue() != null ? raw.binaryValue().length : raw.stringValue().length();
    }
    return ((long) td.scoreDocs.length << 32) + chars;
  }

  /** The 10 best hits by BM25 with each entry read from its log; returns hits * 2^32 + a checksum. */
  static long logdexTop10(BuildOutput b, IndexReader idx, Query q) throws IOException {
    List<Hit> hits = idx.search(q, TOP, null, SortOrder.SCORE);
    long check = 0;
    for (Hit h : hits) {
      LogEntry e = b.entry(h.record());
      check += e.seq() + e.diff().size();
    }
    return ((long) hits.size() << 32) + (check & 0xffffffffL);
  }

  /** Returns {median count nanos, count, median top-10 nanos, top-10 hits}; each hit's entry is read from its log. */
  private static long[] logdexQuery(Path dir, String word) throws Exception {
    try (BuildOutput b = BuildOutput.open(dir)) {
      IndexReader idx = b.index();
      Query q = Query.parse("op:GET " + word);
      long[] count = Medians.median("logdex count", WARMUP, RUNS, () -> idx.count(q));
      long[] top = Medians.median("logdex top-10", WARMUP, RUNS, () -> logdexTop10(b, idx, q));
      return new long[] {count[0], count[1], top[0], top[1]};
    }
  }

}
