package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.index.BuildOptions;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.IndexOptions;
import io.logdex.format.index.RunDescriptor;
import io.logdex.format.index.ShardBuilder;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single pass over a sub-document's tokens gives exactly the terms of the tree walk: the same
 * run files, byte for byte, for random documents with awkward keys, tags, keyed arrays, escapes
 * and multi-byte text; and invalid records fail as the tree fails.
 */
class SnapshotTermsTest {
  @TempDir Path tmp;
  private int shards;

  private static final String[] KEYS = {
    "a", "name", "Name", "x_1", "a b", "a.b", "x[1]", "{2}", "(k)", "it's", "say \\\"hi\\\"",
    "it's \\\"both\\\" ''", "ключ", "日本語", "😀", "\\u00e9t\\u00e9", "tab\\there", "nl\\n",
    "ctl\\u0001", "lone\\ud800", "hi\\udc00lo", "", " ", "123", "-1", "1.5", "true", "null",
    "false", "*", "#x", "!bang", "a:b", "a,b", "back\\\\slash", "\\u0000", "é", "\u00a0nbsp",
    "dollar$", "sku", "x\\/y"
  };
  private static final String[] BARE_KEYS = {"a", "b2", "é", "s3://x", "q/r", "_", "7", "x-9"};
  private static final String[] WORDS = {
    "alpha", "Beta", "GAMMA_9", "x", "42", "é", "Été", "日本", "naïve", "😀", "a-b", "s3://bucket/k",
    "don't", "\\n", "\\u00e9", "\\\"q\\\"", "ÄÖÜ", "İstanbul", "ß", "x".repeat(140),
    "é".repeat(130), "MiXeD_Case99"
  };
  static final int[] SPANS = {1, 8, 64, IndexFormat.SNAPSHOT_PATH_SPAN};
  private static final String[] BASES = {"", "a", "root.\"x y\"", "[3]", "a{5}", "ключ[0]", "\"\""};

  @Test
  void randomDocumentsGiveTheTreesTerms() throws Exception {
    Random rnd = new Random(20261122);
    int walked = 0;
    int saved = IndexFormat.snapshotPathSpan();
    try {
      for (int i = 0; i < 400; i++) {
        // The sparse rule's span: every node indexed (1), fewer and fewer (8, 64), the format's.
        IndexFormat.setSnapshotPathSpanForTests(SPANS[i % SPANS.length]);
        boolean tony = rnd.nextBoolean();
        StringBuilder sb = new StringBuilder();
        container(rnd, sb, 1 + rnd.nextInt(5), tony);
        String base = BASES[rnd.nextInt(BASES.length)];
        SnapshotRecord r = record(base, sb.toString());
        String why = "doc " + i + ": " + sb;
        assertSameTerms(r, why);
        if (!sb.toString().contains("!key(")) {
          assertTrue(new SnapshotTerms.TokenWalk().index(newShard(), 1, r) >= 0, why);
          walked++;
        }
      }
    } finally {
      IndexFormat.setSnapshotPathSpanForTests(saved);
    }
    assertTrue(walked > 200, "walked " + walked);
  }

  @Test
  void keyedArraysAreNamedByTheirKeys() throws Exception {
    String doc = "{list: !key(sku) [{sku: W-1, n: 1}, {n: 2, sku: \"W 2\"}, {sku: W-1}, {x: 1},"
        + " {sku: [1]}], after: {b: c}}";
    SnapshotRecord r = record("inv", doc);
    assertEquals(-1, new SnapshotTerms.TokenWalk().index(newShard(), 1, r));
    assertSameTerms(r, doc);
    // The keyed spelling is really there: the tree names elements by key.
    assertTrue(runBytes(r, true).length > 0);
  }

  @Test
  void aPathSpellsAsPathSyntaxDoes() throws Exception {
    // One path per node: if a single segment were spelled differently, the runs would differ.
    for (String key : KEYS) {
      String doc = "{\"" + key + "\": {\"" + key + "\": [\"v\", {\"" + key + "\": 1}]}}";
      for (String base : BASES) assertSameTerms(record(base, doc), key + " under " + base);
    }
    assertSameTerms(record("", "{123: a, 4294967295: b, 4294967296: c, -1: d, 1.5: e}"), "numbers");
    assertSameTerms(record("s", "{a b c}"), "implicit nulls");
    assertSameTerms(record("", "[[[[]]], {}, [{}], !t {}]"), "empty containers");
  }

