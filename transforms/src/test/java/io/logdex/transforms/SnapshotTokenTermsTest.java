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
import io.logdex.format.token.DocumentMode;
import io.logdex.io.snapshot.SnapshotIO;
import io.logdex.io.snapshot.SnapshotItem;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terms taken from the reader's one pass are exactly those of the walk over each sub-document's
 * own bytes: the same run files, byte for byte, and the same word counts, for random JSON and
 * Tony documents and streams cut with small caps and read in split ranges (so readers resume deep
 * inside big containers); records the pass cannot take (keyed arrays, repeated keys) go to the
 * walk, which fails as the tree does.
 */
class SnapshotTokenTermsTest {
  @TempDir Path tmp;
  private int shards;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  void onePassGivesTheWalksTerms() throws Exception {
    Random rnd = new Random(20261204);
    long taken = 0;
    long declined = 0;
    int saved = IndexFormat.snapshotPathSpan();
    try {
      for (int round = 0; round < 16; round++) {
        IndexFormat.setSnapshotPathSpanForTests(SnapshotTermsTest.SPANS[(round / 2) % SnapshotTermsTest.SPANS.length]);
        boolean tony = round % 2 == 1;
        boolean stream = round % 4 >= 2;
        StringBuilder sb = new StringBuilder();
        int docs = stream ? 3 : 1;
        for (int d = 0; d < docs; d++) {
          sb.append('{');
          for (int i = 0; i < 40; i++) {
            if (i > 0) sb.append(", ");
            sb.append("\"k").append(i).append("\": ");
            SnapshotTermsTest.container(rnd, sb, 1 + rnd.nextInt(5), tony);
          }
          sb.append("}\n");
        }
        // Read as Tony (which reads JSON too): the generator's JSON may hold a trailing comma.
        Path f = tmp.resolve("doc" + round + ".tony");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        long cap = 40 + rnd.nextInt(600);
        SnapshotIO.Read read = SnapshotIO.read().from(f.toString()).withMaxSubDocumentBytes(cap)
            .withSplitGranularity(50 + rnd.nextInt(200));
        if (stream) read = read.withDocuments(DocumentMode.STREAM);
        List<? extends BoundedSource<SnapshotItem>> parts =
            read.asSource().split(Math.max(1, Files.size(f) / 4), options);
        assertTrue(parts.size() > 1, "round " + round + ": " + parts.size() + " parts");
        for (BoundedSource<SnapshotItem> part : parts) {
          SnapshotTokenTerms pass = new SnapshotTokenTerms();
          ShardBuilder one = newShard();
          ShardBuilder walk = newShard();
          long doc = 0;
          try (BoundedSource.BoundedReader<SnapshotItem> reader = SnapshotIO.reader(part, options, pass)) {
            for (boolean more = reader.start(); more; more = reader.advance()) {
              SnapshotItem item = reader.getCurrent();
              assertFalse(item.isDeadLetter(), "round " + round + ": " + item);
              SnapshotRecord r = item.record();
              String why = "round " + round + ", " + r;
              assertEquals(SnapshotTerms.index(walk, doc, r, 5, null),
                  SnapshotTerms.index(one, doc, r, 5, pass), why);
              doc++;
            }
          }
          assertArrayEquals(runBytes(walk), runBytes(one), "round " + round + ", " + part);
          taken += pass.taken();
          declined += pass.declined();
        }
      }
    } finally {
      IndexFormat.setSnapshotPathSpanForTests(saved);
    }
    // Declined: records holding a !key( tag, an escaped or sparse key (the generator's are many).
    assertTrue(taken > 2 * declined, "taken " + taken + ", declined " + declined);
  }

  @Test
  void aRepeatedKeyFailsAsTheTreeDoes() throws Exception {
    String doc = "{\"big\": [{\"a\": 1, \"b\": {\"x\": 1, \"y\": 2, \"x\": 3}}, {\"c\": \"hello world\"}],"
        + " \"pad\": \"" + "p".repeat(200) + "\"}";
    BoundedSource<SnapshotItem> source = wholeSource("repeat.json", doc, 60);
    SnapshotTokenTerms pass = new SnapshotTokenTerms();
    ShardBuilder shard = newShard();
    int failed = 0;
    try (BoundedSource.BoundedReader<SnapshotItem> reader = SnapshotIO.reader(source, options, pass)) {
      long id = 0;
      for (boolean more = reader.start(); more; more = reader.advance()) {
        SnapshotRecord r = reader.getCurrent().record();
        if (r.isSubDocument() && r.hasBytes() && !r.isScalar()) {
          try {
            r.parse();
          } catch (FormatException tree) {
            FormatException e = assertThrows(FormatException.class,
                () -> SnapshotTerms.index(shard, 1, r, Long.MIN_VALUE, pass));
            assertEquals(tree.getMessage(), e.getMessage());
            failed++;
            continue;
          }
        }
        SnapshotTerms.index(shard, id++, r, Long.MIN_VALUE, pass);
      }
    }
    assertEquals(1, failed);
    assertTrue(pass.taken() >= 1, "the record after the repeat is taken from the pass: "
        + pass.taken() + " taken, " + pass.declined() + " declined");
  }

