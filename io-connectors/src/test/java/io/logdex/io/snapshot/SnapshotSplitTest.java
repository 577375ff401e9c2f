package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.OPTIONS;
import static io.logdex.io.snapshot.SnapshotFixtures.plannedSource;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.token.DocumentMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split sources agree with the unsplit reference, statically at every bundle size and dynamically
 * at every fraction after every record (SourceTestUtils' exhaustive check, which also races
 * splits against reads), on inputs chosen to fool a splitter.
 */
class SnapshotSplitTest {
  @TempDir Path dir;

  /** Static splits at several bundle sizes, then the exhaustive dynamic check. */
  private void assertSplitsAgree(SnapshotIO.Read read, boolean exhaustive) throws Exception {
    SnapshotSource root = read.source();
    List<SnapshotItem> reference = SourceTestUtils.readFromSource(root, OPTIONS);
    assertTrue(reference.size() > 2, "items: " + reference.size());
    for (long bundle : new long[] {1024, 100, 1}) {
      List<SnapshotFileSource> splits = root.split(bundle, OPTIONS);
      SourceTestUtils.assertSourcesEqualReferenceSource(root, splits, OPTIONS);
      // Readers of adjacent ranges meet at planned points: concatenated, they are the reference
      // in order, not just as a multiset.
      List<SnapshotItem> inOrder = new ArrayList<>();
      for (SnapshotFileSource s : splits) inOrder.addAll(SourceTestUtils.readFromSource(s, OPTIONS));
      assertEquals(reference, inOrder);
    }
    if (exhaustive) SourceTestUtils.assertSplitAtFractionExhaustive(plannedSource(read), OPTIONS);
  }

  private SnapshotIO.Read read(Path p, long cap) {
    return SnapshotIO.read().from(p.toString()).withMaxSubDocumentBytes(cap)
        .withSplitGranularity(1).withBufferSize(13);
  }

