package io.logdex.samples;

/**
 * The shape of a generated cluster: how many namespaces, deployments per namespace, nodes and
 * events. The snapshot generator and the commit-log generator derive the same layout from the same
 * arguments, which is how a commit log's diffs land on paths that exist in the snapshot.
 */
public final class Layout {
  /** Fraction of a sized snapshot spent on namespaces and on nodes; events fill the rest. */
  private static final double NAMESPACE_SHARE = 0.60;
  private static final double NODE_SHARE = 0.22;
  /** Measured average encoded sizes (compact JSON), see SnapshotGeneratorTest#layoutEstimatesLeaveRoomForEvents. */
  static final double NAMESPACE_BYTES_BASE = 1_160;
  static final double DEPLOYMENT_BYTES = 1_490;
  static final double NODE_BYTES = 950;
  /** No encoded event is longer than this (a test enforces it), so filling never overshoots. */
  static final int MAX_EVENT_BYTES = 640;
  /** Pretty JSON over compact JSON for the same resources, measured on generated documents. */
  static final double PRETTY_EXPANSION = 1.8;
  static final int MAX_DEPLOYMENTS = ClusterVocabulary.ROLES.size();

  private final int namespaces;
  private final int maxDeployments;
  private final int nodes;
  private final long events;
  private final long targetBytes;

  private Layout(int namespaces, int maxDeployments, int nodes, long events, long targetBytes) {
    if (namespaces < 1 || nodes < 1 || maxDeployments < 2 || maxDeployments > MAX_DEPLOYMENTS) {
      throw new IllegalArgumentException("bad layout " + namespaces + "/" + maxDeployments + "/" + nodes);
    }
    this.namespaces = namespaces;
    this.maxDeployments = maxDeployments;
    this.nodes = nodes;
    this.events = events;
    this.targetBytes = targetBytes;
  }

  /** The layout of the committed sample files: small enough to read, every feature present. */
  public static Layout sample() {
    return new Layout(4, 3, 5, 10, 0);
  }

  /** A fixed layout: exact counts of everything, no size target. */
  public static Layout of(int namespaces, int maxDeployments, int nodes, long events) {
    if (events < 0) {
      throw new IllegalArgumentException("events " + events + " < 0");
    }
    return new Layout(namespaces, maxDeployments, nodes, events, 0);
  }

  /**
   * A layout whose document is about {@code bytes} long: namespaces and nodes are counted from
   * measured averages, and events are written until the document is within one event of the size.
   * The counts depend on {@code bytes} only, never on the format, so a commit log generated for a
   * size fits the JSON and the wire snapshot of that size alike. (Their event arrays differ in
   * length, since events fill each to the size: one is a prefix of the other.)
   */
  public static Layout forBytes(long bytes) {
    return forBytes(bytes, 1.0);
  }

  /**
   * The layout for a pretty-printed document of about {@code bytes}: indentation makes it about
   * {@link #PRETTY_EXPANSION} times the compact size, so it holds fewer resources than the compact
   * layout of the same size (and a commit log generated with {@code --snapshot-bytes} matches the
   * compact and wire snapshots, not the pretty one).
   */
  public static Layout forPrettyBytes(long bytes) {
    return forBytes(bytes, PRETTY_EXPANSION);
  }

  private static Layout forBytes(long bytes, double expansion) {
    if (bytes < 16 * 1024) {
      throw new IllegalArgumentException("snapshot size " + bytes + " is below the 16 KiB minimum");
    }
    double compact = bytes / expansion;
    int maxDeployments = (int) Math.max(3, Math.min(MAX_DEPLOYMENTS, (long) compact / (256 * 1024)));
    double namespaceBytes = NAMESPACE_BYTES_BASE + DEPLOYMENT_BYTES * (2 + maxDeployments) / 2.0;
    long namespaces = Math.max(1, Math.round(compact * NAMESPACE_SHARE / namespaceBytes));
    long nodes = Math.max(1, Math.round(compact * NODE_SHARE / NODE_BYTES));
    if (namespaces > Integer.MAX_VALUE || nodes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("snapshot size " + bytes + " is too large");
    }
    return new Layout((int) namespaces, maxDeployments, (int) nodes, -1, bytes);
  }

  public int namespaces() {
    return namespaces;
  }

  public int maxDeployments() {
    return maxDeployments;
  }

  public int nodes() {
    return nodes;
  }

  /** Exact event count, or -1 when events fill the document up to {@link #targetBytes()}. */
  public long events() {
    return events;
  }

  /** The requested document size, or 0 for a fixed layout. */
  public long targetBytes() {
    return targetBytes;
  }

  @Override
  public String toString() {
    return "Layout{namespaces=" + namespaces + ", maxDeployments=" + maxDeployments + ", nodes=" + nodes
        + (targetBytes > 0 ? ", targetBytes=" + targetBytes : ", events=" + events) + "}";
  }
}
