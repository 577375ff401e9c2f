package io.logdex.io.oplog;

import io.logdex.format.path.PathSyntax;
import io.logdex.format.tree.Node;
import java.util.Locale;
import java.util.Set;

/**
 * The 13 columns of an s3dlio op-log and how each is typed. Values are validated and kept as
 * written, numbers by their digits (a u64 {@code thread} id stays a number, not text); nothing is
 * invented or converted: an empty {@code first_byte} or {@code error} is NULL, and a value that
 * breaks its column's type (a bad number or timestamp, a number where text belongs or the other
 * way round) rejects the line.
 */
enum S3dlioColumn {
  IDX("idx", Type.U64),
  THREAD("thread", Type.U64),
  OP("op", Type.OP),
  CLIENT_ID("client_id", Type.TEXT),
  N_OBJECTS("n_objects", Type.U32),
  BYTES("bytes", Type.U64),
  ENDPOINT("endpoint", Type.TEXT),
  FILE("file", Type.TEXT),
  ERROR("error", Type.OPTIONAL_TEXT),
  START("start", Type.TIMESTAMP),
  FIRST_BYTE("first_byte", Type.OPTIONAL_TIMESTAMP),
  END("end", Type.TIMESTAMP),
  DURATION_NS("duration_ns", Type.U64);

  /** Every operation the s3dlio writer emits. */
  static final Set<String> OPS =
      Set.of(
          "GET", "PUT", "HEAD", "DELETE", "LIST", "DELETE_PREFIX", "CREATE_CONTAINER",
          "DELETE_CONTAINER", "GET_RANGE", "STAT");

  private enum Type {
    U64,
    U32,
    TEXT,
    OPTIONAL_TEXT,
    OP,
    TIMESTAMP,
    OPTIONAL_TIMESTAMP
  }

  private static final S3dlioColumn[] ALL = values();
  private static final long U32_MAX = 0xFFFF_FFFFL;

  final String name;
  private final Type type;
  private final String path;

  S3dlioColumn(String name, Type type) {
    this.name = name;
    this.type = type;
    StringBuilder sb = new StringBuilder();
    PathSyntax.appendField(sb, name);
    this.path = sb.toString();
  }

  static int count() {
    return ALL.length;
  }

  /** The column a header or JSON key names, matched case-insensitively, or null. */
  static S3dlioColumn byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (S3dlioColumn c : ALL) if (c.name.equals(n)) return c;
    return null;
  }

  /** Types a TSV/CSV cell. */
  Node fromText(String v) throws LineRejected {
    switch (type) {
      case U64:
        return Node.integer(unsigned(v, false));
      case U32:
        return Node.integer(unsigned(v, true));
      case TEXT:
        return Node.string(v);
      case OPTIONAL_TEXT:
        return v.isEmpty() ? Node.NULL : Node.string(v);
      case OP:
        if (!OPS.contains(v)) throw reject("unknown op \"" + clip(v) + "\"");
        return Node.string(v);
      case TIMESTAMP:
        return Node.string(timestamp(v));
      case OPTIONAL_TIMESTAMP:
        return v.isEmpty() ? Node.NULL : Node.string(timestamp(v));
      default:
        throw new AssertionError(type);
    }
  }

  /** Types a JSON/Tony value of this key. */
  Node fromJson(Node v) throws LineRejected {
    switch (v.kind()) {
      case NULL:
        if (type == Type.OPTIONAL_TEXT || type == Type.OPTIONAL_TIMESTAMP || type == Type.TEXT) {
          return Node.NULL;
        }
        throw reject("null where a value is required");
      case STRING:
        if (type == Type.U64 || type == Type.U32) throw reject("a string, not an integer");
        return fromText(v.text());
      case INTEGER:
        if (type == Type.U64 || type == Type.U32) return fromText(v.text());
        throw reject("a number, not a string");
      default:
        throw reject(v.kind().inWords() + ", which this column cannot hold");
    }
  }

  /** The digits as written, checked: the stored record holds exactly the input's number. */
  private String unsigned(String v, boolean u32) throws LineRejected {
    int n = v.length();
    boolean ok = n > 0 && n <= 20;
    for (int i = 0; ok && i < n; i++) ok = v.charAt(i) >= '0' && v.charAt(i) <= '9';
    if (!ok) throw reject("not an unsigned integer: \"" + clip(v) + "\"");
    // 007 is no JSON number, and writing it as 7 would change the record; s3dlio never writes it.
    if (n > 1 && v.charAt(0) == '0') throw reject("an unsigned integer with a leading zero: " + v);
    long x;
    try {
      x = Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      throw reject("out of range for u64: " + v);
    }
    if (u32 && Long.compareUnsigned(x, U32_MAX) > 0) throw reject("out of range for u32: " + v);
    return v;
  }

  private String timestamp(String v) throws LineRejected {
    if (!Rfc3339.isNanosUtc(v)) {
      throw reject("not an RFC 3339 UTC timestamp with nanoseconds: \"" + clip(v) + "\"");
    }
    return v;
  }

  private LineRejected reject(String why) {
    return new LineRejected("s3dlio column " + name + ": " + why, path);
  }

  private static String clip(String v) {
    return v.length() <= 64 ? v : v.substring(0, 64) + "...";
  }
}