  @Test
  void aRepeatedKeyFailsAsTheTreeDoes() throws Exception {
    for (String doc : new String[] {
        "{\"a\": 1, \"a\": 2}", "{a: {b: 1, c: 2, b: 3}}", "{\"\\u0061\": 1, a: 2}",
        "{5: x, 5: y}", "[{k: 1}, {k: 2, k: 3}]"}) {
      SnapshotRecord r = record("p", doc);
      FormatException tree = assertThrows(FormatException.class, r::parse, doc);
      FormatException walk = assertThrows(FormatException.class,
          () -> SnapshotTerms.index(newShard(), 1, r, Long.MIN_VALUE), doc);
      assertEquals(tree.getMessage(), walk.getMessage(), doc);
    }
    // Same key text in different objects, a field and a sparse key, a quoted number: all distinct.
    assertSameTerms(record("", "{a: {a: 1}, b: {a: 2}, c: [{a: 3}, {a: 4}], 5: x, \"5\": y}"), "ok");
  }

  @Test
  void keysThatMerelyHashAlikeAreNotRepeats() throws Exception {
    // "Aa" and "BB" hash alike (String.hashCode), and so do all their concatenations.
    assertEquals("Aa".hashCode(), "BB".hashCode());
    StringBuilder sb = new StringBuilder("{");
    String[] parts = {"Aa", "BB"};
    for (int i = 0; i < 64; i++) {
      StringBuilder k = new StringBuilder();
      for (int b = 0; b < 6; b++) k.append(parts[i >> b & 1]);
      sb.append(k).append(": {").append(k).append(": 1, x").append(k).append(": 2}, ");
    }
    sb.append('}');
    assertSameTerms(record("h", sb.toString()), "colliding keys");
    assertTrue(new SnapshotTerms.TokenWalk().index(newShard(), 1, record("h", sb.toString())) >= 0);
  }

