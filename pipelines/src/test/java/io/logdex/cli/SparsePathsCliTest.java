package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import io.logdex.transforms.BuildOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse snapshot path terms against a model: for random JSON and Tony documents (wide arrays
 * of tiny scalars, deep chains, big strings, keys with escapes, tags, sparse keys, keyed arrays)
 * built with a span T small enough that most nodes have no term, {@code get} of every node that
 * {@code paths} lists equals that node's bytes parsed; and the walk from a node's nearest indexed
 * ancestor reaches it within T bytes of the ancestor's start, as FORMAT.md proves.
 */
class SparsePathsCliTest {
  @TempDir Path tmp;

  @Test
  void everyNodeReadsBackAndTheWalkStaysWithinTheSpan() throws Exception {
    Random rnd = new Random(20261205);
    int saved = IndexFormat.snapshotPathSpan();
    long nodes = 0;
    long unindexed = 0;
    try {
      for (int round = 0; round < 8; round++) {
        int span = new int[] {256, 64, 1024}[round % 3];
        IndexFormat.setSnapshotPathSpanForTests(span);
        boolean tony = round % 2 == 1;
        StringBuilder sb = new StringBuilder();
        Gen g = new Gen(rnd, tony);
        g.object(sb, 0);
        Path in = tmp.resolve("doc" + round + (tony ? ".tony" : ".json"));
        Files.writeString(in, sb, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(in);
        Path out = tmp.resolve("out" + round);
        int cap = 200 + rnd.nextInt(2000);
        BuildCliTest.Run b = BuildCliTest.logdex("build", "--snapshots=" + in, "--output=" + out,
            "--maxSubDocumentBytes=" + cap);
        assertEquals(0, b.code(), () -> b.err() + deadLetters(out));
        BuildCliTest.Run paths = BuildCliTest.logdex("paths", in.toString());
        assertEquals(0, paths.code(), paths.err());
        try (BuildOutput o = BuildOutput.open(out)) {
          assertTrue(manifestText(out).contains("\"snapshotPathSpan\": " + span), "the manifest records T");
          for (String line : paths.lines()) {
            String[] f = line.split("\t", 3);
            int off = Integer.parseInt(f[0]);
            int len = Integer.parseInt(f[1]);
            String why = "round " + round + " (T " + span + ", cap " + cap + "): " + f[2];
            Node expected = TreeParser.parse(bytes, off, len, in.toString());
            BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + out, "--to=wire", "--", f[2]);
            assertEquals(ExitCode.OK, r.code(), why + ": " + r.err());
            assertEquals(expected, TreeParser.parse(r.out().strip()), why);

            KindedPath p = KindedPath.parse(f[2]);
            SnapshotLookup.Hit h = SnapshotLookup.find(o, p, 0);
            assertNotNull(h, why);
            nodes++;
            if (h.recordPath().equals(p)) {
              assertEquals(off, h.doc().offset(), why + ": an indexed node's payload is its bytes");
              assertEquals(len, h.doc().length(), why);
              continue;
            }
            unindexed++;
            if (!SnapshotLookup.seeksFrom(h, p)) continue; // a keyed segment: resolved on a tree
            // paths spells a keyed array's elements [i], but the index names them (key): a walk
            // by [i] through one passes the keyed element's own term, so T does not bound it.
            if (new String(bytes, (int) h.doc().offset(), off - (int) h.doc().offset(), StandardCharsets.UTF_8)
                .contains("!key(")) {
              continue;
            }
            try (Tokenizer t = SnapshotLookup.seek(o, h, p)) {
              assertNotNull(t, why);
              assertEquals(off, t.nodeOffset(), why);
              long read = t.offset() + t.length() - h.doc().offset();
              assertTrue(read < span, why + ": walked " + read + " bytes from " + h.recordPath());
            }
          }
        }
      }
    } finally {
      IndexFormat.setSnapshotPathSpanForTests(saved);
    }
    assertTrue(unindexed * 2 > nodes, unindexed + " of " + nodes + " nodes without a term");
  }

