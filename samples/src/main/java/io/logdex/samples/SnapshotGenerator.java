package io.logdex.samples;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a cluster-state snapshot: one document {@code {cluster, namespaces, nodes, events}} (or,
 * as a stream, one document per resource per line) straight to an output stream. Memory is
 * constant apart from the layout's one long per namespace: nothing is built before it is written.
 *
 * <p>A sized snapshot has thousands of namespaces (a wide object whose members are a few KB), a
 * {@code nodes} array of 100k+ elements per GB (a keyed array in wire form) and an {@code events}
 * array that fills the document to within {@link Layout#MAX_EVENT_BYTES} of the requested size.
 */
public final class SnapshotGenerator {
  private static final int BUFFER = 1 << 16;
  private static final Key KIND = Key.of("kind");
  private static final Key SPEC = Key.of("spec");
  private static final Key NAME = Key.of("name");
  private static final byte[] KIND_CLUSTER = Lit.quoted("Cluster");
  private static final byte[] KIND_NAMESPACE = Lit.quoted("Namespace");
  private static final byte[] KIND_NODE = Lit.quoted("Node");
  private static final byte[] KIND_EVENT = Lit.quoted("Event");

  private SnapshotGenerator() {}

  /**
   * A snapshot of about {@code bytes} bytes (at most that, and within 1% for 64 KiB and up); returns
   * the exact number written. JSON and wire snapshots of the same size and seed hold the same
   * cluster; only the number of trailing events differs, because events fill each to the size.
   */
  public static long write(OutputStream out, long bytes, DocFormat format, long seed) throws IOException {
    Layout layout = format == DocFormat.PRETTY_JSON ? Layout.forPrettyBytes(bytes) : Layout.forBytes(bytes);
    return write(out, layout, format, seed);
  }

  /** A snapshot of the given layout; returns the number of bytes written. Does not close {@code out}. */
  public static long write(OutputStream out, Layout layout, DocFormat format, long seed) throws IOException {
    ByteSink sink = new ByteSink(out, BUFFER);
    DocWriter w = new DocWriter(sink, format);
    ClusterModel model = new ClusterModel(seed, layout);
    ClusterWriter cw = new ClusterWriter(w, model);
    Text name = new Text();
    w.beginObject();
    w.key(ClusterWriter.CLUSTER);
    cw.cluster();
    w.key(ClusterWriter.NAMESPACES);
    w.beginObject();
    for (int ns = 0; ns < layout.namespaces(); ns++) {
      w.key(model.namespaceName(ns, name.clear()));
      cw.namespace(ns, model.deploymentIndex(ns, 0));
    }
    w.endObject();
    w.key(ClusterWriter.NODES);
    w.tag(ClusterWriter.KEYED_BY_NAME);
    w.beginArray();
    for (int k = 0; k < layout.nodes(); k++) {
      cw.node(k);
    }
    w.endArray();
    w.key(ClusterWriter.EVENTS);
    w.beginArray();
    // What follows the last event: "]}" plus indentation and the final newline.
    long tail = format == DocFormat.PRETTY_JSON ? 8 : 3;
    for (long k = 0; hasRoom(layout, k, sink.position() + tail); k++) {
      cw.event(k);
    }
    w.endArray();
    w.endObject();
    w.endDocument();
    sink.flush();
    return sink.position();
  }

  /**
   * The same resources as a stream of documents, one per line: {@code {kind: "Cluster", spec}},
   * then one {@code {kind: "Namespace", name, spec}} per namespace, one {@code Node} per node and
   * {@code Event}s up to the size. In JSON this is JSONL; in wire form a Tony wire stream.
   */
  public static long writeStream(OutputStream out, long bytes, DocFormat format, long seed) throws IOException {
    return writeStream(out, Layout.forBytes(bytes), format, seed);
  }

  public static long writeStream(OutputStream out, Layout layout, DocFormat format, long seed) throws IOException {
    if (format == DocFormat.PRETTY_JSON) {
      throw new IllegalArgumentException("a document stream is one document per line; pretty JSON spans lines");
    }
    ByteSink sink = new ByteSink(out, BUFFER);
    DocWriter w = new DocWriter(sink, format);
    ClusterModel model = new ClusterModel(seed, layout);
    ClusterWriter cw = new ClusterWriter(w, model);
    Text name = new Text();
    w.beginObject();
    w.key(KIND);
    w.literal(KIND_CLUSTER);
    w.key(SPEC);
    cw.cluster();
    w.endObject();
    w.endDocument();
    for (int ns = 0; ns < layout.namespaces(); ns++) {
      w.beginObject();
      w.key(KIND);
      w.literal(KIND_NAMESPACE);
      w.key(NAME);
      w.str(model.namespaceName(ns, name.clear()));
      w.key(SPEC);
      cw.namespace(ns, model.deploymentIndex(ns, 0));
      w.endObject();
      w.endDocument();
    }
    for (int k = 0; k < layout.nodes(); k++) {
      w.beginObject();
      w.key(KIND);
      w.literal(KIND_NODE);
      w.key(SPEC);
      cw.node(k);
      w.endObject();
      w.endDocument();
    }
    for (long k = 0; hasRoom(layout, k, sink.position() + 30); k++) {
      w.beginObject();
      w.key(KIND);
      w.literal(KIND_EVENT);
      w.key(SPEC);
      cw.event(k);
      w.endObject();
      w.endDocument();
    }
    sink.flush();
    return sink.position();
  }

  private static boolean hasRoom(Layout layout, long eventIndex, long positionAfterTail) {
    if (layout.targetBytes() == 0) {
      return eventIndex < layout.events();
    }
    return positionAfterTail + Layout.MAX_EVENT_BYTES <= layout.targetBytes();
  }
}
