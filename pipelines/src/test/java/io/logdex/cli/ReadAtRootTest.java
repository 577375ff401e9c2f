package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.encode.Encoder;
import io.logdex.format.history.Compaction;
import io.logdex.format.history.DiffKind;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read-at} where the root itself changes: states whose root is an array or a keyed array,
 * and commit logs with root replacements, tagged root diffs ({@code !replace}, {@code !insert},
 * {@code !delete}, {@code !arraydiff}, {@code !key(id)}), plain values at the root and merges at
 * the root (which turn an array root into an object). For random commits and paths, root, {@code
 * [i]} and {@code (k)} among them, the answer must equal replaying every diff from the snapshot
 * ({@link Compaction#replay}).
 */
class ReadAtRootTest {
  private static final String TS = "2025-01-01T00:00:00Z";
  private static final int COMMITS = 16;

  @TempDir Path tmp;

  @Test
  void tonyRootsOfEveryKind() throws Exception {
    for (long seed : new long[] {1, 2}) check(seed, DiffKind.TONY);
  }

  @Test
  void mergePatchRoots() throws Exception {
    for (long seed : new long[] {3, 4}) check(seed, DiffKind.MERGE_PATCH);
  }

  private void check(long seed, DiffKind kind) throws Exception {
    Random rnd = new Random(seed);
    boolean tony = kind == DiffKind.TONY;
    Node state0 = tony ? tonyState(rnd) : jsonArray(rnd);
    List<LogEntry> entries = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    Node cur = state0;
    for (int c = 1; c <= COMMITS; c++) {
      String diffText = tony ? tonyDiff(rnd, cur) : jsonDiff(rnd);
      String line = tony
          ? "{commit: " + c + ", seq: 0, timestamp: \"" + TS + "\", diff: " + diffText + "}"
          : "{\"commit\":" + c + ",\"seq\":0,\"timestamp\":\"" + TS + "\",\"diff\":" + diffText + "}";
      log.append(line).append('\n');
      LogEntry e = new LogEntry(c, 0, TS, TreeParser.parse(line).get("diff"));
      entries.add(e);
      cur = kind.apply(cur, e.diff());
    }
    Path dir = Files.createDirectories(tmp.resolve("s" + seed));
    String ext = tony ? ".tony" : ".json";
    Path snap = dir.resolve("state" + ext);
    Files.writeString(snap, tony ? Encoder.toWireString(state0) : Encoder.toJsonString(state0));
    Path commits = dir.resolve("commits" + (tony ? ".tony" : ".jsonl"));
    Files.writeString(commits, log.toString());
    // An s3dlio op-log in the same index: its operations (keyed by idx, so their "commits" fall
    // among the state's) are events, never diffs of the state, even for paths under an array root.
    Path ops = dir.resolve("ops.tsv");
    StringBuilder tsv = new StringBuilder(
        "idx\tthread\top\tclient_id\tn_objects\tbytes\tendpoint\tfile\terror\tstart\tfirst_byte\tend\tduration_ns\n");
    for (int idx = 0; idx <= COMMITS; idx += 3) {
      tsv.append(idx).append("\t7\tGET\tagent-1\t1\t1024\ts3://b\tb/o").append(idx)
          .append("\t\t2025-10-09T10:43:14.100000000Z\t2025-10-09T10:43:14.200000000Z\t2025-10-09T10:43:14.300000000Z\t2000\n");
    }
    Files.writeString(ops, tsv.toString());
    Path out = dir.resolve("out");
    BuildCliTest.Run b = BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--oplogs=" + commits + "," + ops,
        "--output=" + out, "--chunkBytes=16384");
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains(" 0 bad records"), "every operation is indexed: " + b.out());

    List<KindedPath> paths = new ArrayList<>();
    for (String p : new String[] {"", "[0]", "[1]", "[2]", "[4]", "[0].v", "[1].id", "(k0)", "(k1)", "(k3)",
        "(k5)", "(k1).v", "a", "a.b", "v"}) {
      paths.add(KindedPath.parse(p));
    }
    int present = 0;
    int mismatches = 0;
    StringBuilder report = new StringBuilder();
    for (int round = 0; round < 90; round++) {
      long commit = round < 15 ? round : rnd.nextInt(COMMITS + 1);
      KindedPath p = round < 15 ? paths.get(round) : paths.get(rnd.nextInt(paths.size()));
      Node model = Compaction.replay(state0, entries.subList(0, (int) commit), kind).orNull();
      Node expected = model == null ? null : NodePaths.get(model, p);
      BuildCliTest.Run r = BuildCliTest.logdex("read-at", "--index=" + out, "--commit=" + commit, "--to=wire",
          p.toString());
      String what = "seed " + seed + " commit " + commit + " path \"" + p + "\"";
      if (expected == null) {
        if (r.code() != ExitCode.NOT_FOUND) {
          mismatches++;
          report.append(what).append(": expected absent, got ").append(r.code()).append(' ').append(r.out().strip())
              .append(r.err().strip()).append('\n');
        }
      } else {
        present++;
        String want = Encoder.toWireString(expected).strip();
        if (r.code() != ExitCode.OK || !want.equals(r.out().strip())) {
          mismatches++;
          report.append(what).append(": expected ").append(want).append(", got ").append(r.code()).append(' ')
              .append(r.out().strip()).append(r.err().strip()).append('\n');
        }
      }
    }
    assertEquals(0, mismatches, report.toString());
    assertTrue(present > 10, "too few present answers to mean anything: " + present);
  }

  // ---- Tony: states and diffs, always valid against the state they meet ----

  private static Node tonyState(Random rnd) throws Exception {
    return TreeParser.parse(rnd.nextBoolean() ? keyedArray(rnd) : plainArray(rnd));
  }

  private static String keyedArray(Random rnd) {
    StringBuilder s = new StringBuilder("!key(id) [");
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) s.append(", ");
      s.append("{id: k").append(i).append(", v: ").append(rnd.nextInt(100)).append('}');
    }
    return s.append(']').toString();
  }

  private static String plainArray(Random rnd) {
    StringBuilder s = new StringBuilder("[");
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) s.append(", ");
      s.append(rnd.nextInt(3) == 0 ? Integer.toString(rnd.nextInt(100)) : "{id: k" + i + ", v: " + rnd.nextInt(100) + "}");
    }
    return s.append(']').toString();
  }

  private static String rootValue(Random rnd) {
    switch (rnd.nextInt(3)) {
      case 0:
        return keyedArray(rnd);
      case 1:
        return plainArray(rnd);
      default:
        return "{a: {b: " + rnd.nextInt(100) + "}, v: " + rnd.nextInt(100) + "}";
    }
  }

  private static String tonyDiff(Random rnd, Node cur) {
    String old = cur == null ? "null" : Encoder.toWireString(cur).strip();
    boolean array = cur != null && cur.isArray();
    boolean keyed = array && cur.tag() != null && cur.tag().startsWith("!key(");
    for (;;) {
      switch (rnd.nextInt(9)) {
        case 0: // a merge at the root: an array root becomes an object
          return "{a: {b: " + rnd.nextInt(100) + "}}";
        case 1:
          return "!replace {from: " + old + ", to: " + rootValue(rnd) + "}";
        case 2: // a node holds one tag: what !insert gives here is untagged
          return "!insert " + (rnd.nextBoolean() ? plainArray(rnd) : "{a: {b: " + rnd.nextInt(100) + "}}");
        case 3: // a plain value replaces the root
          return rnd.nextBoolean() ? "[" + rnd.nextInt(9) + ", " + rnd.nextInt(9) + "]" : Integer.toString(rnd.nextInt(9));
        case 4:
          if (cur == null || rnd.nextInt(3) != 0) continue;
          return "!delete " + Encoder.toWireString(cur.withTag(null)).strip();
        case 5:
        case 6: {
          if (!array) continue;
          int n = cur.size();
          int op = rnd.nextInt(4);
          if (op == 0 || n == 0) return "!arraydiff {0: !insert {id: k" + (5 + rnd.nextInt(3)) + ", v: " + rnd.nextInt(100) + "}}";
          int j = rnd.nextInt(n);
          String el = Encoder.toWireString(cur.child(j)).strip();
          if (op == 1) return "!arraydiff {" + j + ": !delete " + el + "}";
          if (op == 2 && cur.child(j).isObject()) return "!arraydiff {" + j + ": {v: " + rnd.nextInt(100) + "}}";
          return "!arraydiff {" + j + ": !replace {from: " + el + ", to: " + rnd.nextInt(100) + "}}";
        }
        case 7:
        case 8: {
          if (!keyed) continue;
          int k = rnd.nextInt(6);
          Node el = NodePaths.get(cur, KindedPath.parse("(k" + k + ")"));
          if (el != null && rnd.nextBoolean()) return "!key(id) [!delete " + Encoder.toWireString(el).strip() + "]";
          return "!key(id) [{id: k" + k + ", v: " + rnd.nextInt(100) + "}]";
        }
        default:
          throw new AssertionError();
      }
    }
  }

  // ---- RFC 7386 merge patches ----

  private static Node jsonArray(Random rnd) throws Exception {
    byte[] b = jsonArrayText(rnd).getBytes(StandardCharsets.UTF_8);
    return TreeParser.parse(b, 0, b.length, "state.json");
  }

  private static String jsonArrayText(Random rnd) {
    StringBuilder s = new StringBuilder("[");
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) s.append(',');
      s.append(rnd.nextInt(3) == 0 ? Integer.toString(rnd.nextInt(100)) : "{\"id\":\"k" + i + "\",\"v\":" + rnd.nextInt(100) + "}");
    }
    return s.append(']').toString();
  }

  private static String jsonDiff(Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
      case 1: // replaces the root with an array
        return jsonArrayText(rnd);
      case 2: // a merge at the root: an array root becomes an object
        return "{\"a\":{\"b\":" + rnd.nextInt(100) + "}}";
      case 3:
        return "{\"v\":" + rnd.nextInt(100) + ",\"a\":null}";
      case 4:
        return Integer.toString(rnd.nextInt(100));
      default:
        return "\"s" + rnd.nextInt(10) + "\"";
    }
  }
}
