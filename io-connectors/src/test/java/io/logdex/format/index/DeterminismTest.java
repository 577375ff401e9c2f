package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same entries give byte-identical files whatever the bundles, budget, run order or fan-in. */
class DeterminismTest {
  @TempDir Path tmp;

  static TreeMap<String, byte[]> files(Path dir) throws IOException {
    TreeMap<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) m.put(p.getFileName().toString(), Files.readAllBytes(p));
    }
    return m;
  }

  static void assertSameFiles(Path a, Path b) throws IOException {
    TreeMap<String, byte[]> fa = files(a);
    TreeMap<String, byte[]> fb = files(b);
    assertEquals(fa.keySet(), fb.keySet());
    for (String name : fa.keySet()) assertArrayEquals(fa.get(name), fb.get(name), name);
  }

  @Test
  void buildsAreByteIdenticalAcrossSplitsBudgetsAndFanIn() throws IOException {
    for (long seed = 1; seed <= 2; seed++) {
      IndexFixture f = IndexFixture.generate(seed, 1200);
      IndexOptions io = new IndexOptions(3, 10);
      Path a = tmp.resolve(seed + "a");
      Path b = tmp.resolve(seed + "b");
      Path c = tmp.resolve(seed + "c");
      f.build(a, tmp.resolve(seed + "wa"), io, new BuildOptions(64 * 1024, 2), 9, seed * 10 + 1);
      f.build(b, tmp.resolve(seed + "wb"), io, BuildOptions.defaults(), 1, seed * 10 + 2);
      f.build(c, tmp.resolve(seed + "wc"), io, new BuildOptions(200 * 1024, 5), 4, seed * 10 + 3);
      assertSameFiles(a, b);
      assertSameFiles(a, c);
      // Only the index's own files remain, and the work directories are empty.
      assertEquals(1 + 1 + 1 + 1 + 3 * 3, files(a).size()); // manifest, doc table, lengths, typed columns, 3 partitions
      try (Stream<Path> s = Files.list(tmp.resolve(seed + "wa"))) {
        assertEquals(0, s.count());
      }
    }
  }

  @Test
  void multiPassMergesMatchOnePassInAnyRunOrder() throws IOException {
    IndexFixture f = IndexFixture.generate(9, 2000);
    IndexOptions io = new IndexOptions(2, 5);
    BuildOptions small = new BuildOptions(64 * 1024, 2);
    Path work = Files.createDirectories(tmp.resolve("runs"));
    List<RunDescriptor> runs = new ArrayList<>();
    Random r = new Random(5);
    List<ShardBuilder> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) shards.add(new ShardBuilder(work, "s" + i, io, small));
    for (DocRecord d : f.records) shards.get(r.nextInt(3)).addDocument(d);
    for (IndexFixture.Posting p : f.postings) shards.get(r.nextInt(3)).addTerm(p.doc, p.term, p.payload);
    for (ShardBuilder s : shards) {
      runs.addAll(s.finish());
      assertTrue(s.spillCount() > 1);
    }
    long termRunsP0 = runs.stream().filter(x -> x.kind() == RunDescriptor.Kind.TERMS && x.partition() == 0).count();
    assertTrue(termRunsP0 > 8, "want many runs per partition, got " + termRunsP0);

    Path[] outs = new Path[3];
    int[] fanIns = {2, 3, 4096};
    for (int k = 0; k < 3; k++) {
      outs[k] = Files.createDirectories(tmp.resolve("out" + k));
      List<RunDescriptor> order = new ArrayList<>(runs);
      Collections.shuffle(order, new Random(k));
      RunMerger m = new RunMerger(new BuildOptions(64 * 1024, fanIns[k]));
      List<PartitionSummary> parts = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        int part = p;
        parts.add(m.mergeTermRuns(p, order.stream().filter(x -> x.kind() == RunDescriptor.Kind.TERMS && x.partition() == part).toList(), io, outs[k], work));
      }
      DocTableSummary docs = m.mergeDocRuns(order.stream().filter(x -> x.kind() == RunDescriptor.Kind.DOCS).toList(), outs[k], work);
      IndexManifest.of(io, docs, parts, ColumnMerger.merge(List.of(), outs[k])).writeTo(outs[k]);
    }
    assertSameFiles(outs[0], outs[1]);
    assertSameFiles(outs[0], outs[2]);
    // Intermediate runs are gone; the inputs are untouched.
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(runs.size(), s.count());
    }
    try (IndexReader reader = IndexReader.open(outs[0], ReaderOptions.defaults())) {
      assertEquals(f.docs.size(), reader.stats().docs());
      assertEquals(f.totalPostings(), reader.stats().postings());
    }
  }
}
