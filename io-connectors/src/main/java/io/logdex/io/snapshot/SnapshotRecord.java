package io.logdex.io.snapshot;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One piece of a snapshot as {@link SnapshotIO} cuts it. A {@link Kind#SUBDOCUMENT} is a largest
 * node whose bytes fit in maxSubDocumentBytes (or a scalar bigger than that, alone), with those
 * bytes; a {@link Kind#CONTAINER} is an object or array too big to be one, with where it is and
 * how many children it has, but no bytes. Offsets and lengths are in uncompressed bytes of the
 * file, and {@code [offset, offset + length)} is the node exactly as written there: its tag
 * included, its key, separator and surrounding whitespace not.
 */
@DefaultCoder(SnapshotRecordCoder.class)
public final class SnapshotRecord {
  public enum Kind {
    SUBDOCUMENT,
    CONTAINER
  }

  /** {@link #childCount()} of a scalar. */
  public static final long SCALAR = -1;

  private final String file;
  private final Kind kind;
  private final String path;
  private final long offset;
  private final long length;
  private final long childCount;
  private final byte[] bytes;

  /**
   * @param bytes the node's bytes (owned by the record from now on), or null for a container
   *     record or a scalar larger than the materialisation limit
   */
  public SnapshotRecord(
      String file, Kind kind, String path, long offset, long length, long childCount,
      byte[] bytes) {
    this.file = Objects.requireNonNull(file, "file");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.path = path;
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
    if (bytes != null && (kind == Kind.CONTAINER || bytes.length != length)) {
      throw new IllegalArgumentException(
          "bytes must be a sub-document's " + length + " bytes, not " + bytes.length);
    }
    if (kind == Kind.CONTAINER && childCount < 0) {
      throw new IllegalArgumentException("a container record needs its child count");
    }
    this.offset = offset;
    this.length = length;
    this.childCount = childCount;
    this.bytes = bytes;
  }

  /** The file as Beam names it (its ResourceId string). */
  public String file() {
    return file;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isSubDocument() {
    return kind == Kind.SUBDOCUMENT;
  }

  /**
   * The canonical kinded path; {@code ""} for a whole single document, {@code [n]} in streams.
   * Null when its spelling would be longer than {@link IndexFormat#MAX_PATH_BYTES}: such a path
   * gets no term, and formatting one per record of a deep chain would cost O(depth²).
   */
  public String path() {
    return path;
  }

  /** Uncompressed byte offset of the node's first byte (its tag's, if tagged). */
  public long offset() {
    return offset;
  }

  /** Bytes the node spans; 0 only for the implicit null of {@code {a b}}. */
  public long length() {
    return length;
  }

  public long end() {
    return offset + length;
  }

  /** Children of an object or array (of a sub-document too), or {@link #SCALAR}. */
  public long childCount() {
    return childCount;
  }

  public boolean isScalar() {
    return childCount == SCALAR;
  }

  /**
   * Where the record sits in the file's record order: a sub-document at its first byte, a
   * container at its closing bracket (after all its children). Strictly increasing within a file
   * except that a container may share its position with an empty sub-document just inside it.
   */
  public long position() {
    return kind == Kind.CONTAINER ? offset + length - 1 : offset;
  }

  /** Whether {@link #bytes()} is available; false for containers and oversized scalars. */
  public boolean hasBytes() {
    return bytes != null;
  }

  /**
   * A copy of the sub-document's bytes, or null: containers carry none, and a scalar over the
   * read's maxScalarBytes carries none either; read those with {@link SubDocumentBytes#open}.
   */
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  /** Whether the sub-document's bytes hold {@code seq} anywhere; false when it carries none. */
  public boolean holds(byte[] seq) {
    if (bytes == null || seq.length == 0) return false;
    byte first = seq[0];
    for (int i = 0, last = bytes.length - seq.length; i <= last; i++) {
      if (bytes[i] == first && java.util.Arrays.equals(bytes, i, i + seq.length, seq, 0, seq.length)) return true;
    }
    return false;
  }

  /** The bytes without copying; callers must not modify them. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  /**
   * Parses the sub-document's bytes into a tree. An empty sub-document is the implicit null of
   * {@code {a b}}. A scalar is parsed as the element of a one-element array, so that a literal
   * such as {@code |} that would read as block Tony at the top level still parses.
   *
   * @throws IllegalStateException if the record carries no bytes
   */
  public Node parse() throws IOException {
    if (bytes == null) throw new IllegalStateException("no bytes: " + this);
    if (bytes.length == 0) return Node.NULL;
    if (!isScalar()) {
      Tokenizer t = tokens();
      Node n = TreeParser.parseValue(t);
      if (t.next() != TokenKind.END_OF_INPUT) throw t.error("content after the sub-document");
      return n;
    }
    TokenizerOptions options = tokenizerOptions();
    byte[] wrapped = new byte[bytes.length + 2];
    wrapped[0] = '[';
    System.arraycopy(bytes, 0, wrapped, 1, bytes.length);
    wrapped[wrapped.length - 1] = ']';
    Tokenizer t = Tokenizer.fromBytes(wrapped, 0, wrapped.length, offset - 1, file, options);
    t.next(); // the '[' added above
    Node n = TreeParser.parseValue(t);
    if (t.next() != TokenKind.END_ARRAY) {
      throw t.error("more than one value in a scalar sub-document");
    }
    return n;
  }

  /**
   * A tokenizer over the bytes of an object or array sub-document, before its first token, reading
   * them exactly as {@link #parse} does: for callers that only walk the tokens once, which is far
   * cheaper than building the tree. Offsets and errors name the file, as if the bytes were read
   * where they stand; every token is kept whole (maxTokenBytes covers the record). The caller
   * should check, as parse does, that one value and then END_OF_INPUT follow.
   *
   * @throws IllegalStateException for a record without bytes, a scalar or an empty sub-document
   *     (parse those)
   */
  public Tokenizer tokens() {
    if (bytes == null || bytes.length == 0 || isScalar()) {
      throw new IllegalStateException("not an object or array sub-document with bytes: " + this);
    }
    return Tokenizer.fromBytes(bytes, 0, bytes.length, offset, file, tokenizerOptions());
  }

  private TokenizerOptions tokenizerOptions() {
    return TokenizerOptions.defaults()
        .withDocuments(DocumentMode.SINGLE)
        .withMaxTokenBytes(Math.max(TokenizerOptions.DEFAULT_MAX_TOKEN_BYTES, bytes.length + 2));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SnapshotRecord)) return false;
    SnapshotRecord r = (SnapshotRecord) o;
    return offset == r.offset
        && length == r.length
        && childCount == r.childCount
        && kind == r.kind
        && file.equals(r.file)
        && Objects.equals(path, r.path)
        && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, kind, path, offset, length, childCount) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    String p = path == null ? "(path too long)" : path.isEmpty() ? "\"\"" : path;
    return kind + " " + p + " @" + offset + "+" + length
        + (childCount >= 0 ? " (" + childCount + " children)" : "")
        + (bytes == null && kind == Kind.SUBDOCUMENT ? " (bytes not kept)" : "");
  }
}
