package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.readAll;
import static io.logdex.io.snapshot.SnapshotFixtures.records;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cutter decides on hand-made documents, record by record. */
class SubDocumentCuttingTest {
  @TempDir Path dir;

  private List<SnapshotRecord> cut(String doc, long cap) throws Exception {
    return cut(doc, cap, DocumentMode.SINGLE);
  }

  private List<SnapshotRecord> cut(String doc, long cap, DocumentMode mode) throws Exception {
    return cut(doc, cap, mode, ".json");
  }

  /** Tony's syntax is read only from files named .tony (or declared Tony). */
  private List<SnapshotRecord> cutTony(String doc, long cap) throws Exception {
    return cut(doc, cap, DocumentMode.SINGLE, ".tony");
  }

  private List<SnapshotRecord> cut(String doc, long cap, DocumentMode mode, String extension)
      throws Exception {
    Path p = write(dir, "doc" + Math.abs(doc.hashCode()) + "-" + cap + extension, utf8(doc));
    return records(readAll(SnapshotIO.read().from(p.toString()).withMaxSubDocumentBytes(cap)
        .withDocuments(mode).withBufferSize(7)));
  }

  /** "KIND path @offset+length" per record, for compact expectations. */
  private static List<String> shape(List<SnapshotRecord> rs) {
    List<String> out = new ArrayList<>();
    for (SnapshotRecord r : rs) {
      out.add((r.isSubDocument() ? "S " : "C ") + r.path() + " @" + r.offset() + "+" + r.length()
          + (r.isSubDocument() ? "" : " n=" + r.childCount()));
    }
    return out;
  }

  @Test
  void smallDocumentIsOneSubDocumentAtTheRoot() throws Exception {
    String doc = "  {\"a\": [1, 2], \"b\": \"x\"}\n";
    List<SnapshotRecord> rs = cut(doc, 1000);
    assertEquals(List.of("S  @2+23"), shape(rs));
    assertArrayEquals(utf8(doc.trim()), rs.get(0).bytes());
    assertEquals(2, rs.get(0).childCount());
    assertEquals(TreeParser.parse(doc), rs.get(0).parse());
  }

  @Test
  void largestFittingNodesAndContainersInFileOrder() throws Exception {
    String doc = "{\"a\":1,\"b\":[10,20],\"c\":{\"d\":\"xyz\",\"e\":[]}}";
    //            0    5    10   15   20   25   30   35   40
    List<SnapshotRecord> rs = cut(doc, 10);
    assertEquals(List.of(
        "S a @5+1",
        "S b @11+7",
        "S c.d @28+5",
        "S c.e @38+2",
        "C c @23+18 n=2",
        "C  @0+42 n=3"), shape(rs));
    for (SnapshotRecord r : rs) {
      if (r.isSubDocument()) {
        assertArrayEquals(Arrays.copyOfRange(utf8(doc), (int) r.offset(), (int) r.end()), r.bytes());
      } else {
        assertNull(r.bytes());
      }
    }
  }

  @Test
  void exactlyAtTheCapIsASubDocumentOneMoreIsAContainer() throws Exception {
    String inner = "[1,2,3]"; // 7 bytes
    String doc = "{\"k\":" + inner + ",\"pad\":\"................\"}";
    assertEquals("S k @5+7", shape(cut(doc, 7)).get(0));
    List<String> below = shape(cut(doc, 6));
    assertEquals(List.of("S k[0] @6+1", "S k[1] @8+1", "S k[2] @10+1", "C k @5+7 n=3"),
        below.subList(0, 4));
    // cap - 1 relative to the whole document: the root is a container; at the cap it is one piece.
    int len = utf8(doc).length;
    assertEquals(List.of("S  @0+" + len), shape(cut(doc, len)));
    assertEquals("C  @0+" + len + " n=2", shape(cut(doc, len - 1)).get(2));
  }

  @Test
  void scalarLargerThanTheCapStandsAloneAndKeepsBytesUpToTheLimit() throws Exception {
    String big = "\"" + "x".repeat(100) + "\"";
    String doc = "[1," + big + ",2]";
    Path p = write(dir, "big.json", utf8(doc));
    List<SnapshotRecord> rs = records(readAll(SnapshotIO.read().from(p.toString())
        .withMaxSubDocumentBytes(10).withMaxScalarBytes(50)));
    assertEquals(List.of("S [0] @1+1", "S [1] @3+102", "S [2] @106+1", "C  @0+108 n=3"), shape(rs));
    SnapshotRecord s = rs.get(1);
    assertTrue(s.isScalar());
    assertFalse(s.hasBytes(), "over maxScalarBytes: a handle only");
    try (InputStream in = SubDocumentBytes.open(s)) {
      assertArrayEquals(utf8(big), in.readAllBytes());
    }
    List<SnapshotRecord> kept = records(readAll(SnapshotIO.read().from(p.toString())
        .withMaxSubDocumentBytes(10).withMaxScalarBytes(102)));
    assertArrayEquals(utf8(big), kept.get(1).bytes());
    assertEquals(Node.string("x".repeat(100)), kept.get(1).parse());
  }

