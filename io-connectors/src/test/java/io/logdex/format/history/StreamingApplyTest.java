package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rules one at a time, each against kind.apply on the parsed state (the cases the random test may rarely reach). */
class StreamingApplyTest {
  private static String streamed(String state, String diff, DiffKind kind, long cap) throws IOException {
    byte[] b = state.getBytes(StandardCharsets.UTF_8);
    Tokenizer in = Tokenizer.fromBytes(b, 0, b.length, "state", TokenizerOptions.defaults().withDocuments(DocumentMode.SINGLE));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder enc = new Encoder(out, OutputFormat.WIRE);
    boolean present = new StreamingApply(kind, cap).apply(in, diff == null ? null : t(diff), enc);
    enc.flush();
    assertEquals(present, out.size() > 0);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void same(String state, String diff, DiffKind kind, String expected) throws IOException {
    Node s = state.isEmpty() ? null : t(state);
    Node r = kind.apply(s, diff == null ? null : t(diff));
    String want = r == null ? "" : new String(Encoder.encode(r, OutputFormat.WIRE), StandardCharsets.UTF_8);
    assertEquals(want, streamed(state, diff, kind, 1 << 20), state + " + " + diff);
    assertEquals(expected, want.trim(), "the reference itself");
  }

  @Test
  void tonyRules() throws IOException {
    DiffKind k = DiffKind.TONY;
    same("!t {a: 1, b: [1, 2]}", "{b: !arraydiff {0: !delete 1}, c: !insert 3}", k, "!t {a: 1, b: [2], c: 3}");
    same("{a: 1}", "{}", k, "{a: 1}");
    same("5", "{}", k, "{}");
    same("[1]", "{a: {b: !insert 1}}", k, "{a: {b: 1}}");
    same("{a: {x: 1}, b: 2}", "{a: !delete {x: 1}}", k, "{b: 2}");
    same("{a: {x: 1}}", "{a: null}", k, "{a: null}");
    same("{0: a, 5: b}", "{5: !delete b, 7: !insert c}", k, "{0: a, 7: c}");
    same("{items: !key(id) [{id: 1}, {id: 2, v: 1}], z: 0}", "{items: !key(id) [{id: 2, v: 5}]}", k,
        "{items: !key(id) [{id: 1}, {id: 2, v: 5}], z: 0}");
    same("{x: !foo [lit, \"s\", {q: |}], y: 1}", "{y: 2}", k, "{x: !foo [lit, \"s\", {q: |}], y: 2}");
    same("{a: {b: {c: 1}}}", "{a: {b: !replace {from: {c: 1}, to: [1]}}}", k, "{a: {b: [1]}}");
    same("{a: 1}", "!delete {a: 1}", k, "");
    same("", "{a: {b: !insert 1}}", k, "{a: {b: 1}}");
    same("{a: 1}", null, k, "{a: 1}");
    // Data under !insert is taken as it is; a value array has its diff tags resolved.
    same("{a: 1, b: {c: 2}}", "{b: {c: !delete 2}, a: !insert [!delete 1, 2]}", k, "{a: [!delete 1, 2], b: {}}");
    same("{a: 1, b: {c: 2}}", "{b: {c: !delete 2}, a: [!delete 1, 2]}", k, "{a: [2], b: {}}");
  }

  @Test
  void mergePatchRules() throws IOException {
    DiffKind k = DiffKind.MERGE_PATCH;
    same("{a: {x: 1}, b: 2}", "{a: {x: null, y: {z: 1}}, b: null, c: null}", k, "{a: {y: {z: 1}}}");
    same("{a: [1, 2]}", "{a: {b: 1}}", k, "{a: {b: 1}}");
    same("{a: 1}", "null", k, "null");
    same("{a: 1}", "[1]", k, "[1]");
    same("!t {a: 1}", "{b: 2}", k, "!t {a: 1, b: 2}");
    same("", "{a: {b: null}}", k, "{a: {}}");
  }

  @Test
  void aSequenceOfDiffsInOnePassEqualsReplayingThem() throws Exception {
    // Every entry its own layer, uncomposable neighbours included: one pass must equal the replay.
    java.util.Random r = new java.util.Random(99);
    for (int iter = 0; iter < 400; iter++) {
      boolean tony = r.nextBoolean();
      Histories h = tony ? Histories.tony(r, 1 + r.nextInt(10)) : Histories.mergePatch(r, 1 + r.nextInt(10));
      java.util.List<io.logdex.format.log.LogEntry> es = h.entriesUpTo(r.nextInt((int) h.maxCommit() + 1));
      java.util.List<Node> diffs = new java.util.ArrayList<>();
      for (io.logdex.format.log.LogEntry e : es) diffs.add(e.diff());
      PathState want = Compaction.replay(h.base, es, h.kind);
      byte[] b = Encoder.encode(h.base, OutputFormat.WIRE);
      Tokenizer in = Tokenizer.fromBytes(b, 0, b.length, "state", TokenizerOptions.defaults());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Encoder enc = new Encoder(out, OutputFormat.WIRE);
      boolean present = new StreamingApply(h.kind, 1 << 20).apply(in, diffs, enc);
      enc.flush();
      assertEquals(want.isPresent(), present);
      assertEquals(want.isAbsent() ? "" : new String(Encoder.encode(want.value(), OutputFormat.WIRE),
          StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8), () -> h.base + " + " + diffs);
    }
  }

  @Test
  void deletedThenRecreatedFieldsMoveToTheEndInOnePass() throws IOException {
    sequence("{a: 0, b: 1, c: 2}", DiffKind.MERGE_PATCH, "{b: 1, c: 2, a: 1}", "{a: null}", "{a: 1}");
    sequence("{a: 0, b: 1}", DiffKind.MERGE_PATCH, "{b: 1, x: 3, a: {y: 2}}", "{a: null, x: 1}", "{a: {y: 2}, x: 3}");
    sequence("{a: {k: 0}, b: 1}", DiffKind.TONY, "{b: 1, n: 1, a: {z: 2}}", "{a: !delete {k: 0}, n: !insert 1}",
        "{a: !insert {z: 1}}", "{a: {z: !replace {from: 1, to: 2}}}");
    sequence("{a: 0, b: 1}", DiffKind.TONY, "{b: 1, n: 5}", "{n: !insert 1}", "{n: !delete 1}", "{n: !insert 5}",
        "{a: !delete 0}");
  }

  private static void sequence(String state, DiffKind kind, String expected, String... diffs) throws IOException {
    java.util.List<Node> ds = new java.util.ArrayList<>();
    Node model = t(state);
    for (String d : diffs) {
      ds.add(t(d));
      model = kind.apply(model, t(d));
    }
    assertEquals(expected + "\n", new String(Encoder.encode(model, OutputFormat.WIRE), StandardCharsets.UTF_8));
    byte[] b = state.getBytes(StandardCharsets.UTF_8);
    Tokenizer in = Tokenizer.fromBytes(b, 0, b.length, "state", TokenizerOptions.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder enc = new Encoder(out, OutputFormat.WIRE);
    new StreamingApply(kind, 0).apply(in, ds, enc);
    enc.flush();
    assertEquals(expected + "\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void positionalDiffsNeedTheirSubtreeOnlyUnderTheCap() throws IOException {
    String state = "{small: [1, 2], big: [\"" + "x".repeat(5000) + "\"]}";
    assertEquals("{small: [2], big: [\"" + "x".repeat(5000) + "\"]}\n",
        streamed(state, "{small: !arraydiff {0: !delete 1}}", DiffKind.TONY, 64));
    FormatException e = assertThrows(FormatException.class,
        () -> streamed(state, "{big: !arraydiff {0: !delete 1}}", DiffKind.TONY, 64));
    assertEquals("big", e.path());
    // An arraydiff past the end fails as DiffApply does, at the absolute path.
    StreamingApply.DiffFailure f = assertThrows(StreamingApply.DiffFailure.class,
        () -> streamed("{a: {b: [1]}}", "{a: {b: !arraydiff {3: !delete 1}}}", DiffKind.TONY, 1 << 20));
    assertEquals("a.b", f.path());
  }
}
