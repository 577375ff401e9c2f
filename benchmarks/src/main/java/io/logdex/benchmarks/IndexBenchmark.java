package io.logdex.benchmarks;

import io.logdex.format.index.BuildOptions;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.Hit;
import io.logdex.format.index.IndexOptions;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.LocalIndexBuilder;
import io.logdex.format.index.ReaderOptions;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Terms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * logdex's inverted index against Lucene 9 on the same synthetic op-log-like corpus: each doc has
 * 6-11 words drawn Zipf(1) from a 50,000-word vocabulary and three field terms (op, endpoint,
 * status), plus a record (source, offset, length, word count). Lucene indexes the same terms as
 * DOCS-only StringFields and stores the record as stored fields; its query cache is off. Both
 * answer a two-term AND count and the first ten matches with their records (Lucene through a
 * ConstantScoreQuery, so both return the same ten docs in doc order).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IndexBenchmark {
  @Param({"1000000"})
  public int docs;

  /** Two terms: a word or name:value each. */
  @Param({"w1 w2", "w10 op:PUT", "w100 w1000", "w1 status:err"})
  public String query;

  private Path dir;
  private IndexReader logdex;
  private io.logdex.format.index.Query logdexQuery;
  private DirectoryReader lucene;
  private IndexSearcher searcher;
  private org.apache.lucene.search.Query luceneQuery;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("index-bench");
    buildLogdex(dir.resolve("logdex"), dir.resolve("work"), docs);
    buildLucene(dir.resolve("lucene"), docs);
    logdex = IndexReader.open(dir.resolve("logdex"), new ReaderOptions(256L << 20));
    logdexQuery = io.logdex.format.index.Query.parse(query);
    lucene = DirectoryReader.open(FSDirectory.open(dir.resolve("lucene")));
    searcher = new IndexSearcher(lucene);
    searcher.setQueryCache(null);
    luceneQuery = luceneQuery(query);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    logdex.close();
    lucene.close();
    deleteTree(dir);
  }

  @Benchmark
  public long logdexAndCount() throws IOException {
    return logdex.count(logdexQuery);
  }

  @Benchmark
  public int luceneAndCount() throws IOException {
    return searcher.count(luceneQuery);
  }

  @Benchmark
  public List<Hit> logdexFirst10() throws IOException {
    return logdex.search(logdexQuery, 10);
  }

  @Benchmark
  public void luceneFirst10(Blackhole bh) throws IOException {
    TopDocs top = searcher.search(new ConstantScoreQuery(luceneQuery), 10);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) bh.consume(stored.document(sd.doc));
  }

  // ---- the corpus and the two builders, shared with ad-hoc measurement mains ----

  public static final int VOCABULARY = 50_000;
  public static final int SHARDS = 4;
  private static final String[] OPS = {"GET", "PUT", "HEAD", "LIST", "DELETE", "STAT", "GET_RANGE", "DELETE_PREFIX", "CREATE_CONTAINER", "DELETE_CONTAINER"};
  private static final double[] OP_CDF = cdf(new double[] {50, 25, 8, 5, 4, 3, 2, 1, 1, 1});
  private static final double[] ZIPF_CDF = zipfCdf(VOCABULARY);

  private static double[] cdf(double[] weights) {
    double sum = 0;
    for (double w : weights) sum += w;
    double[] c = new double[weights.length];
    double acc = 0;
    for (int i = 0; i < weights.length; i++) c[i] = (acc += weights[i]) / sum;
    return c;
  }

  private static double[] zipfCdf(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 1.0 / (i + 1);
    return cdf(w);
  }

  private static int sample(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One synthetic doc; the same ordinal always gives the same doc. */
  public static final class Doc {
    public long docId;
    public int shard;
    public final String[] words = new String[11];
    public int wordCount;
    public String op;
    public String endpoint;
    public String status;
    public long offset;
    public long length;

    void fill(int ordinal, SplittableRandom r, long[] offsets) {
      shard = ordinal % SHARDS;
      docId = ((long) shard << 40) | (ordinal / SHARDS);
      wordCount = 6 + r.nextInt(6);
      for (int k = 0; k < wordCount; k++) words[k] = "w" + (1 + sample(ZIPF_CDF, r.nextDouble()));
      op = OPS[sample(OP_CDF, r.nextDouble())];
      endpoint = "s3://b" + r.nextInt(20);
      status = r.nextInt(100) < 3 ? "err" : "ok";
      length = 100 + r.nextInt(200);
      offset = offsets[shard];
      offsets[shard] += length;
    }
  }

  /** Calls sink with docs 0..n-1 in order, reusing one Doc. */
  public static void corpus(int n, java.util.function.Consumer<Doc> sink) {
    SplittableRandom r = new SplittableRandom(20251009);
    long[] offsets = new long[SHARDS];
    Doc d = new Doc();
    for (int i = 0; i < n; i++) {
      d.fill(i, r, offsets);
      sink.accept(d);
    }
  }

  /** One shard builder per synthetic shard, as the pipeline would have per bundle. */
  public static void buildLogdex(Path indexDir, Path workDir, int n) throws IOException {
    LocalIndexBuilder b =
        new LocalIndexBuilder(indexDir, workDir, new IndexOptions(4, 100), new BuildOptions(64L << 20, 64));
    ShardBuilder[] shards = new ShardBuilder[SHARDS];
    for (int s = 0; s < SHARDS; s++) shards[s] = b.newShard();
    try {
      corpus(
          n,
          d -> {
            try {
              ShardBuilder s = shards[d.shard];
              s.addDocument(new DocRecord(d.docId, d.shard, d.offset, d.length, d.wordCount));
              for (int k = 0; k < d.wordCount; k++) s.addTerm(d.docId, Terms.word(d.words[k]));
              s.addTerm(d.docId, Terms.field("op", d.op));
              s.addTerm(d.docId, Terms.field("endpoint", d.endpoint));
              s.addTerm(d.docId, Terms.field("status", d.status));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    b.finish();
  }

  public static void buildLucene(Path indexDir, int n) throws IOException {
    IndexWriterConfig cfg = new IndexWriterConfig().setRAMBufferSizeMB(64).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (IndexWriter w = new IndexWriter(FSDirectory.open(indexDir), cfg)) {
      corpus(
          n,
          d -> {
            Document doc = new Document();
            for (int k = 0; k < d.wordCount; k++) doc.add(new StringField("w", d.words[k], Field.Store.NO));
            doc.add(new StringField("f", "op:" + d.op, Field.Store.NO));
            doc.add(new StringField("f", "endpoint:" + d.endpoint, Field.Store.NO));
            doc.add(new StringField("f", "status:" + d.status, Field.Store.NO));
            doc.add(new StoredField("id", d.docId));
            doc.add(new StoredField("source", d.shard));
            doc.add(new StoredField("offset", d.offset));
            doc.add(new StoredField("length", d.length));
            doc.add(new StoredField("words", d.wordCount));
            try {
              w.addDocument(doc);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      w.commit();
    }
  }

  /** The Lucene form of a two-term query string: words in field w, name:value in field f. */
  public static org.apache.lucene.search.Query luceneQuery(String q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : q.trim().split("\\s+")) {
      Term term = t.indexOf(':') > 0 ? new Term("f", t) : new Term("w", t.toLowerCase(java.util.Locale.ROOT));
      b.add(new TermQuery(term), BooleanClause.Occur.MUST);
    }
    return b.build();
  }

  public static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      long n = 0;
      for (Path p : (Iterable<Path>) s::iterator) n += Files.size(p);
      return n;
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }
}
