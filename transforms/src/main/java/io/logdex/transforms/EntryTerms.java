package io.logdex.transforms;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Terms;
import io.logdex.format.index.TypedValues;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The terms of one log entry, as the index defines them (docs/FORMAT.md, "build outputs"):
 *
 * <ul>
 *   <li>words of every string and literal value of the diff (not keys, not numbers, not a
 *       top-level string that is an RFC 3339 time), which also give the document's word count;
 *   <li>a field term {@code name:value} for every top-level scalar field of the diff, and {@code
 *       commit:N}, except for the values {@link TypedFields} keeps typed (numbers, times, the
 *       entry's commit and timestamp);
 *   <li>a path term for every path the diff touches, with payload (commit, seq, position), so a
 *       read-at can find the entries under a path without opening the log; the root's {@code ""}
 *       too when the root diff is not a plain merge (it then changes every path). Not for s3dlio
 *       operations: they are events, not changes to a state, and their paths would be the same
 *       13 columns in every record (postings the size of the log, for no query).
 * </ul>
 *
 * Names a field term cannot hold (empty, with a {@code ':'}, longer than 256 bytes) and paths
 * longer than a term are left out: no query could name them.
 *
 * <p>{@link S3dlioRowEntries} adds the same terms for s3dlio TSV rows without their trees; a change
 * to the rules here must be made there too (S3dlioRowEntriesTest compares the two).
 */
final class EntryTerms {
  private EntryTerms() {}

  /** Adds the entry's terms for docId and returns its word count. */
  static int index(ShardBuilder shard, long docId, LogEntry e, long position) throws IOException {
    long[] counter = new long[1];
    Node diff = e.diff();
    try {
      ArrayDeque<Node> stack = new ArrayDeque<>();
      if (diff.isObject()) {
        // A top-level time is a typed value, not words (TypedFields): its fraction would be a new
        // word in nearly every record.
        for (int i = diff.size() - 1; i >= 0; i--) {
          Node c = diff.child(i);
          if (c.kind() != Node.Kind.STRING || TypedValues.time(c.text()) == TypedValues.NONE) stack.push(c);
        }
      } else {
        stack.push(diff);
      }
      while (!stack.isEmpty()) {
        Node n = stack.pop();
        if (n.kind() == Node.Kind.STRING || n.kind() == Node.Kind.LITERAL) {
          counter[0] += shard.addWords(docId, n.text());
        }
        for (int i = n.size() - 1; i >= 0; i--) stack.push(n.child(i));
      }
      TypedFields typed = new TypedFields();
      if (diff.isObject()) {
        for (int i = 0; i < diff.size(); i++) {
          Node v = diff.child(i);
          String name = diff.key(i).asText();
          if (!v.isContainer() && fieldNameFits(name) && !typed.add(shard, docId, name, v)) {
            shard.addField(docId, name, v.text());
          }
        }
      }
      typed.entry(shard, docId, e.commit(), TypedValues.time(e.timestamp()));
      long commit = e.commit();
      long seq = e.seq();
      if (RecordEntries.isS3dlioOperation(diff)) return (int) Math.min(Integer.MAX_VALUE, counter[0]);
      // forEachPath never lists the root, yet a root diff that is not a plain merge (a value, a
      // tagged node: !replace, !insert, !delete, !arraydiff, !key(f)) changes every path; read-at
      // finds such entries through the root's term "".
      if (!isPlainMerge(diff)) shard.addPath(docId, "", commit, seq, position);
      NodePaths.forEachPath(diff, (p, n) -> {
        // Over the cap, a path is not spelled at all: a diff a million deep stays linear.
        String path = p.toStringWithin(IndexFormat.MAX_PATH_BYTES);
        if (path == null) return;
        try {
          shard.addPath(docId, path, commit, seq, position);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
    } catch (UncheckedIOException ex) {
      throw ex.getCause();
    }
    return (int) Math.min(Integer.MAX_VALUE, counter[0]);
  }

  /**
   * Whether the root diff merges field by field into an object state: an untagged object, in Tony
   * as in RFC 7386 (a JSON diff has no tags). Its effect on every path is then listed by its own
   * paths, except that it makes an array root an object (read-at counts that for {@code [i]} and
   * {@code (k)} paths by reading every entry).
   */
  static boolean isPlainMerge(Node diff) {
    return diff.isObject() && diff.tag() == null;
  }

  static boolean fieldNameFits(String name) {
    // A char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): short names need no encoding.
    return !name.isEmpty()
        && name.indexOf(':') < 0
        && (name.length() * 3 <= Terms.MAX_FIELD_NAME_BYTES
            || name.getBytes(StandardCharsets.UTF_8).length <= Terms.MAX_FIELD_NAME_BYTES);
  }
}
