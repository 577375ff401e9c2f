package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.entry;
import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StreamingCompactor against the whole-tree reference, Compaction.replay, byte for byte. */
class StreamingCompactorTest {
  @TempDir Path tmp;

  private static StreamingCompactor.EntrySource source(List<LogEntry> entries) {
    Iterator<LogEntry> it = entries.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  private byte[] compact(Node base, OutputFormat baseFormat, List<LogEntry> entries, DiffKind kind,
      OutputFormat format, StreamingCompactor.Options o, StreamingCompactor.Result[] result) throws IOException {
    byte[] baseBytes = base == null ? null : Encoder.encode(base, baseFormat);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamingCompactor.Result r = StreamingCompactor.compact(
        baseBytes == null ? null : () -> new ByteArrayInputStream(baseBytes), "base", source(entries), kind, out,
        format, o);
    if (result != null) result[0] = r;
    assertEquals(r.present(), out.size() > 0);
    return out.toByteArray();
  }

  private static byte[] expected(Node base, List<LogEntry> entries, DiffKind kind, OutputFormat format)
      throws CorruptEntryException {
    PathState s = Compaction.replay(base, entries, kind);
    return s.isAbsent() ? new byte[0] : Encoder.encode(s.value(), format);
  }

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(0, s.count(), "temporary states left behind");
    }
  }

  @Test
  void randomHistoriesEqualReplayByteForByte() throws Exception {
    Random r = new Random(20251122);
    int rounds = 0;
    int multiRound = 0;
    int layered = 0;
    for (int iter = 0; iter < 300; iter++) {
      boolean tony = r.nextBoolean();
      Histories h = tony ? Histories.tony(r, 2 + r.nextInt(12)) : Histories.mergePatch(r, 2 + r.nextInt(12));
      long n = r.nextInt((int) h.maxCommit() + 1);
      List<LogEntry> es = h.entriesUpTo(n);
      // Tony entries were made against the base; merge patches apply to anything, absence included.
      Node base = !tony && r.nextInt(5) == 0 ? null : h.base;
      // 1 byte: every entry is its own round; otherwise anything up to all in one.
      long budget = r.nextInt(3) == 0 ? 1 : 1 + r.nextInt(2000);
      StreamingCompactor.Options o = StreamingCompactor.Options.defaults(tmp).withMaxRoundDiffBytes(budget);
      StreamingCompactor.Result[] res = new StreamingCompactor.Result[1];
      byte[] got = compact(base, OutputFormat.WIRE, es, h.kind, OutputFormat.WIRE, o, res);
      byte[] want = expected(base, es, h.kind, OutputFormat.WIRE);
      assertArrayEquals(want, got, () -> "iteration " + h.kind + " base " + base + " entries " + es + "\nwant "
          + new String(want, StandardCharsets.UTF_8) + "\ngot  " + new String(got, StandardCharsets.UTF_8));
      assertEquals(es.size(), res[0].entries());
      if (base == h.base) {
        Node model = h.stateAtCommit.get((int) n);
        assertArrayEquals(model == null ? new byte[0] : Encoder.encode(model, OutputFormat.WIRE), got);
      }
      rounds += res[0].rounds();
      if (res[0].mostLayers() > 1) layered++;
      if (res[0].rounds() > 1) multiRound++;
      assertNoTempFiles();
    }
    assertTrue(multiRound > 50, "compactions of several rounds: " + multiRound);
    assertTrue(rounds > 300, "rounds: " + rounds);
    assertTrue(layered > 20, "passes applying uncomposable neighbours together: " + layered);
  }

  @Test
  void jsonInJsonOutEqualsReplay() throws Exception {
    // Merge patches over plain JSON (no tags, no literals), read and written as JSON.
    Random r = new Random(7);
    for (int iter = 0; iter < 150; iter++) {
      Node base = plain(HistoryTrees.TREES.randomObject(r, 4));
      List<LogEntry> es = new ArrayList<>();
      Node s = base;
      for (int c = 1; c <= 1 + r.nextInt(10); c++) {
        Node d = plain(Histories.patch(s, r, 3));
        s = io.logdex.format.tree.MergePatch.apply(s, d);
        es.add(entry(c, 0, d));
      }
      StreamingCompactor.Options o =
          StreamingCompactor.Options.defaults(tmp).withMaxRoundDiffBytes(1 + r.nextInt(300));
      for (OutputFormat f : new OutputFormat[] {OutputFormat.JSON, OutputFormat.JSON_PRETTY}) {
        byte[] got = compact(base, OutputFormat.JSON, es, DiffKind.MERGE_PATCH, f, o, null);
        assertArrayEquals(expected(base, es, DiffKind.MERGE_PATCH, f), got);
      }
    }
  }

  /** n without tags, literals or sparse keys: what a JSON file holds. */
  private static Node plain(Node n) {
    switch (n.kind()) {
      case OBJECT: {
        Node.ObjectBuilder b = Node.objectBuilder();
        for (int i = 0; i < n.size(); i++) {
          NodeKey k = n.key(i);
          b.put(k.isSparse() ? NodeKey.field("s" + k.index()) : k, plain(n.child(i)));
        }
        return b.build();
      }
      case ARRAY: {
        List<Node> l = new ArrayList<>();
        for (Node c : n.children()) l.add(plain(c));
        return Node.array(l);
      }
      case LITERAL:
        return Node.string(n.text());
      default:
        return n.withTag(null);
    }
  }

  @Test
  void untouchedSubtreesAreNeverMaterialized() throws Exception {
    // A big sibling (about 200 KB) beside a small array an arraydiff changes, with a 1 KiB cap.
    StringBuilder big = new StringBuilder("{small: [1, 2, 3], big: [");
    for (int i = 0; i < 20000; i++) big.append(i == 0 ? "" : ", ").append("\"element ").append(i).append('"');
    big.append("], keyed: !key(id) [{id: 1, v: a}, {id: 2, v: b}]}");
    Node base = t(big.toString());
    List<LogEntry> es = List.of(
        entry(1, 0, "{small: !arraydiff {1: !delete 2}}"),
        entry(2, 0, "{keyed: !key(id) [{id: 2, v: c}], big: !insert [0]}"),
        entry(3, 0, "{small: !arraydiff {0: !insert 0}, fresh: {a: !insert 1}}"));
    StreamingCompactor.Options o = StreamingCompactor.Options.defaults(tmp).withMaxMaterializedBytes(1024)
        .withMaxRoundDiffBytes(1);
    StreamingCompactor.Result[] res = new StreamingCompactor.Result[1];
    byte[] got = compact(base, OutputFormat.WIRE, es, DiffKind.TONY, OutputFormat.WIRE, o, res);
    assertArrayEquals(expected(base, es, DiffKind.TONY, OutputFormat.WIRE), got);
    assertEquals(3, res[0].rounds());
    assertEquals(3, res[0].materializedSubtrees()); // small twice, keyed once; never big
    assertTrue(res[0].largestMaterializedBytes() < 100, "largest " + res[0].largestMaterializedBytes());

    // The same diff aimed at the big array must refuse, naming where.
    List<LogEntry> atBig = List.of(entry(1, 0, "{big: !arraydiff {0: !delete \"element 0\"}}"));
    FormatException e = assertThrows(FormatException.class,
        () -> compact(base, OutputFormat.WIRE, atBig, DiffKind.TONY, OutputFormat.WIRE, o, null));
    assertEquals("big", e.path());
    assertTrue(e.getMessage().contains("1024"), e.getMessage());
    assertNoTempFiles();
  }

  @Test
  void anEntryThatDoesNotFitNamesItsCommitAndPath() throws Exception {
    Node base = t("{a: {list: [1, 2]}, b: 1}");
    List<LogEntry> es = List.of(entry(1, 0, "{b: 2}"), entry(2, 5, "{a: {list: !arraydiff {7: !delete 1}}}"));
    StreamingCompactor.Options o = StreamingCompactor.Options.defaults(tmp).withMaxRoundDiffBytes(1);
    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> compact(base, OutputFormat.WIRE, es, DiffKind.TONY, OutputFormat.WIRE, o, null));
    assertEquals(2, e.commit());
    assertEquals(5, e.seq());
    assertEquals("a.list", e.path());
    assertThrows(CorruptEntryException.class, () -> Compaction.replay(base, es, DiffKind.TONY));
    assertNoTempFiles();

    // Malformed whatever the state: refused before any pass.
    List<LogEntry> bad = List.of(entry(1, 0, "{b: !replace {from: 1}}"));
    CorruptEntryException m = assertThrows(CorruptEntryException.class,
        () -> compact(base, OutputFormat.WIRE, bad, DiffKind.TONY, OutputFormat.WIRE, o, null));
    assertEquals(1, m.commit());
  }

  @Test
  void outOfOrderEntriesAndBadStatesFail() throws Exception {
    Node base = t("{a: 1}");
    StreamingCompactor.Options o = StreamingCompactor.Options.defaults(tmp);
    assertThrows(FormatException.class, () -> compact(base, OutputFormat.WIRE,
        List.of(entry(2, 0, "{a: 2}"), entry(1, 0, "{a: 3}")), DiffKind.TONY, OutputFormat.WIRE, o, null));
    for (String bad : new String[] {"{a: 1", "{a: 1} {b: 2}", "{a: 1, a: 2}", "]"}) {
      byte[] b = bad.getBytes(StandardCharsets.UTF_8);
      assertThrows(FormatException.class, () -> StreamingCompactor.compact(() -> new ByteArrayInputStream(b), "bad",
          source(List.of(entry(1, 0, "{a: 5}"))), DiffKind.TONY, new ByteArrayOutputStream(), OutputFormat.WIRE, o),
          bad);
      assertNoTempFiles();
    }
  }

  @Test
  void deletedRootIsAbsentAndRecreatedFromAbsence() throws Exception {
    Node base = t("{a: 1}");
    StreamingCompactor.Options o = StreamingCompactor.Options.defaults(tmp).withMaxRoundDiffBytes(1);
    StreamingCompactor.Result[] res = new StreamingCompactor.Result[1];
    assertEquals(0, compact(base, OutputFormat.WIRE, List.of(entry(1, 0, "!delete {a: 1}")), DiffKind.TONY,
        OutputFormat.WIRE, o, res).length);
    assertFalse(res[0].present());
    List<LogEntry> es = List.of(entry(1, 0, "!delete {a: 1}"), entry(2, 0, "{b: !insert 2}"));
    assertEquals("{b: 2}\n", new String(compact(base, OutputFormat.WIRE, es, DiffKind.TONY, OutputFormat.WIRE, o, res),
        StandardCharsets.UTF_8));
    assertEquals(2, res[0].rounds());
    // Merge patch: null at the root sets null, in a field deletes.
    assertEquals("null\n", new String(compact(base, OutputFormat.WIRE, List.of(entry(1, 0, "null")),
        DiffKind.MERGE_PATCH, OutputFormat.WIRE, o, null), StandardCharsets.UTF_8));
    assertEquals("{}\n", new String(compact(base, OutputFormat.WIRE, List.of(entry(1, 0, "{a: null}")),
        DiffKind.MERGE_PATCH, OutputFormat.WIRE, o, null), StandardCharsets.UTF_8));
    assertNoTempFiles();
  }
}
