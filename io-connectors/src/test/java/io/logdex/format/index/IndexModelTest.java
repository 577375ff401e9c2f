package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every read API against the brute-force model, on one index built through many small spills. */
class IndexModelTest {
  @TempDir static Path tmp;
  static IndexFixture f;
  static IndexReader reader;
  static IndexManifest manifest;
  static ShardBuilder probe;

  @BeforeAll
  static void build() throws IOException {
    f = IndexFixture.generate(42, 5000);
    // A small budget, many bundles and a fan-in of 3 force several merge passes per partition.
    manifest =
        f.build(tmp.resolve("idx"), tmp.resolve("work"), new IndexOptions(5, 20), new BuildOptions(64 * 1024, 3), 7, 1);
    // A cache of 4 pages keeps evicting, so reads go through the load path constantly.
    reader = IndexReader.open(tmp.resolve("idx"), new ReaderOptions(4 * IndexFormat.PAGE_BYTES));
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
  }

  @Test
  void manifestAndStatsMatchTheModel() {
    assertEquals(f.docs.size(), manifest.docs());
    assertEquals(f.model.size(), manifest.terms());
    assertEquals(f.totalPostings(), manifest.postings());
    assertEquals(f.totalWords(), manifest.totalWords());
    IndexStats s = reader.stats();
    assertEquals(f.docs.size(), s.docs());
    assertEquals(f.model.size(), s.terms());
    assertEquals(1 + 1 + 1 + 3 * 5, s.fileBytes().size()); // doc table, lengths, typed columns, 5 partitions
    List<TermFreq> expected = new ArrayList<>();
    for (Map.Entry<byte[], TreeMap<Long, long[]>> e : f.model.entrySet()) expected.add(new TermFreq(e.getKey(), e.getValue().size()));
    expected.sort(TermFreq.BY_FREQUENCY);
    assertEquals(expected.subList(0, 20), s.topTerms());
    assertEquals("word:common", s.topTerms().get(0).describe());
  }

  @Test
  void everyTermsPostingsAndPayloadsMatch() throws IOException {
    long[] buf = new long[3];
    for (Map.Entry<byte[], TreeMap<Long, long[]>> e : f.model.entrySet()) {
      PostingsIterator it = reader.postings(e.getKey());
      assertEquals(e.getValue().size(), it.docFreq());
      assertEquals(e.getValue().size(), reader.docFreq(e.getKey()));
      assertEquals(-1, it.docId());
      for (Map.Entry<Long, long[]> p : e.getValue().entrySet()) {
        assertEquals((long) p.getKey(), it.nextDoc(), Terms.describe(e.getKey()));
        int n = it.payload(buf);
        assertArrayEquals(p.getValue(), Arrays.copyOf(buf, n), Terms.describe(e.getKey()));
      }
      assertEquals(DocIdIterator.NO_MORE_DOCS, it.nextDoc());
      assertEquals(DocIdIterator.NO_MORE_DOCS, it.nextDoc());
    }
    assertEquals(0, reader.docFreq(Terms.word("absent")));
    assertEquals(DocIdIterator.NO_MORE_DOCS, reader.postings(Terms.word("absent")).nextDoc());
  }

  @Test
  void advanceLandsOnTheCeilingOfTheTarget() throws IOException {
    Random r = new Random(7);
    long maxDoc = f.docs.lastKey();
    for (Map.Entry<byte[], TreeMap<Long, long[]>> e : f.model.entrySet()) {
      if (e.getValue().size() < 2 && r.nextInt(10) != 0) continue;
      NavigableMap<Long, long[]> m = e.getValue();
      PostingsIterator it = reader.postings(e.getKey());
      long cur = -1;
      long[] buf = new long[3];
      while (true) {
        long target;
        if (r.nextInt(4) == 0) target = cur; // advance to the current doc must stay put
        else if (r.nextBoolean()) target = cur + 1 + r.nextInt(50);
        else target = cur + 1 + (long) (r.nextDouble() * (maxDoc / 8));
        if (cur == -1 && target < 0) target = 0;
        Long want = cur >= target ? Long.valueOf(cur) : m.ceilingKey(target);
        long got = it.advance(target);
        assertEquals(want == null ? DocIdIterator.NO_MORE_DOCS : want, got, Terms.describe(e.getKey()) + " target " + target);
        if (want == null) break;
        cur = got;
        if (cur >= 0) assertArrayEquals(m.get(cur), Arrays.copyOf(buf, it.payload(buf)));
      }
    }
  }