  /**
   * Of several untagged snapshots, get reads the last given one that holds the path, as when
   * every path had a term: a nearest indexed ancestor alone does not say a snapshot holds it.
   */
  @Test
  void getFallsBackToTheSnapshotThatHoldsThePath() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("two"));
    Files.writeString(in.resolve("s1.json"), "{\"a\": {\"x\": 1, \"z\": [10, 11]}, \"c\": \"old\"}");
    Files.writeString(in.resolve("s2.json"), "{\"a\": {\"y\": 2, \"z\": [20]}, \"c\": \"new\"}");
    Path out = tmp.resolve("two-out");
    BuildCliTest.Run b = BuildCliTest.logdex("build", "--snapshots=" + in + "/s*.json", "--output=" + out);
    assertEquals(0, b.code(), b.err());
    String[][] cases = {{"a.x", "1"}, {"a.y", "2"}, {"c", "\"new\""}, {"a.z[0]", "20"}, {"a.z[1]", "11"}};
    for (String[] c : cases) {
      BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + out, c[0]);
      assertEquals(ExitCode.OK, r.code(), c[0] + ": " + r.err());
      assertEquals(c[1], r.out().strip(), c[0]);
    }
    assertEquals(ExitCode.NOT_FOUND, BuildCliTest.logdex("get", "--index=" + out, "a.w").code());
    assertEquals(ExitCode.NOT_FOUND, BuildCliTest.logdex("get", "--index=" + out, "a.z[2]").code());
  }

  private static String deadLetters(Path out) {
    try (var s = Files.walk(out)) {
      return s.filter(x -> x.toString().endsWith(".jsonl")).map(x -> {
        try {
          return Files.readString(x);
        } catch (java.io.IOException e) {
          return e.toString();
        }
      }).reduce("", String::concat);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static String manifestText(Path out) throws Exception {
    try (var s = Files.walk(out)) {
      Path m = s.filter(x -> x.endsWith("index/manifest.json")).findFirst().orElseThrow();
      return Files.readString(m);
    }
  }

  /** Random documents of the shapes the rule must handle. */
  private static final class Gen {
    private static final String[] JSON_KEYS = {"a", "b", "key with space", "q\\\"uote", "\\u00e9t\\u00e9",
      "dot.ted", "br[0]", "back\\\\slash", "日本", "tab\\t", ""};
    private static final String[] TONY_KEYS = {"a", "b2", "é", "s3://x", "q/r", "_", "x-9", "\"two words\"",
      "\"0\"", "\"esc\\\"q\""};
    private final Random rnd;
    private final boolean tony;
    private int budget = 6000;

    Gen(Random rnd, boolean tony) {
      this.rnd = rnd;
      this.tony = tony;
    }

    void object(StringBuilder sb, int depth) {
      sb.append('{');
      int n = 1 + rnd.nextInt(depth == 0 ? 12 : 6);
      boolean sparse = tony && rnd.nextInt(6) == 0;
      for (int i = 0; i < n && budget > 0; i++) {
        if (i > 0) sb.append(", ");
        if (sparse) sb.append(i * 7);
        else if (tony) sb.append(i < TONY_KEYS.length ? TONY_KEYS[i] : "k" + i);
        else sb.append('"').append(i < JSON_KEYS.length ? JSON_KEYS[i] : "k" + i).append('"');
        sb.append(": ");
        value(sb, depth + 1);
      }
      sb.append('}');
    }

    void value(StringBuilder sb, int depth) {
      budget--;
      boolean tagged = tony && rnd.nextInt(8) == 0;
      if (tagged) sb.append("!t").append(rnd.nextInt(3)).append(' ');
      int r = depth > 7 || budget <= 0 ? 9 + rnd.nextInt(3) : rnd.nextInt(12);
      switch (r) {
        case 0, 1 -> object(sb, depth);
        case 2 -> { // a wide array of tiny scalars
          sb.append('[');
          int n = 5 + rnd.nextInt(120);
          for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(rnd.nextInt(10));
          sb.append(']');
          budget -= n;
        }
        case 3 -> { // a deep chain
          int n = 5 + rnd.nextInt(60);
          boolean arrays = rnd.nextBoolean();
          for (int i = 0; i < n; i++) sb.append(arrays ? "[" : tony ? "{c: " : "{\"c\": ");
          sb.append(rnd.nextInt(100));
          for (int i = 0; i < n; i++) sb.append(arrays ? "]" : "}");
          budget -= n;
        }
        case 4 -> sb.append('"').append("big string ".repeat(20 + rnd.nextInt(300))).append('"');
        case 5 -> { // an array of containers, keyed in Tony
          boolean keyed = tony && !tagged && rnd.nextBoolean(); // one tag a value
          sb.append(keyed ? "!key(id) [" : "[");
          int n = 1 + rnd.nextInt(6);
          for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            if (keyed) {
              sb.append("{id: k").append(i).append(", v: ");
              value(sb, depth + 1);
              sb.append('}');
            } else {
              value(sb, depth + 1);
            }
          }
          sb.append(']');
        }
        case 6 -> sb.append(rnd.nextBoolean() ? "[]" : "{}");
        case 7, 8 -> sb.append(tony ? "word" + rnd.nextInt(9) : "\"s\\u00e9\\n" + rnd.nextInt(9) + "\"");
        case 9 -> sb.append(rnd.nextInt(1000) - 500);
        case 10 -> sb.append(new String[] {"true", "false", "null", "1.5e3"}[rnd.nextInt(4)]);
        default -> sb.append("\"x").append(rnd.nextInt(99)).append('"');
      }
    }
  }
}