  @Test
  void closedObjectsKeysAreForgottenWithoutTaints() throws Exception {
    // 3,000 small records of 3 keys each: 9,000 keys in all, far over the 2,048 the check keeps.
    // Each object's keys go when it closes, so no forgetting taints a record and every one is
    // taken from the pass; a repeat inside the last, after all those keys, is still caught.
    StringBuilder sb = new StringBuilder("{\"items\": [");
    for (int i = 0; i < 3000; i++) {
      if (i > 0) sb.append(", ");
      sb.append("{\"name\": \"pod-").append(i).append("\", \"kind\": \"Pod\", \"n\": ").append(i).append('}');
    }
    sb.append(", {\"a\": 1, \"b\": 2, \"a\": 3}, {");
    for (int k = 0; k < 40; k++) sb.append("\"key").append(k).append("\": ").append(k).append(", ");
    sb.append("\"key5\": 0}]}"); // a repeat in an object big enough to check its keys by the set
    BoundedSource<SnapshotItem> source = wholeSource("many.json", sb, 600);
    SnapshotTokenTerms pass = new SnapshotTokenTerms();
    ShardBuilder shard = newShard();
    int failed = 0;
    try (BoundedSource.BoundedReader<SnapshotItem> reader = SnapshotIO.reader(source, options, pass)) {
      long id = 0;
      for (boolean more = reader.start(); more; more = reader.advance()) {
        SnapshotRecord r = reader.getCurrent().record();
        try {
          SnapshotTerms.index(shard, id++, r, Long.MIN_VALUE, pass);
        } catch (FormatException e) {
          assertTrue(e.getMessage().contains("repeat") || e.getMessage().contains("duplicate"), e.getMessage());
          failed++;
        }
      }
    }
    assertEquals(2, failed, "the repeated keys of the last two objects");
    assertEquals(3000, pass.taken());
    assertEquals(2, pass.declined(), "only the records with a repeat take the walk");
  }

  @Test
  void keySetRemovalMatchesAModel() {
    Random rnd = new Random(7);
    SnapshotTerms.KeySet set = new SnapshotTerms.KeySet();
    java.util.Set<Long> model = new java.util.HashSet<>();
    List<Long> live = new ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      // Few distinct keys, so probe runs collide, wrap and shift back often.
      long x = SnapshotTerms.KeySet.mix(rnd.nextInt(50), rnd.nextInt(40), 1 + rnd.nextInt(3));
      if (rnd.nextInt(3) > 0 || live.isEmpty()) {
        assertEquals(model.add(x), set.add(x), "add at step " + step);
        if (!live.contains(x)) live.add(x);
      } else {
        long y = live.remove(rnd.nextInt(live.size()));
        model.remove(y);
        set.remove(y);
      }
      assertEquals(model.size(), set.size(), "size at step " + step);
    }
    for (long y : live) assertFalse(set.add(y), "still present: " + y);
  }

  /** The one source of a document written to name and cut at cap bytes. */
  private BoundedSource<SnapshotItem> wholeSource(String name, CharSequence doc, long cap) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, doc, StandardCharsets.UTF_8);
    return SnapshotIO.read().from(f.toString()).withMaxSubDocumentBytes(cap).asSource()
        .split(Long.MAX_VALUE, options).get(0);
  }

  private ShardBuilder newShard() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("s" + shards));
    return new ShardBuilder(dir, "s" + shards++, new IndexOptions(2, 8), BuildOptions.defaults());
  }

  /** Every run file the shard writes, concatenated in name order. */
  private static byte[] runBytes(ShardBuilder shard) throws Exception {
    List<RunDescriptor> runs = new ArrayList<>(shard.finish());
    runs.sort(Comparator.comparing(RunDescriptor::path));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RunDescriptor d : runs) out.write(Files.readAllBytes(Path.of(d.path())));
    return out.toByteArray();
  }
}
