package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardBuilderTest {
  @TempDir Path tmp;

  @Test
  void memoryStaysWithinTheBudget() throws IOException {
    long budget = 256 * 1024;
    ShardBuilder b = new ShardBuilder(Files.createDirectories(tmp.resolve("w")), "m", new IndexOptions(4, 0), new BuildOptions(budget, 8));
    Random r = new Random(3);
    long max = 0;
    for (long doc = 0; doc < 20000; doc++) {
      b.addDocument(new DocRecord(doc, 1, doc * 10, 10, 3));
      for (int k = 0; k < 6; k++) {
        b.addTerm(doc, Terms.word("w" + r.nextInt(r.nextBoolean() ? 50 : 100000)));
        max = Math.max(max, b.bytesAllocated());
      }
      b.addPath(doc, "a.b[" + r.nextInt(1000) + "]", doc, 7, -doc);
      max = Math.max(max, b.bytesAllocated());
    }
    List<RunDescriptor> runs = b.finish();
    assertTrue(max <= budget, "peak " + max);
    assertTrue(max > budget / 2, "budget mostly used: peak " + max);
    assertTrue(b.spillCount() > 10, "spills " + b.spillCount());
    long postings = 0;
    for (RunDescriptor d : runs) if (d.kind() == RunDescriptor.Kind.TERMS) postings += d.entries();
    assertTrue(postings <= 20000 * 7 && postings > 20000 * 4);
  }

  /**
   * Queued terms are interned later and in batches, yet the runs (and so the spills) must be those
   * of the same terms added one by one: the same bytes, file by file. Records of up to 200 terms
   * (over the queue's 64), terms up to the longest allowed (over its bytes), payload terms, typed
   * values and documents in between.
   */
  @Test
  void queuedTermsMakeTheSameRunsAsAddedOnes() throws IOException {
    Path one = Files.createDirectories(tmp.resolve("one"));
    Path queued = Files.createDirectories(tmp.resolve("queued"));
    BuildOptions small = new BuildOptions(256 * 1024, 8);
    ShardBuilder a = new ShardBuilder(one, "m", new IndexOptions(3, 0), small);
    ShardBuilder b = new ShardBuilder(queued, "m", new IndexOptions(3, 0), small);
    Random r = new Random(11);
    byte[] big = new byte[IndexFormat.MAX_TERM_BYTES + 8];
    for (long doc = 0; doc < 3000; doc++) {
      int terms = r.nextInt(20) == 0 ? 200 : r.nextInt(30);
      for (int k = 0; k < terms; k++) {
        int len;
        int off = r.nextInt(8);
        if (r.nextInt(500) == 0) {
          len = IndexFormat.MAX_TERM_BYTES - r.nextInt(3);
          Arrays.fill(big, (byte) ('a' + r.nextInt(3)));
        } else {
          byte[] w = Terms.word("w" + r.nextInt(r.nextBoolean() ? 40 : 50000));
          len = w.length;
          System.arraycopy(w, 0, big, off, len);
        }
        a.addTerm(doc, big, off, len, new long[0], 0);
        b.queueTerm(doc, big, off, len);
        if (r.nextInt(40) == 0) {
          String path = "p[" + r.nextInt(100) + "]";
          a.addPath(doc, path, doc, 1);
          b.addPath(doc, path, doc, 1);
        }
        if (k == 0 && r.nextInt(3) == 0) { // one typed value of a name per doc
          assertEquals(a.addTyped(doc, "n", TypedValues.NUMBER, k), b.addTyped(doc, "n", TypedValues.NUMBER, k));
        }
        if (r.nextInt(100) == 0) b.flushTerms();
      }
      a.addDocument(new DocRecord(doc, 1, doc * 10, 10, terms));
      b.addDocument(new DocRecord(doc, 1, doc * 10, 10, terms));
    }
    List<RunDescriptor> ra = a.finish();
    List<RunDescriptor> rb = b.finish();
    assertTrue(a.spillCount() > 5, "spills " + a.spillCount());
    assertEquals(a.spillCount(), b.spillCount());
    assertEquals(a.postingsAdded(), b.postingsAdded());
    assertEquals(ra.size(), rb.size());
    for (int i = 0; i < ra.size(); i++) {
      Path pa = Path.of(ra.get(i).path());
      Path pb = Path.of(rb.get(i).path());
      assertEquals(one.relativize(pa), queued.relativize(pb));
      assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), pa.getFileName().toString());
    }
  }

  /**
   * A field queued from ASCII bytes is the term addField makes of the same strings, and whatever
   * queueAsciiField declines (non-ASCII, ':' or an empty or over-long name) it declines before
   * adding anything: runs equal to addField's, with values over the cut, upper case and
   * punctuation.
   */
  @Test
  void queuedAsciiFieldsAreAddFieldsTerms() throws IOException {
    Path one = Files.createDirectories(tmp.resolve("fone"));
    Path queued = Files.createDirectories(tmp.resolve("fqueued"));
    BuildOptions small = new BuildOptions(256 * 1024, 8);
    ShardBuilder a = new ShardBuilder(one, "f", new IndexOptions(3, 0), small);
    ShardBuilder b = new ShardBuilder(queued, "f", new IndexOptions(3, 0), small);
    Random r = new Random(12);
    String[] names = {"kind", "Name", "a", "x".repeat(Terms.MAX_FIELD_NAME_BYTES), "x".repeat(Terms.MAX_FIELD_NAME_BYTES + 1), "", "a:b", "n\u00e4me"};
    int declined = 0;
    for (long doc = 0; doc < 2000; doc++) {
      for (int k = 0, n = r.nextInt(12); k < n; k++) {
        String name = names[r.nextInt(names.length)];
        StringBuilder v = new StringBuilder();
        for (int i = 0, len = r.nextInt(10) == 0 ? 250 + r.nextInt(20) : r.nextInt(12); i < len; i++) {
          int c = r.nextInt(20);
          v.append(c == 0 ? '\u00e9' : c < 4 ? (char) ('A' + r.nextInt(26)) : c < 6 ? ':' : (char) ('a' + r.nextInt(26)));
        }
        String value = v.toString();
        byte[] nb = name.getBytes(StandardCharsets.UTF_8);
        byte[] vb = ("..." + value).getBytes(StandardCharsets.UTF_8);
        if (!b.queueAsciiField(doc, nb, 0, nb.length, vb, 3, vb.length - 3)) {
          declined++;
          if (name.isEmpty() || name.indexOf(':') >= 0 || nb.length > Terms.MAX_FIELD_NAME_BYTES) continue;
          b.addField(doc, name, value);
        }
        if (name.isEmpty() || name.indexOf(':') >= 0 || nb.length > Terms.MAX_FIELD_NAME_BYTES) continue;
        a.addField(doc, name, value);
      }
      a.addDocument(new DocRecord(doc, 1, doc * 10, 10, 0));
      b.addDocument(new DocRecord(doc, 1, doc * 10, 10, 0));
    }
    assertTrue(declined > 100, "declined " + declined);
    List<RunDescriptor> ra = a.finish();
    List<RunDescriptor> rb = b.finish();
    assertEquals(a.postingsAdded(), b.postingsAdded());
    assertEquals(ra.size(), rb.size());
    for (int i = 0; i < ra.size(); i++) {
      assertArrayEquals(Files.readAllBytes(Path.of(ra.get(i).path())), Files.readAllBytes(Path.of(rb.get(i).path())));
    }
  }

  @Test
  void aQueuedTermOfABadLengthFailsAtOnce() throws IOException {
    ShardBuilder b = new ShardBuilder(Files.createDirectories(tmp.resolve("bad")), "m", new IndexOptions(1, 0), BuildOptions.defaults());
    byte[] t = new byte[IndexFormat.MAX_TERM_BYTES + 1];
    assertThrows(IllegalArgumentException.class, () -> b.queueTerm(0, t, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> b.queueTerm(0, t, 0, t.length));
    assertThrows(IllegalArgumentException.class, () -> b.queueTerm(-1, t, 0, 1));
  }

  /** Block, skip-group and inline boundaries of the postings layout, with payloads throughout. */
  @Test
  void postingsAtLayoutBoundaries() throws IOException {
    int[] sizes = {1, 2, 127, 128, 129, 255, 256, 257, 4095, 4096, 4097, 4224, 4225, 9000};
    LocalIndexBuilder lb = new LocalIndexBuilder(tmp.resolve("idx"), tmp.resolve("work"), new IndexOptions(2, 3), BuildOptions.defaults());
    ShardBuilder b = lb.newShard();
    Random r = new Random(9);
    long[][] docsOf = new long[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      long[] d = new long[sizes[s]];
      long cur = r.nextInt(3);
      for (int i = 0; i < d.length; i++) {
        d[i] = cur;
        cur += 1 + (r.nextInt(50) == 0 ? (1L << 41) : r.nextInt(s % 3 == 0 ? 2 : 300));
      }
      docsOf[s] = d;
      for (int i = d.length - 1; i >= 0; i--) {
        b.addDocument(new DocRecord(d[i], 0, 0, 0, 0));
        if (i % 3 == 0) b.addTerm(d[i], Terms.word("t" + s));
        else b.addTerm(d[i], Terms.word("t" + s), d[i], -i);
      }
    }
    lb.finish();
    try (IndexReader reader = IndexReader.open(tmp.resolve("idx"), new ReaderOptions(1 << 20))) {
      long[] buf = new long[3];
      for (int s = 0; s < sizes.length; s++) {
        long[] d = docsOf[s];
        PostingsIterator it = reader.postings(Terms.word("t" + s));
        assertEquals(d.length, it.docFreq());
        for (int i = 0; i < d.length; i++) {
          assertEquals(d[i], it.nextDoc());
          int n = it.payload(buf);
          if (i % 3 == 0) assertEquals(0, n);
          else assertArrayEquals(new long[] {d[i], -i}, Arrays.copyOf(buf, n));
        }
        assertEquals(DocIdIterator.NO_MORE_DOCS, it.nextDoc());
        // Jump through with advance, landing exactly on every 97th doc and just past others.
        PostingsIterator jump = reader.postings(Terms.word("t" + s));
        for (int i = 0; i < d.length; i += 97) {
          assertEquals(d[i], jump.advance(d[i]));
          if (i % 3 != 0) assertArrayEquals(new long[] {d[i], -i}, Arrays.copyOf(buf, jump.payload(buf)));
          if (i + 1 < d.length) assertEquals(d[i + 1], jump.advance(d[i] + 1));
        }
        assertEquals(DocIdIterator.NO_MORE_DOCS, jump.advance(d[d.length - 1] + 1));
        // Exactly onto the last and first docs of blocks and skip groups, from a fresh iterator
        // (nothing decoded yet) and from a running one.
        PostingsIterator running = reader.postings(Terms.word("t" + s));
        for (int i = 0; i < d.length; i++) {
          int inBlock = i % IndexFormat.BLOCK_DOCS;
          if (inBlock != 0 && inBlock != IndexFormat.BLOCK_DOCS - 1) continue;
          assertEquals(d[i], reader.postings(Terms.word("t" + s)).advance(d[i]), "fresh to " + i);
          assertEquals(d[i], running.advance(d[i]), "running to " + i);
          if (i > 0) assertEquals(d[i], reader.postings(Terms.word("t" + s)).advance(d[i - 1] + 1), "fresh past " + (i - 1));
        }
      }
      // AND counts (the block-level intersection) and AND iteration against brute force.
      for (int x = 0; x < sizes.length; x++) {
        for (int y = x + 1; y < sizes.length; y++) {
          java.util.Set<Long> sx = new java.util.HashSet<>();
          for (long v : docsOf[x]) sx.add(v);
          long both = Arrays.stream(docsOf[y]).filter(sx::contains).count();
          Query q = Query.parse("t" + x + " t" + y);
          assertEquals(both, reader.count(q), q.toString());
          DocIdIterator it = reader.iterator(q);
          long n = 0;
          while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) n++;
          assertEquals(both, n, q.toString());
          for (int z = y + 1; z < sizes.length; z += 4) {
            java.util.Set<Long> sz = new java.util.HashSet<>();
            for (long v : docsOf[z]) sz.add(v);
            long all3 = Arrays.stream(docsOf[y]).filter(v -> sx.contains(v) && sz.contains(v)).count();
            assertEquals(all3, reader.count(Query.parse("t" + x + " t" + y + " t" + z)));
          }
        }
      }
      assertEquals(List.of("word:t13=9000", "word:t12=4225", "word:t11=4224"),
          reader.stats().topTerms().stream().map(TermFreq::toString).toList());
    }
  }

  @Test
  void anEmptyIndexIsValid() throws IOException {
    LocalIndexBuilder lb = new LocalIndexBuilder(tmp.resolve("empty"), tmp.resolve("w"), new IndexOptions(3, 5), BuildOptions.defaults());
    lb.newShard();
    IndexManifest m = lb.finish();
    assertEquals(0, m.docs());
    try (IndexReader r = IndexReader.open(tmp.resolve("empty"), ReaderOptions.defaults())) {
      assertEquals(0, r.count(Query.parse("anything")));
      assertEquals(0, r.count(Query.parse("-anything")));
      assertEquals(0, r.search(Query.parse("-x"), 10).size());
      assertTrue(!r.termsWithPrefix(new byte[0]).next());
      assertEquals(0, r.stats().topTerms().size());
      r.verify();
    }
  }
}