  @Test
  void manyKeysInOneObject() throws Exception {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 5000; i++) sb.append("k").append(i).append(": v").append(i % 7).append(", ");
    sb.append("}");
    assertSameTerms(record("big", sb.toString()), "5000 keys");
    sb.setLength(sb.length() - 1);
    sb.append("k4321: again}");
    SnapshotRecord r = record("big", sb.toString());
    assertThrows(FormatException.class, () -> SnapshotTerms.index(newShard(), 1, r, 3));
  }

  @Test
  void invalidRecordsFailAsTheTreeDoes() throws Exception {
    for (String doc : new String[] {"{a: 1", "{a: 1} x", "[1, ]]", "{a: [1, 2}", "[\"abc]"}) {
      SnapshotRecord r = record("p", doc);
      Exception tree = assertThrows(Exception.class, r::parse, doc);
      Exception walk = assertThrows(Exception.class,
          () -> SnapshotTerms.index(newShard(), 1, r, Long.MIN_VALUE), doc);
      assertEquals(tree.getClass(), walk.getClass(), doc);
      assertEquals(tree.getMessage(), walk.getMessage(), doc);
    }
  }

  @Test
  void keySetFindsRepeatsPerObject() {
    SnapshotTerms.KeySet s = new SnapshotTerms.KeySet();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10_000; i++) assertTrue(s.add(i % 97, i, 4), "first " + i);
      for (int i = 0; i < 10_000; i++) assertFalse(s.add(i % 97, i, 4), "again " + i);
      assertTrue(s.add(98, 5, 4));
      assertTrue(s.add(1, 1, 5));
      s.clear();
    }
  }

  // ---- helpers ----

  private static SnapshotRecord record(String path, String doc) {
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    long children = doc.startsWith("[") || doc.startsWith("{") || doc.startsWith("!") ? 1 : -1;
    return new SnapshotRecord("mem://f", SnapshotRecord.Kind.SUBDOCUMENT, path, 1000, b.length,
        children, b);
  }

  private void assertSameTerms(SnapshotRecord r, String why) throws Exception {
    byte[] tree = runBytes(r, true);
    byte[] walk = runBytes(r, false);
    assertArrayEquals(tree, walk, why);
  }

  /** Every run file a shard writes for the record, concatenated in name order, then the words. */
  private byte[] runBytes(SnapshotRecord r, boolean tree) throws Exception {
    ShardBuilder shard = newShard();
    int words;
    if (tree) {
      shard.addPath(7, r.path(), r.offset(), r.length());
      shard.addField(7, "commit", "12");
      words = SnapshotTerms.indexTree(shard, 7, r);
    } else {
      words = SnapshotTerms.index(shard, 7, r, 12);
    }
    List<RunDescriptor> runs = new ArrayList<>(shard.finish());
    runs.sort(Comparator.comparing(RunDescriptor::path));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RunDescriptor d : runs) out.write(Files.readAllBytes(Path.of(d.path())));
    out.write(("words=" + words).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private ShardBuilder newShard() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("s" + shards));
    return new ShardBuilder(dir, "s" + shards++, new IndexOptions(2, 8), BuildOptions.defaults());
  }

  static void container(Random rnd, StringBuilder sb, int depth, boolean tony) {
    boolean tagged = tony && rnd.nextInt(6) == 0;
    if (tagged) sb.append("!t ");
    if (rnd.nextBoolean()) {
      if (tony && rnd.nextInt(8) == 0) {
        // {a b}: keys holding implicit nulls
        sb.append('{');
        Set<String> seen = new HashSet<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          String k = BARE_KEYS[rnd.nextInt(BARE_KEYS.length)];
          if (seen.add(k)) sb.append(k).append(' ');
        }
        sb.append('}');
        return;
      }
      sb.append('{');
      Set<String> seen = new HashSet<>();
      int n = rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        boolean bare = tony && rnd.nextInt(4) == 0;
        String k = bare ? BARE_KEYS[rnd.nextInt(BARE_KEYS.length)] : KEYS[rnd.nextInt(KEYS.length)];
        // Keys that decode alike would be a repeated key, which has its own test. An unquoted
        // integer is a sparse key; any other key is a field named by its decoded text.
        String id = bare && k.matches("[0-9]+") ? "#" + k : k.replace("\\u00e9", "é");
        if (!seen.add(id)) continue;
        sb.append(bare ? k : "\"" + k + "\"").append(": ");
        value(rnd, sb, depth - 1, tony);
        sb.append(i + 1 < n || (tony && rnd.nextBoolean()) ? ", " : "");
      }
      sb.append('}');
    } else {
      boolean keyed = tony && !tagged && rnd.nextInt(4) == 0;
      if (keyed) sb.append(rnd.nextBoolean() ? "!key(sku) " : "!key(meta.id) ");
      sb.append('[');
      int n = rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (keyed && rnd.nextInt(3) > 0) {
          sb.append("{sku: ").append(rnd.nextInt(3)).append(", meta: {id: \"")
              .append(WORDS[rnd.nextInt(4)]).append("\"}}");
        } else {
          value(rnd, sb, depth - 1, tony);
        }
        sb.append(i + 1 < n ? ", " : "");
      }
      sb.append(']');
    }
  }

  private static void value(Random rnd, StringBuilder sb, int depth, boolean tony) {
    int c = rnd.nextInt(10);
    if (depth > 0 && c < 4) {
      container(rnd, sb, depth, tony);
      return;
    }
    if (tony && rnd.nextInt(8) == 0) sb.append(rnd.nextBoolean() ? "!t " : "!key(x) ");
    switch (rnd.nextInt(7)) {
      case 0:
        sb.append(rnd.nextInt(2000) - 1000);
        break;
      case 1:
        sb.append(rnd.nextBoolean() ? "true" : rnd.nextBoolean() ? "false" : "null");
        break;
      case 2:
        sb.append("1.5e").append(rnd.nextInt(9));
        break;
      case 3:
        if (tony) {
          sb.append(new String[] {"active", "s3://b/k.json", "Été", "x_Y"}[rnd.nextInt(4)]);
          break;
        }
        // fall through
      default:
        sb.append('"');
        for (int w = rnd.nextInt(5); w >= 0; w--) {
          sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextBoolean() ? " " : ", ");
        }
        sb.append('"');
    }
  }
}
