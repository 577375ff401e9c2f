package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place term paths of {@link ShardBuilder} (ASCII words and field terms built without
 * Strings, the radix sort of a spill) against the general rule they shortcut.
 */
class ShardBuilderTermsTest {
  @TempDir Path tmp;

  private static final String[] PIECES = {
    "GET", "put", "Img_655_of_1024", "2025-10-09T10:14:07.151693311Z", "/mnt/nvme0/dlio/x.tfrecord",
    "café", "STRASSE", "straße", "日本", "ÉCOLE", "a:b", "", " ", "--", "x\uD83D\uDE00y", "\uD800", "_",
    "0", "ǅ", "İstanbul", "K", "Ω"
  };

  private static String randomText(Random r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0:
          s.append(PIECES[r.nextInt(PIECES.length)]);
          break;
        case 1: // a long ASCII run, across the 128 code point cut
          for (int k = 120 + r.nextInt(20); k > 0; k--) s.append((char) ('A' + r.nextInt(26)));
          break;
        default:
          for (int k = r.nextInt(12); k > 0; k--) s.append((char) (32 + r.nextInt(95)));
      }
    }
    return s.toString();
  }

  @Test
  void wordsAndFieldsMatchTheGeneralRule() throws IOException {
    Random r = new Random(17);
    IndexOptions opts = new IndexOptions(3, 0);
    ShardBuilder fast = new ShardBuilder(Files.createDirectories(tmp.resolve("a")), "a", opts, BuildOptions.defaults());
    ShardBuilder slow = new ShardBuilder(Files.createDirectories(tmp.resolve("b")), "b", opts, BuildOptions.defaults());
    for (long doc = 0; doc < 3000; doc++) {
      String text = randomText(r);
      int[] words = new int[1];
      Words.forEach(text, w -> words[0]++);
      assertEquals(words[0], fast.addWords(doc, text), text);
      long d = doc;
      Words.forEach(text, w -> {
        try {
          slow.addTerm(d, Terms.word(w));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      String name = r.nextInt(10) == 0 ? "né" : "f" + r.nextInt(20);
      String value = r.nextInt(5) == 0 ? randomText(r) + "x".repeat(r.nextInt(300)) : randomText(r);
      fast.addField(doc, name, value);
      slow.addTerm(doc, Terms.field(name, value));
    }
    assertEquals(postings(slow.finish()), postings(fast.finish()));
  }

  @Test
  void badFieldNamesAreRejectedAsBefore() {
    ShardBuilder b = new ShardBuilder(tmp, "c", new IndexOptions(1, 0), BuildOptions.defaults());
    assertThrows(IllegalArgumentException.class, () -> b.addField(0, "a:b", "v"));
    assertThrows(IllegalArgumentException.class, () -> b.addField(0, "", "v"));
    assertThrows(IllegalArgumentException.class, () -> b.addField(0, "n".repeat(257), "v"));
  }

  /** Terms sharing long prefixes, prefixes of each other and single bytes, over small spills. */
  @Test
  void spillsWriteEveryTermInOrder() throws IOException {
    for (int partitions : new int[] {1, 4}) {
      Random r = new Random(partitions);
      ShardBuilder b = new ShardBuilder(Files.createDirectories(tmp.resolve("s" + partitions)), "s",
          new IndexOptions(partitions, 0), new BuildOptions(96 * 1024, 8));
      Set<String> expected = new HashSet<>();
      for (long doc = 0; doc < 4000; doc++) {
        for (int k = 0; k < 5; k++) {
          byte[] term = randomTerm(r);
          b.addTerm(doc, term);
          expected.add(Arrays.toString(term) + "@" + doc);
        }
      }
      List<RunDescriptor> runs = b.finish();
      assertTrue(b.spillCount() > 3, "spills " + b.spillCount());
      Set<String> seen = new HashSet<>();
      for (RunDescriptor d : runs) {
        if (d.kind() != RunDescriptor.Kind.TERMS) continue;
        // The reader rejects any term or docId out of order.
        try (TermRunReader in = new TermRunReader(d)) {
          while (in.next()) {
            byte[] t = Arrays.copyOf(in.term, in.termLen);
            assertEquals(d.partition(), Partitioner.partition(t, partitions));
            assertTrue(seen.add(Arrays.toString(t) + "@" + in.docId));
          }
        }
      }
      assertEquals(expected, seen);
    }
  }

  /** Terms that are prefixes of each other, deeper than the radix sort recurses. */
  @Test
  void nestedPrefixTermsSort() throws IOException {
    ShardBuilder b = new ShardBuilder(Files.createDirectories(tmp.resolve("n")), "n",
        new IndexOptions(1, 0), BuildOptions.defaults());
    Random r = new Random(5);
    int n = 3000;
    for (int k = 0; k < n; k++) {
      int len = 1 + r.nextInt(2000);
      byte[] t = new byte[len];
      Arrays.fill(t, (byte) 'p');
      if (r.nextBoolean()) t[len - 1] = (byte) 'q';
      b.addTerm(k, t);
    }
    long entries = 0;
    for (RunDescriptor d : b.finish()) {
      if (d.kind() != RunDescriptor.Kind.TERMS) continue;
      try (TermRunReader in = new TermRunReader(d)) {
        while (in.next()) entries++;
      }
    }
    assertEquals(n, entries);
  }

  private static byte[] randomTerm(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return new byte[] {(byte) r.nextInt(256)};
      case 1: {
        String s = "fstart:2025-10-09T10:14:0" + r.nextInt(10) + "." + r.nextInt(1000);
        return s.substring(0, s.length() - r.nextInt(3)).getBytes(StandardCharsets.UTF_8);
      }
      case 2: {
        byte[] t = new byte[1 + r.nextInt(40)];
        r.nextBytes(t);
        return t;
      }
      default:
        return ("w" + "ab".repeat(r.nextInt(12)) + (char) ('a' + r.nextInt(3))).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Every (partition, term, docId) the runs hold, in run and entry order. */
  private static List<String> postings(List<RunDescriptor> runs) throws IOException {
    List<String> out = new ArrayList<>();
    for (RunDescriptor d : runs) {
      if (d.kind() != RunDescriptor.Kind.TERMS) continue;
      try (TermRunReader in = new TermRunReader(d)) {
        while (in.next()) out.add(d.partition() + " " + Terms.describe(Arrays.copyOf(in.term, in.termLen)) + " " + in.docId);
      }
    }
    assertTrue(out.size() > 1000, "postings " + out.size());
    return out;
  }
}
