package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.OPTIONS;
import static io.logdex.io.snapshot.SnapshotFixtures.plannedSource;
import static io.logdex.io.snapshot.SnapshotFixtures.readAll;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, truncated and corrupt input: every record before the break is delivered, then one
 * dead letter names file, offset, line, column and path and where the unread part begins; split
 * readers report exactly what the unsplit reader does. FAIL turns the same into an exception.
 */
class SnapshotBadInputTest {
  @TempDir Path dir;

  private static SnapshotIO.Read skip(Path p, long cap) {
    return SnapshotIO.read().from(p.toString()).withMaxSubDocumentBytes(cap)
        .withSplitGranularity(1).withBufferSize(16).withBadInput(BadInputPolicy.SKIP);
  }

  /** Items of the unsplit reference; checks that static splits agree, in order. */
  private static List<SnapshotItem> assertSplitsAgree(SnapshotIO.Read read) throws Exception {
    List<SnapshotItem> reference = readAll(read);
    for (long bundle : new long[] {64, 1}) {
      List<SnapshotItem> split = new ArrayList<>();
      for (SnapshotFileSource s : read.source().split(bundle, OPTIONS)) {
        split.addAll(SourceTestUtils.readFromSource(s, OPTIONS));
      }
      assertEquals(reference, split);
    }
    return reference;
  }

  @Test
  void malformedMiddleDeliversWhatCameBeforeThenADeadLetter() throws Exception {
    String doc = "{\"a\":[1,2,3],\n \"b\":{\"c\":\"ok\",\"d\": ]},\n \"e\":[4,5,6]}";
    Path p = write(dir, "bad.json", utf8(doc));
    List<SnapshotItem> items = assertSplitsAgree(skip(p, 6));
    SnapshotItem last = items.get(items.size() - 1);
    assertTrue(last.isDeadLetter());
    SnapshotDeadLetter d = last.deadLetter();
    assertEquals(p.toString(), d.file());
    assertEquals(doc.indexOf(']', doc.indexOf("\"d\"")), d.offset());
    assertEquals(2, d.line());
    assertEquals(21, d.column());
    assertEquals("b.d", d.path());
    assertTrue(d.reason().contains("expected a value"), d.reason());
    // "a" and its elements were delivered; "b" was still undecided when it broke.
    List<String> paths = new ArrayList<>();
    for (SnapshotItem i : items) if (!i.isDeadLetter()) paths.add(i.record().path());
    assertEquals(List.of("a[0]", "a[1]", "a[2]", "a", "b.c"), paths);
    assertEquals(doc.indexOf("\"d\"") + 3, d.unreadFrom(), "from after the key d on");
    SourceTestUtils.assertSplitAtFractionExhaustive(plannedSource(skip(p, 6)), OPTIONS);
  }

  @Test
  void failPolicyThrowsAtPlanningAndWhenReadUnsplit() throws Exception {
    String doc = "{\"a\":[1,2,3],\n \"b\":{\"c\":\"ok\",\"d\": ]}}";
    Path p = write(dir, "fail.json", utf8(doc));
    SnapshotIO.Read read = skip(p, 8).withBadInput(BadInputPolicy.FAIL);
    FormatException planned = assertThrows(FormatException.class,
        () -> read.source().split(1, OPTIONS));
    assertEquals(p.toString(), planned.source());
    assertEquals(2, planned.line());
    assertEquals("b.d", planned.path());
    Exception unsplit = assertThrows(Exception.class, () -> readAll(read));
    Throwable c = unsplit;
    while (c != null && !(c instanceof FormatException)) c = c.getCause();
    assertTrue(c != null && c.getMessage().contains("line 2, column 21, path \"b.d\""),
        String.valueOf(unsplit));
  }

