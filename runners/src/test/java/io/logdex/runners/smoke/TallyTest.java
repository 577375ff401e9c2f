package io.logdex.runners.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TallyTest {
  @Test
  void anySplitAndMergeOrderGivesTheSequentialTally() {
    Random random = new Random(11);
    TallyFn fn = new TallyFn();
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(300);
      long[] digests = new long[n];
      Tally expected = new Tally();
      for (int i = 0; i < n; i++) {
        digests[i] = random.nextLong();
        expected.add(digests[i]);
      }
      // Split the inputs over random partitions, as a runner's bundles would, and merge in a
      // shuffled order and in nested groups, as combiner lifting and a restart may.
      int parts = 1 + random.nextInt(8);
      List<Tally> accs = new ArrayList<>();
      for (int p = 0; p < parts; p++) accs.add(fn.createAccumulator());
      for (long d : digests) fn.addInput(accs.get(random.nextInt(parts)), d);
      Collections.shuffle(accs, random);
      int cut = random.nextInt(parts + 1);
      Tally left = fn.mergeAccumulators(accs.subList(0, cut));
      Tally right = fn.mergeAccumulators(accs.subList(cut, parts));
      Tally merged = fn.extractOutput(fn.mergeAccumulators(List.of(right, left)));
      assertEquals(expected, merged);
      assertEquals(n, merged.count());
    }
  }

  @Test
  void sumWrapsLikeLongArithmetic() {
    Tally t = new Tally();
    t.add(Long.MAX_VALUE);
    t.add(1);
    assertEquals(Long.MIN_VALUE, t.digestSum());
    assertEquals("2\t8000000000000000", t.toString());
    assertEquals("0\t0000000000000000", new Tally().toString());
  }

  @Test
  void coderRoundTripsAnyValue() throws IOException {
    Random random = new Random(5);
    long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    for (int i = 0; i < 500; i++) {
      long count = i < edges.length ? edges[i] : random.nextLong();
      long sum = i < edges.length ? edges[edges.length - 1 - i] : random.nextLong();
      Tally t = new Tally(count, sum);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TallyCoder.of().encode(t, out);
      assertEquals(t, TallyCoder.of().decode(new ByteArrayInputStream(out.toByteArray())));
    }
  }

  @Test
  void coderIsDeterministic() throws Exception {
    TallyCoder.of().verifyDeterministic();
  }
}
