package io.logdex.format.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A random corpus shaped like logdex's inputs (Zipf words, a near-universal word, field terms, path
 * terms with 0-3 payload longs, docIds from several shards) and its brute-force model: term →
 * (docId → payload) and docId → record.
 */
final class IndexFixture {
  static final class Posting {
    final byte[] term;
    final long doc;
    final long[] payload;

    Posting(byte[] term, long doc, long[] payload) {
      this.term = term;
      this.doc = doc;
      this.payload = payload;
    }
  }

  final List<DocRecord> records = new ArrayList<>();
  final List<Posting> postings = new ArrayList<>();
  final TreeMap<byte[], TreeMap<Long, long[]>> model = new TreeMap<>(Arrays::compareUnsigned);
  final TreeMap<Long, DocRecord> docs = new TreeMap<>();
  /** Word term → (docId → occurrences): a word added k times for a doc has frequency k. */
  final TreeMap<byte[], TreeMap<Long, Integer>> freqs = new TreeMap<>(Arrays::compareUnsigned);
  final List<byte[]> vocabulary = new ArrayList<>();

  static final String[] OPS = {"GET", "GET", "GET", "PUT", "PUT", "HEAD", "DELETE", "LIST"};
  static final String[] EXTRA_WORDS = {"café", "straße", "日本", "zebra_1", "ÉCOLE"};

  static IndexFixture generate(long seed, int nDocs) {
    IndexFixture f = new IndexFixture();
    Random r = new Random(seed);
    int shards = 1 + r.nextInt(4);
    long[] next = new long[shards];
    for (int i = 0; i < nDocs; i++) {
      int shard = r.nextInt(shards);
      long docId = ((long) shard << 40) | next[shard]++;
      if (r.nextInt(10) == 0) next[shard] += r.nextInt(1000); // gaps
      int words = 0;
      List<byte[]> terms = new ArrayList<>();
      int nw = r.nextInt(12);
      for (int k = 0; k < nw; k++) {
        int w = (int) (300 * Math.pow(r.nextDouble(), 3));
        terms.add(Terms.word("w" + w));
        words++;
      }
      if (r.nextInt(100) < 95) {
        terms.add(Terms.word("common"));
        words++;
      }
      if (r.nextInt(20) == 0) {
        terms.add(Terms.word(EXTRA_WORDS[r.nextInt(EXTRA_WORDS.length)].toLowerCase(java.util.Locale.ROOT)));
        words++;
      }
      terms.add(Terms.field("op", OPS[r.nextInt(OPS.length)]));
      if (r.nextBoolean()) terms.add(Terms.field("endpoint", "s3://b" + r.nextInt(10)));
      if (r.nextInt(50) == 0) terms.add(Terms.field("status", "err"));
      for (byte[] t : terms) f.add(t, docId, new long[0]);
      int np = r.nextInt(4);
      for (int k = 0; k < np; k++) {
        String path = randomPath(r);
        byte[] t = Terms.path(path);
        f.add(t, docId, payloadFor(t, docId));
      }
      long commit = r.nextInt(3) == 0 ? DocRecord.ABSENT : r.nextInt(100000);
      long seq = r.nextInt(3) == 0 ? DocRecord.ABSENT : r.nextInt(1000) - 500;
      DocRecord rec = new DocRecord(docId, r.nextInt(5) - 1, r.nextInt(1 << 30), r.nextInt(5000), words, commit, seq);
      f.records.add(rec);
      f.docs.put(docId, rec);
    }
    f.vocabulary.addAll(f.model.keySet());
    f.vocabulary.add(Terms.word("absent"));
    f.vocabulary.add(Terms.field("op", "NOPE"));
    return f;
  }

  private static final String[] ROOTS = {"a", "b", "items", "\"x y\"", "logs"};

  static String randomPath(Random r) {
    StringBuilder sb = new StringBuilder(ROOTS[r.nextInt(ROOTS.length)]);
    int depth = r.nextInt(4);
    for (int i = 0; i < depth; i++) {
      switch (r.nextInt(4)) {
        case 0:
          sb.append('[').append(r.nextInt(12)).append(']');
          break;
        case 1:
          sb.append('{').append(r.nextInt(30)).append('}');
          break;
        case 2:
          sb.append('(').append("k").append(r.nextInt(5)).append(')');
          break;
        default:
          sb.append('.').append((char) ('c' + r.nextInt(4)));
      }
    }
    return sb.toString();
  }

  /** Deterministic per (term, doc), so a posting added twice carries the same payload. */
  static long[] payloadFor(byte[] term, long doc) {
    int h = Partitioner.murmur3(term, 0, term.length, 7) ^ Long.hashCode(doc * 31);
    int n = Math.floorMod(h, 4);
    if (new String(term, StandardCharsets.UTF_8).startsWith("plogs")) n = 3;
    long[] p = new long[n];
    for (int i = 0; i < n; i++) p[i] = (doc * (i + 3)) ^ ((long) h << i) - (i == 1 ? Long.MAX_VALUE / 3 : 0);
    return p;
  }