  @Test
  void adversarialJson() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(11, false, 4, 5);
    Path small = write(dir, "adversarial-small.json", utf8(docs.document(700)));
    assertSplitsAgree(read(small, 48), true);
    Path p = write(dir, "adversarial.json", utf8(docs.document(20_000)));
    for (long cap : new long[] {16, 64, 300}) assertSplitsAgree(read(p, cap), false);
    assertTrue(plannedSource(read(p, 64)).points().size() > 100);
  }

  @Test
  void tonyWireWithTagsCommentsSparseKeys() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(12, true, 4, 5);
    Path small = write(dir, "wire-small.tony", utf8(docs.document(600)));
    assertSplitsAgree(read(small, 32), true);
    Path p = write(dir, "wire.tony", utf8(docs.document(20_000)));
    for (long cap : new long[] {16, 64, 300}) assertSplitsAgree(read(p, cap), false);
  }

  @Test
  void streamOfManyDocuments() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(13, true, 2, 3);
    Path small = write(dir, "stream.tony", utf8(docs.stream(12)));
    assertSplitsAgree(read(small, 24).withDocuments(DocumentMode.STREAM), true);
    Path p = write(dir, "stream200.tony", utf8(docs.stream(200)));
    assertSplitsAgree(read(p, 24).withDocuments(DocumentMode.STREAM), false);
  }

  /**
   * Deep nesting. Only nodes whose every ancestor is known too big when they start can be split
   * points, so each level opens with a few elements: the later ones are.
   */
  private static String deep(int levels) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      sb.append("{\"k").append(i).append("\":[");
      for (int j = 0; j < 7; j++) sb.append('"').append("]".repeat(j)).append("\",");
    }
    sb.append("\"bottom\"");
    for (int i = 0; i < levels; i++) sb.append("]}");
    return sb.toString();
  }

  @Test
  void deepNesting() throws Exception {
    Path small = write(dir, "deep5.json", utf8(deep(5)));
    assertSplitsAgree(read(small, 20), true);
    Path deep = write(dir, "deep300.json", utf8(deep(300)));
    assertSplitsAgree(read(deep, 20), false);
    assertTrue(plannedSource(read(deep, 20)).points().size() > 600);
  }

  @Test
  void wideArray() throws Exception {
    StringBuilder wide = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) wide.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
    wide.append(']');
    Path w = write(dir, "wide.json", utf8(wide.toString()));
    assertSplitsAgree(read(w, 16), false);
  }

  @Test
  void subDocumentsAtAndAroundTheCap() throws Exception {
    // Elements of exactly 15, 16 and 17 bytes under caps of 15, 16 and 17.
    StringBuilder sb = new StringBuilder("{\"list\":[");
    for (int i = 0; i < 12; i++) {
      int len = 15 + i % 3; // {"v":"xxxxxxxx"} is 8 + n bytes
      sb.append(i == 0 ? "" : ",").append("{\"v\":\"").append("é".repeat(0))
          .append("x".repeat(len - 8)).append("\"}");
    }
    sb.append("],\"tail\":\"").append("日".repeat(10)).append("\"}");
    Path p = write(dir, "cap.json", utf8(sb.toString()));
    for (long cap : new long[] {15, 16, 17}) assertSplitsAgree(read(p, cap), cap == 16);
  }

  @Test
  void scalarsBiggerThanTheCap() throws Exception {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      sb.append(i == 0 ? "" : ", ").append(i % 4 == 0 ? "\"" + "]}".repeat(20 + i) + "\"" : i);
    }
    sb.append(']');
    Path p = write(dir, "scalars.json", utf8(sb.toString()));
    assertSplitsAgree(read(p, 16).withMaxScalarBytes(50), true);
  }

  @Test
  void multiFrameZstdSplitsAtFrames() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(14, false, 4, 6);
    byte[] plain = utf8(docs.document(1200));
    Path p = write(dir, "framed.json.zst", SnapshotFixtures.zstdFrames(plain, 100));
    SnapshotIO.Read r = read(p, 40);
    SnapshotFileSource planned = plannedSource(r);
    assertEquals(SnapshotFile.Layout.ZSTD_FRAMES, planned.file().layout());
    // At most one planned point per frame (after the first), so many frames give many points.
    List<SplitPoint> points = planned.points();
    assertTrue(points.size() > 4, "points: " + points.size());
    for (int i = 2; i < points.size(); i++) {
      assertTrue(points.get(i).frameUncompressed > points.get(i - 1).resumeOffset()
          || points.get(i).frameUncompressed > points.get(i - 1).frameUncompressed,
          "two points in one frame: " + points.get(i - 1) + ", " + points.get(i));
    }
    assertSplitsAgree(r, true);
    // The same bytes uncompressed give the same records (other than the file name).
    Path q = write(dir, "framed.json", plain);
    assertEquals(content(SnapshotFixtures.readAll(read(q, 40))), content(SnapshotFixtures.readAll(r)));

    // Frames without a seek table (as the zstd CLI writes them) are walked by their headers.
    java.io.ByteArrayOutputStream bare = new java.io.ByteArrayOutputStream();
    for (int off = 0; off < plain.length; off += 150) {
      bare.write(com.github.luben.zstd.Zstd.compress(
          java.util.Arrays.copyOfRange(plain, off, Math.min(plain.length, off + 150)), 3));
    }
    Path noTable = write(dir, "bare.json.zst", bare.toByteArray());
    assertEquals(SnapshotFile.Layout.ZSTD_FRAMES, plannedSource(read(noTable, 40)).file().layout());
    assertSplitsAgree(read(noTable, 40), false);
    assertEquals(content(SnapshotFixtures.readAll(read(q, 40))),
        content(SnapshotFixtures.readAll(read(noTable, 40))));

    byte[] bigger = utf8(new SnapshotFixtures.Docs(16, true, 4, 6).document(30_000));
    Path b = write(dir, "bigger.tony.zst", SnapshotFixtures.zstdFrames(bigger, 100));
    assertSplitsAgree(read(b, 64), false);
    assertTrue(plannedSource(read(b, 64)).points().size() > 100);
  }

  @Test
  void singleFrameZstdIsReadWholeByOneReader() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(15, true, 3, 5);
    byte[] plain = utf8(docs.document(2000));
    Path p = write(dir, "streamed.tony.zst", SnapshotFixtures.zstdStreamed(plain));
    SnapshotSource root = read(p, 32).source();
    List<SnapshotFileSource> splits = root.split(1, OPTIONS);
    assertEquals(1, splits.size());
    assertEquals(SnapshotFile.Layout.STREAM, splits.get(0).file().layout());
    SourceTestUtils.assertSourcesEqualReferenceSource(root, splits, OPTIONS);
    Path q = write(dir, "streamed.tony", plain);
    assertEquals(content(SnapshotFixtures.readAll(read(q, 32))),
        content(SnapshotFixtures.readAll(read(p, 32))));
  }

  @Test
  void emptyAndGzipFiles() throws Exception {
    for (String text : new String[] {"", "  \n# only a comment\n"}) {
      Path p = write(dir, "empty" + text.length() + ".tony", utf8(text));
      SnapshotSource root = read(p, 16).source();
      assertEquals(List.of(), SourceTestUtils.readFromSource(root, OPTIONS));
      for (SnapshotFileSource s : root.split(1, OPTIONS)) {
        assertEquals(List.of(), SourceTestUtils.readFromSource(s, OPTIONS));
      }
    }
    byte[] plain = utf8(new SnapshotFixtures.Docs(17, false, 3, 5).document(2000));
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write(plain);
    }
    Path g = write(dir, "doc.json.gz", gz.toByteArray());
    Path q = write(dir, "doc.json", plain);
    List<SnapshotFileSource> splits = read(g, 32).source().split(1, OPTIONS);
    assertEquals(1, splits.size());
    assertEquals(SnapshotFile.Layout.STREAM, splits.get(0).file().layout());
    assertEquals(content(SnapshotFixtures.readAll(read(q, 32))),
        content(SnapshotFixtures.readAll(read(g, 32))));
  }

  /** Items without the file name. */
  static List<String> content(List<SnapshotItem> items) {
    List<String> out = new ArrayList<>();
    for (SnapshotItem i : items) {
      out.add(i.isDeadLetter() ? "dead " + i.deadLetter().position()
          : i.record().toString() + " " + java.util.Arrays.toString(i.record().bytes()));
    }
    return out;
  }
}
