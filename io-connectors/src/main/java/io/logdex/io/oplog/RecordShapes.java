package io.logdex.io.oplog;

import io.logdex.format.path.PathSyntax;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises what a parsed JSON/Tony line is. Exactly the keys {@code commit, seq, timestamp,
 * diff} make a LogEntry; keys that are all s3dlio column names (case-insensitively), {@code op}
 * among them, make an s3dlio op; any other object is generic. A recognised shape whose values are
 * wrong is rejected, never demoted to generic, so a damaged op cannot pass as something else.
 */
final class RecordShapes {
  private RecordShapes() {}

  private static final Set<String> LOG_ENTRY_KEYS = Set.of("commit", "seq", "timestamp", "diff");

  /** The kind of a parsed line and its fields, typed where the kind says so. */
  static final class Shaped {
    final OpLogRecord.Kind kind;
    final Node fields;

    Shaped(OpLogRecord.Kind kind, Node fields) {
      this.kind = kind;
      this.fields = fields;
    }
  }

  static Shaped shape(Node n) throws LineRejected {
    if (!n.isObject()) {
      throw new LineRejected("line holds " + n.kind().inWords() + ", not an object");
    }
    if (isLogEntry(n)) return new Shaped(OpLogRecord.Kind.LOG_ENTRY, checkLogEntry(n));
    if (isS3dlio(n)) return new Shaped(OpLogRecord.Kind.S3DLIO, typeS3dlio(n));
    return new Shaped(OpLogRecord.Kind.GENERIC, n);
  }

  private static boolean isLogEntry(Node n) {
    if (n.size() != LOG_ENTRY_KEYS.size()) return false;
    for (NodeKey k : n.keys()) {
      if (k.isSparse() || !LOG_ENTRY_KEYS.contains(k.field())) return false;
    }
    return true;
  }

  private static Node checkLogEntry(Node n) throws LineRejected {
    int64(n, "commit");
    int64(n, "seq");
    Node ts = n.get("timestamp");
    if (ts.kind() != Node.Kind.STRING || !Rfc3339.isDateTime(ts.text())) {
      throw new LineRejected("LogEntry timestamp is not an RFC 3339 date-time", "timestamp");
    }
    return n;
  }

  private static void int64(Node n, String key) throws LineRejected {
    Node v = n.get(key);
    if (v.kind() == Node.Kind.INTEGER) {
      try {
        Long.parseLong(v.text());
        return;
      } catch (NumberFormatException e) {
        // falls through to the rejection
      }
    }
    throw new LineRejected("LogEntry " + key + " is not a 64-bit integer: " + v.kind().inWords(), key);
  }

  private static boolean isS3dlio(Node n) {
    boolean op = false;
    for (NodeKey k : n.keys()) {
      if (k.isSparse()) return false;
      S3dlioColumn c = S3dlioColumn.byName(k.field());
      if (c == null) return false;
      op |= c == S3dlioColumn.OP;
    }
    return op;
  }

  private static Node typeS3dlio(Node n) throws LineRejected {
    List<NodeKey> keys = new ArrayList<>(n.size());
    List<Node> values = new ArrayList<>(n.size());
    Set<S3dlioColumn> seen = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      S3dlioColumn c = S3dlioColumn.byName(n.key(i).field());
      if (!seen.add(c)) {
        StringBuilder path = new StringBuilder();
        PathSyntax.appendField(path, n.key(i).field());
        throw new LineRejected("s3dlio column " + c.name + " appears twice", path.toString());
      }
      keys.add(NodeKey.field(c.name));
      values.add(c.fromJson(n.child(i)));
    }
    return Node.object(keys, values).withTag(n.tag());
  }
}