  @Test
  void randomQueriesMatchTheModel() throws IOException {
    Random r = new Random(11);
    for (int i = 0; i < 400; i++) {
      Query q = f.randomQuery(r, 0);
      TreeSet<Long> want = f.eval(q);
      assertEquals(want.size(), reader.count(q), q.toString());
      int limit = 1 + r.nextInt(40);
      List<Hit> hits = reader.search(q, limit);
      List<Long> wantIds = new ArrayList<>(want).subList(0, Math.min(limit, want.size()));
      List<Long> got = new ArrayList<>();
      for (Hit h : hits) {
        got.add(h.docId());
        assertEquals(f.docs.get(h.docId()), h.record());
      }
      assertEquals(wantIds, got, q.toString());
      // The iterator also supports advance on composite queries.
      DocIdIterator it = reader.iterator(q);
      long target = r.nextInt(3) == 0 ? 0 : f.docs.lastKey() / (1 + r.nextInt(8));
      Long ceil = want.ceiling(target);
      assertEquals(ceil == null ? DocIdIterator.NO_MORE_DOCS : ceil, it.advance(target), q + " advance " + target);
    }
  }

  @Test
  void parsedQueriesMatchTheModel() throws IOException {
    String[][] cases = {
      {"common w0", "and:wcommon,ww0"},
      {"W1 OR w2", "or:ww1,ww2"},
      {"op:PUT -w0", "andnot:fop:PUT,ww0"},
      {"-common", "not:wcommon"},
    };
    for (String[] c : cases) {
      Query q = Query.parse(c[0]);
      assertEquals(f.eval(q).size(), reader.count(q), c[0]);
    }
    Query q = Query.parse("common (w1 OR w2 OR op:HEAD) -endpoint:s3://b3 café");
    assertEquals(f.eval(q).size(), reader.count(q));
  }

  @Test
  void prefixScansMatchTheModel() throws IOException {
    String[] prefixes = {"", "a", "a.", "a[", "items(k1", "\"x y\"", "logs{1", "zzz"};
    for (String p : prefixes) {
      byte[] pb = Terms.path(p);
      List<String> want = new ArrayList<>();
      for (Map.Entry<byte[], TreeMap<Long, long[]>> e : f.model.tailMap(pb, true).entrySet()) {
        byte[] t = e.getKey();
        if (t.length < pb.length || !Arrays.equals(t, 0, pb.length, pb, 0, pb.length)) break;
        want.add(Terms.describe(t) + "=" + e.getValue().size());
      }
      List<String> got = new ArrayList<>();
      TermCursor c = reader.pathsWithPrefix(p);
      while (c.next()) {
        got.add(Terms.describe(c.term()) + "=" + c.docFreq());
        PostingsIterator it = c.postings();
        assertEquals(f.model.get(c.term()).firstKey(), it.nextDoc());
      }
      assertEquals(want, got, "prefix " + p);
    }
    // Everything, across namespaces and partitions, in byte order.
    List<byte[]> all = new ArrayList<>();
    TermCursor c = reader.termsWithPrefix(new byte[0]);
    while (c.next()) all.add(c.term());
    assertEquals(f.model.size(), all.size());
    int i = 0;
    for (byte[] t : f.model.keySet()) assertArrayEquals(t, all.get(i++));
    assertFalse(reader.termsWithPrefix(new byte[] {(byte) 0xFF}).next());
  }

  @Test
  void docRecordsMatchTheModel() throws IOException {
    for (DocRecord d : f.docs.values()) assertEquals(d, reader.docRecord(d.docId()));
    assertNull(reader.docRecord(f.docs.lastKey() + 1));
    assertNull(reader.docRecord(0x7FFF_FFFF_FFFFL << 16));
    Long missing = null;
    for (long d = 0; missing == null; d++) if (!f.docs.containsKey(d)) missing = d;
    assertNull(reader.docRecord(missing));
  }

  @Test
  void concurrentQueriesAgree() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        fs.add(
            pool.submit(
                () -> {
                  Random r = new Random(100 + seed);
                  for (int i = 0; i < 100; i++) {
                    Query q = f.randomQuery(r, 0);
                    assertEquals(f.eval(q).size(), reader.count(q), q.toString());
                    DocRecord d = f.records.get(r.nextInt(f.records.size()));
                    assertEquals(d, reader.docRecord(d.docId()));
                  }
                  return null;
                }));
      }
      for (Future<?> x : fs) x.get();
    } finally {
      pool.shutdown();
    }
    assertTrue(reader.cache().pagesHeld() <= 4);
    reader.verify();
  }
}