  private void add(byte[] term, long doc, long[] payload) {
    postings.add(new Posting(term, doc, payload));
    model.computeIfAbsent(term, k -> new TreeMap<>()).put(doc, payload);
    if (term[0] == Terms.WORD) freqs.computeIfAbsent(term, k -> new TreeMap<>()).merge(doc, 1, Integer::sum);
  }

  /**
   * Builds the index, spreading records and postings over {@code bundles} shard builders in a
   * random order, with some records and field and path postings added twice (as a retried bundle
   * would; a word added twice is a word that occurs twice, so words are added as often as they occur).
   */
  IndexManifest build(Path dir, Path work, IndexOptions io, BuildOptions bo, int bundles, long seed) throws IOException {
    Random r = new Random(seed);
    LocalIndexBuilder b = new LocalIndexBuilder(dir, work, io, bo);
    List<ShardBuilder> shards = new ArrayList<>();
    for (int i = 0; i < bundles; i++) shards.add(b.newShard());
    List<Object> items = new ArrayList<>(records.size() + postings.size());
    items.addAll(records);
    items.addAll(postings);
    int n = items.size();
    for (int i = 0; i < n / 20; i++) {
      Object o = items.get(r.nextInt(n));
      if (!(o instanceof Posting p && p.term[0] == Terms.WORD)) items.add(o);
    }
    Collections.shuffle(items, r);
    // Fully shuffled, so every bundle sees records and postings out of docId order.
    for (Object o : items) {
      ShardBuilder s = shards.get(r.nextInt(bundles));
      if (o instanceof DocRecord) {
        s.addDocument((DocRecord) o);
      } else {
        Posting p = (Posting) o;
        s.addTerm(p.doc, p.term, p.payload);
      }
    }
    return b.finish();
  }

  // ---- the model ----

  TreeSet<Long> all() {
    return new TreeSet<>(docs.keySet());
  }

  TreeSet<Long> eval(Query q) {
    if (q instanceof Query.Term) {
      TreeMap<Long, long[]> m = model.get(((Query.Term) q).bytes());
      return m == null ? new TreeSet<>() : new TreeSet<>(m.keySet());
    }
    if (q instanceof Query.Not) {
      TreeSet<Long> s = all();
      s.removeAll(eval(((Query.Not) q).clause()));
      return s;
    }
    if (q instanceof Query.Or) {
      TreeSet<Long> s = new TreeSet<>();
      for (Query c : ((Query.Or) q).clauses()) s.addAll(eval(c));
      return s;
    }
    TreeSet<Long> s = null;
    for (Query c : ((Query.And) q).clauses()) {
      TreeSet<Long> e = eval(c);
      if (s == null) s = e;
      else s.retainAll(e);
    }
    return s;
  }

  long totalWords() {
    long w = 0;
    for (DocRecord d : docs.values()) w += d.wordCount();
    return w;
  }

  long totalPostings() {
    long n = 0;
    for (Map<Long, long[]> m : model.values()) n += m.size();
    return n;
  }

  /** A term picked across the frequency range, sometimes absent. */
  byte[] randomTerm(Random r) {
    return vocabulary.get(r.nextInt(vocabulary.size()));
  }

  /** A random query of the shapes the CLI produces. */
  Query randomQuery(Random r, int depth) {
    int shape = depth > 1 ? 0 : r.nextInt(6);
    switch (shape) {
      case 0:
        return new Query.Term(randomTerm(r));
      case 1: {
        List<Query> cs = new ArrayList<>();
        int k = 2 + r.nextInt(3);
        for (int i = 0; i < k; i++) cs.add(r.nextInt(5) == 0 ? new Query.Not(randomQuery(r, depth + 1)) : randomQuery(r, depth + 1));
        return new Query.And(cs);
      }
      case 2: {
        List<Query> cs = new ArrayList<>();
        int k = 2 + r.nextInt(2);
        for (int i = 0; i < k; i++) cs.add(randomQuery(r, depth + 1));
        return new Query.Or(cs);
      }
      case 3:
        return new Query.Not(randomQuery(r, depth + 1));
      case 4:
        return new Query.And(List.of(new Query.Term(randomTerm(r)), new Query.Term(randomTerm(r))));
      default:
        return new Query.And(
            List.of(
                new Query.Term(randomTerm(r)),
                new Query.Or(List.of(new Query.Term(randomTerm(r)), new Query.Term(randomTerm(r)))),
                new Query.Not(new Query.Term(randomTerm(r)))));
    }
  }
}
