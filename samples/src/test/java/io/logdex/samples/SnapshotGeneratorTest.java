package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotGeneratorTest {

  private static byte[] snapshot(long bytes, DocFormat format, long seed) throws IOException {
    return TestData.generate(out -> SnapshotGenerator.write(out, bytes, format, seed));
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    for (DocFormat f : new DocFormat[] {DocFormat.JSON, DocFormat.WIRE}) {
      String a = TestData.sha256(snapshot(1 << 20, f, 42));
      assertEquals(a, TestData.sha256(snapshot(1 << 20, f, 42)), f + " is deterministic");
      assertNotEquals(a, TestData.sha256(snapshot(1 << 20, f, 43)), f + " depends on the seed");
    }
  }

  @Test
  void sizeIsWithinOnePercentBelowTheTarget() throws IOException {
    long[] sizes = {64 * 1024, 300 * 1024, 1 << 20, 5 << 20};
    for (long target : sizes) {
      for (DocFormat f : DocFormat.values()) {
        long n = SnapshotGenerator.write(OutputStream.nullOutputStream(), target, f, 9);
        assertTrue(n <= target && n >= target * 0.99, f + " " + target + " -> " + n);
      }
      long stream = SnapshotGenerator.writeStream(OutputStream.nullOutputStream(), target, DocFormat.JSON, 9);
      assertTrue(stream <= target && stream >= target * 0.99, "stream " + target + " -> " + stream);
    }
  }

  @Test
  void returnedCountIsTheBytesWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = SnapshotGenerator.write(out, 200 * 1024, DocFormat.WIRE, 1);
    assertEquals(out.size(), n);
  }

  /** The layout's constants must keep namespaces+nodes below the target, leaving events to fill. */
  @Test
  @SuppressWarnings("unchecked")
  void layoutEstimatesLeaveRoomForEvents() throws IOException {
    for (long target : new long[] {64 * 1024, 2 << 20, 4 << 20}) {
      byte[] doc = snapshot(target, DocFormat.JSON, 5);
      Map<String, Object> root = (Map<String, Object>) MiniDoc.parse(doc, MiniDoc.Mode.JSON);
      int events = ((List<Object>) root.get("events")).size();
      double eventShare = events * 270.0 / doc.length;
      assertTrue(eventShare > 0.05 && eventShare < 0.35, target + ": events share " + eventShare);
    }
    Layout gb = Layout.forBytes(1L << 30);
    assertTrue(gb.nodes() > 100_000, "a 1 GB snapshot has a 100k+ element nodes array: " + gb);
    assertTrue(gb.namespaces() > 10_000, "and a wide namespaces object: " + gb);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonAndWireAreValidAndHoldTheSameTree() throws IOException {
    long target = 3 << 20;
    byte[] json = snapshot(target, DocFormat.JSON, 77);
    byte[] wire = snapshot(target, DocFormat.WIRE, 77);
    Layout layout = Layout.forBytes(target);
    byte[] pretty = TestData.generate(out -> SnapshotGenerator.write(out, layout, DocFormat.PRETTY_JSON, 77));
    Object tree = MiniDoc.parse(json, MiniDoc.Mode.JSON);
    DiffChecker.assertSameCluster(tree, MiniDoc.parse(wire, MiniDoc.Mode.TONY));
    DiffChecker.assertSameCluster(tree, MiniDoc.parse(pretty, MiniDoc.Mode.JSON));
    Map<String, Object> root = (Map<String, Object>) tree;
    Map<String, Object> namespaces = (Map<String, Object>) root.get("namespaces");
    List<Object> nodes = (List<Object>) root.get("nodes");
    assertEquals(layout.namespaces(), namespaces.size());
    assertEquals(layout.nodes(), nodes.size());
    Set<Object> names = new HashSet<>();
    for (Object n : nodes) {
      assertTrue(names.add(((Map<String, Object>) n).get("name")), "node names unique (keyed array)");
      assertTrue(MiniDoc.toJson(n).length() < 2_000, "node sub-documents are small");
    }
    for (Object ns : namespaces.values()) {
      Map<String, Object> deployments = (Map<String, Object>) ((Map<String, Object>) ns).get("deployments");
      assertTrue(deployments.size() >= 2 && deployments.size() <= layout.maxDeployments());
      for (Object d : deployments.values()) {
        int size = MiniDoc.toJson(d).length();
        assertTrue(size > 300 && size < 6_000, "deployment sub-document size " + size);
      }
    }
    for (Object e : (List<Object>) root.get("events")) {
      String object = (String) ((Map<String, Object>) e).get("object");
      String ns = object.substring(0, object.indexOf('/'));
      assertTrue(namespaces.containsKey(ns), "event refers to an existing namespace: " + object);
    }
  }

  @Test
  void everyEventFitsTheFillMargin() throws IOException {
    ClusterModel model = new ClusterModel(3, Layout.forBytes(8 << 20));
    for (DocFormat f : DocFormat.values()) {
      for (long k = 0; k < 5_000; k++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(out, 4096);
        DocWriter w = new DocWriter(sink, f);
        w.beginArray();
        w.beginArray();
        new ClusterWriter(w, model).event(k);
        // Separator, newline and two levels of indentation around an event in a pretty document.
        assertTrue(sink.position() + 8 < Layout.MAX_EVENT_BYTES, f + " event " + k + " is " + sink.position());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void streamIsOneDocumentPerLineInResourceOrder() throws IOException {
    long target = 1 << 20;
    for (DocFormat f : new DocFormat[] {DocFormat.JSON, DocFormat.WIRE}) {
      byte[] stream = TestData.generate(out -> SnapshotGenerator.writeStream(out, target, f, 11));
      List<Object> docs = MiniDoc.parseLines(stream, f == DocFormat.JSON ? MiniDoc.Mode.JSON : MiniDoc.Mode.TONY);
      Layout layout = Layout.forBytes(target);
      assertEquals("Cluster", ((Map<String, Object>) docs.get(0)).get("kind"));
      for (int i = 1; i <= layout.namespaces(); i++) {
        assertEquals("Namespace", ((Map<String, Object>) docs.get(i)).get("kind"));
      }
      for (int i = 1; i <= layout.nodes(); i++) {
        assertEquals("Node", ((Map<String, Object>) docs.get(layout.namespaces() + i)).get("kind"));
      }
      int events = docs.size() - 1 - layout.namespaces() - layout.nodes();
      assertTrue(events > 100, "events fill the stream: " + events);
      assertEquals("Event", ((Map<String, Object>) docs.get(docs.size() - 1)).get("kind"));
    }
  }

  @Test
  void rejectsWhatCannotBeGenerated() {
    assertThrows(IllegalArgumentException.class, () -> Layout.forBytes(1000));
    assertThrows(IllegalArgumentException.class,
        () -> SnapshotGenerator.writeStream(OutputStream.nullOutputStream(), 1 << 20, DocFormat.PRETTY_JSON, 1));
  }
}
