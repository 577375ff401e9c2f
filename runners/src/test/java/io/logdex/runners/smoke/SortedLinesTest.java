package io.logdex.runners.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedLinesTest {
  @Test
  void outputIsSortedWhateverTheArrivalOrderAndSplit() {
    Random random = new Random(9);
    SortedLines fn = new SortedLines();
    for (int trial = 0; trial < 100; trial++) {
      List<String> lines = new ArrayList<>();
      int n = random.nextInt(200);
      for (int i = 0; i < n; i++) lines.add("k" + random.nextInt(1000) + "\t" + random.nextInt(50));
      List<String> sorted = new ArrayList<>(lines);
      Collections.sort(sorted);
      String expected = String.join("\n", sorted);

      Collections.shuffle(lines, random);
      List<List<String>> accs = new ArrayList<>();
      int parts = 1 + random.nextInt(5);
      for (int p = 0; p < parts; p++) accs.add(fn.createAccumulator());
      for (String line : lines) fn.addInput(accs.get(random.nextInt(parts)), line);
      Collections.shuffle(accs, random);
      assertEquals(expected, fn.extractOutput(fn.mergeAccumulators(accs)));
    }
  }

  @Test
  void sortsByCodeUnitsNotNumbers() {
    SortedLines fn = new SortedLines();
    List<String> acc = fn.createAccumulator();
    for (String s : new String[] {"k10", "k9", "k1", "K2"}) fn.addInput(acc, s);
    assertEquals("K2\nk1\nk10\nk9", fn.extractOutput(acc));
  }

  @Test
  void nothingInIsEmptyText() {
    SortedLines fn = new SortedLines();
    assertEquals("", fn.extractOutput(fn.createAccumulator()));
  }
}