  @Test
  void bracketsQuotesAndEscapesInStringsDoNotMoveBoundaries() throws Exception {
    String doc = "{\"]\":\"}]\\\"[{\",\"x\\\"}\":[\"[\",\"{\\\\\"],\"#\":\"é日😀\"}";
    List<SnapshotRecord> rs = cut(doc, 9);
    List<String> paths = new ArrayList<>();
    for (SnapshotRecord r : rs) {
      paths.add(r.path());
      if (r.isSubDocument()) {
        assertEquals(r.parse(), TreeParser.parse(new String(r.bytes(), "UTF-8")));
      }
    }
    assertEquals(List.of("\"]\"", "'x\"}'[0]", "'x\"}'[1]", "'x\"}'", "\"#\"", ""), paths);
  }

  @Test
  void tonyTagsCommentsSparseKeysAndImplicitNulls() throws Exception {
    String doc = "{users: !key(id) [{id: 1, n: 'a b'} # c ] }\n {id: 2}], "
        + "sparse: {0: x, 13: !t y}, flags: {on off}, nothing: !t,}";
    List<SnapshotRecord> rs = cutTony(doc, 12);
    List<String> shape = shape(rs);
    List<String> paths = new ArrayList<>();
    for (SnapshotRecord r : rs) paths.add(r.path() + (r.isSubDocument() ? "" : "/C"));
    assertEquals(List.of("users[0].id", "users[0].n", "users[0]/C", "users[1]", "users/C",
        "sparse{0}", "sparse{13}", "sparse/C", "flags", "nothing", "/C"), paths, shape.toString());
    SnapshotRecord tagged = rs.get(6);
    assertEquals("!t y", new String(tagged.bytes(), "UTF-8"));
    assertEquals("!t", tagged.parse().tag());
    SnapshotRecord nothing = rs.get(9);
    assertEquals("!t", new String(nothing.bytes(), "UTF-8"));
    assertTrue(nothing.parse().isNull());
    assertEquals("!t", nothing.parse().tag());
  }

  @Test
  void implicitNullInABigObjectIsAnEmptySubDocument() throws Exception {
    String doc = "{alpha beta gamma: 1}";
    List<SnapshotRecord> rs = cutTony(doc, 4);
    assertEquals(List.of("S alpha @6+0", "S beta @11+0", "S gamma @19+1", "C  @0+21 n=3"), shape(rs));
    assertTrue(rs.get(0).parse().isNull());
  }

  @Test
  void streamsPrefixPathsWithTheDocumentNumber() throws Exception {
    String doc = "{\"a\":1}\n[1,2,3,4,5,6]\n\"s\"\n{\"deep\":{\"x\":[1,2]}}\n";
    List<SnapshotRecord> rs = cut(doc, 9, DocumentMode.STREAM);
    assertEquals(List.of("S [0] @0+7", "S [1][0] @9+1", "S [1][1] @11+1", "S [1][2] @13+1",
        "S [1][3] @15+1", "S [1][4] @17+1", "S [1][5] @19+1", "C [1] @8+13 n=6", "S [2] @22+3",
        "S [3].deep.x @39+5", "C [3].deep @34+11 n=1", "C [3] @26+20 n=1"), shape(rs));
  }

  @Test
  void pathsOverTheTermCapAreNotSpelled() throws Exception {
    // 3000 levels of {"ab":...}: "ab" + n × ".ab" passes 4096 bytes at level 1366.
    int depth = 3000;
    String doc = "{\"ab\":".repeat(depth) + "1" + "}".repeat(depth);
    List<SnapshotRecord> rs = cut(doc, 64);
    int spelled = 0;
    for (SnapshotRecord r : rs) {
      // Container records and the bottom sub-document: level = offset / 6 for this shape.
      int level = (int) (r.offset() / 6);
      String expected = level == 0 ? "" : "ab" + ".ab".repeat(level - 1);
      if (expected.length() <= IndexFormat.MAX_PATH_BYTES) {
        assertEquals(expected, r.path(), "level " + level);
        spelled++;
      } else {
        assertNull(r.path(), "level " + level);
      }
    }
    assertEquals(depth + 1 - 9, rs.size()); // the innermost 9 levels (8 + 7 bytes a level) fit 64: one record
    assertEquals((IndexFormat.MAX_PATH_BYTES + 1) / 3 + 1, spelled);
  }
}
