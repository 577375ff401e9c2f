package io.logdex.pipelines;

import io.logdex.format.encode.Encoder;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;

/** A log entry as a JSON value for command output. */
public final class EntryJson {
  private EntryJson() {}

  /**
   * {@code {"commit", "seq", "timestamp", "diff"}}. JSON has no tags, so a Tony diff's tags are
   * dropped here; where that matters, read the entry's wire form from the log.
   */
  public static Node node(LogEntry e) {
    return Node.objectBuilder()
        .put("commit", Node.integer(e.commit()))
        .put("seq", Node.integer(e.seq()))
        .put("timestamp", Node.string(e.timestamp()))
        .put("diff", e.diff())
        .build();
  }

  /** Compact JSON of a node; a tree JSON cannot hold (sparse and digit keys together) as its wire form in a string. */
  public static String json(Node n) {
    try {
      return Encoder.toJsonString(n);
    } catch (IllegalArgumentException e) {
      return Encoder.toJsonString(Node.string(Encoder.toWireString(n)));
    }
  }
}