  @Test
  void truncatedFile() throws Exception {
    String doc = "[{\"x\":1},{\"x\":2},{\"x\":3},{\"x\":";
    Path p = write(dir, "cut.json", utf8(doc));
    List<SnapshotItem> items = assertSplitsAgree(skip(p, 8));
    assertEquals(4, items.size());
    SnapshotDeadLetter d = items.get(3).deadLetter();
    assertEquals(doc.length(), d.position());
    assertTrue(d.reason().contains("input ended"), d.reason());
    assertEquals(doc.lastIndexOf('{'), d.unreadFrom());
  }

  @Test
  void brokenBeforeAnyRecord() throws Exception {
    Path p = write(dir, "garbage.json", utf8("  ]{\"a\":1}"));
    List<SnapshotItem> items = assertSplitsAgree(skip(p, 8));
    assertEquals(1, items.size());
    assertEquals(2, items.get(0).deadLetter().offset());
    assertEquals(2, items.get(0).deadLetter().position());
  }

  @Test
  void streamStopsAtTheBrokenDocument() throws Exception {
    String text = "{\"n\":1}\n{\"n\":2}\n{\"n\":3,}\n{\"n\":4}\n";
    Path p = write(dir, "bad.jsonl", utf8(text));
    List<SnapshotItem> items = assertSplitsAgree(skip(p, 100).withDocuments(DocumentMode.STREAM));
    // A .jsonl file is strict JSON: the trailing comma of document 2 breaks it, and the stream
    // stops there.
    assertEquals(3, items.size());
    assertTrue(items.get(2).isDeadLetter());
    assertTrue(items.get(2).deadLetter().reason().contains("trailing comma"),
        items.get(2).deadLetter().reason());
    // The same bytes named .tony are four documents: Tony allows the comma.
    Path tony = write(dir, "bad.tony", utf8(text));
    List<SnapshotItem> lenient =
        assertSplitsAgree(skip(tony, 100).withDocuments(DocumentMode.STREAM));
    assertEquals(4, lenient.size());
    assertFalse(lenient.get(3).isDeadLetter());
    // What breaks Tony here is a second document in SINGLE mode.
    List<SnapshotItem> single = assertSplitsAgree(skip(tony, 100));
    assertEquals(2, single.size());
    assertTrue(single.get(1).deadLetter().reason().contains("more than one document"));
  }

  @Test
  void corruptZstdFrames() throws Exception {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 200; i++) sb.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
    sb.append(']');
    byte[] framed = SnapshotFixtures.zstdFrames(utf8(sb.toString()), 100);

    // A frame whose magic is gone does not decode at all.
    byte[] noMagic = framed.clone();
    int magics = 0;
    for (int i = 0; i + 4 <= noMagic.length; i++) {
      if ((noMagic[i] & 0xff) == 0x28 && (noMagic[i + 1] & 0xff) == 0xB5
          && (noMagic[i + 2] & 0xff) == 0x2F && (noMagic[i + 3] & 0xff) == 0xFD && ++magics == 10) {
        noMagic[i + 1] = 0;
      }
    }
    Path p = write(dir, "nomagic.json.zst", noMagic);
    List<SnapshotItem> items = assertSplitsAgree(skip(p, 16));
    SnapshotItem last = items.get(items.size() - 1);
    assertTrue(last.isDeadLetter(), String.valueOf(last));
    assertTrue(items.size() > 40, "records before the corrupt frame: " + items.size());
    assertTrue(last.deadLetter().reason().contains("does not decode"), last.deadLetter().reason());
    assertTrue(last.deadLetter().position() > 800, String.valueOf(last));

    // Flipped bytes inside a frame decode to garbage (the frames carry no checksum): whatever the
    // tokenizer makes of it, split and unsplit readers agree and the file ends in a dead letter.
    byte[] flipped = framed.clone();
    for (int i = flipped.length / 2; i < flipped.length / 2 + 8; i++) flipped[i] ^= 0x5a;
    Path q = write(dir, "flipped.json.zst", flipped);
    List<SnapshotItem> garbage = assertSplitsAgree(skip(q, 16));
    assertTrue(garbage.get(garbage.size() - 1).isDeadLetter());
  }
}
