package io.logdex.transforms;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Words;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The terms of one snapshot record. A sub-document gives the words of its string and literal
 * values, a field term per top-level scalar field, and a path term for its own path and every
 * path inside it, each with payload (offset, length) of the sub-document: a reader seeks there,
 * parses those bytes and walks the rest of the path. A container record (too big to be one
 * sub-document) and a scalar too big to carry its bytes give only their own path. With a commit
 * ({@code --snapshots=GLOB@COMMIT}), {@code commit:N} too.
 */
final class SnapshotTerms {
  private SnapshotTerms() {}

  /** Adds the record's terms for docId and returns its word count. */
  static int index(ShardBuilder shard, long docId, SnapshotRecord r, long commit) throws IOException {
    long offset = r.offset();
    long length = r.length();
    // The record's own path, the root "" included: get finds where a record's bytes start as the
    // shortest path that record indexes.
    addPath(shard, docId, r.path(), offset, length);
    if (commit != Long.MIN_VALUE) shard.addField(docId, "commit", Long.toString(commit));
    if (!r.isSubDocument() || !r.hasBytes()) return 0;
    Node doc = r.parse();
    long[] words = new long[1];
    try {
      ArrayDeque<Node> stack = new ArrayDeque<>();
      stack.push(doc);
      while (!stack.isEmpty()) {
        Node n = stack.pop();
        if (n.kind() == Node.Kind.STRING || n.kind() == Node.Kind.LITERAL) {
          Words.forEach(n.text(), w -> {
            words[0]++;
            try {
              shard.addTerm(docId, io.logdex.format.index.Terms.word(w));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
        for (int i = n.size() - 1; i >= 0; i--) stack.push(n.child(i));
      }
      if (doc.isObject()) {
        for (int i = 0; i < doc.size(); i++) {
          String name = doc.key(i).asText();
          if (!doc.child(i).isContainer() && EntryTerms.fieldNameFits(name)) {
            shard.addField(docId, name, doc.child(i).text());
          }
        }
      }
      KindedPath base = KindedPath.parse(r.path());
      NodePaths.forEachPath(doc, (p, n) -> {
        try {
          addPath(shard, docId, base.resolve(p).toString(), offset, length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return (int) Math.min(Integer.MAX_VALUE, words[0]);
  }

  private static void addPath(ShardBuilder shard, long docId, String path, long offset, long length)
      throws IOException {
    if (path.getBytes(StandardCharsets.UTF_8).length + 1 > IndexFormat.MAX_TERM_BYTES) return;
    shard.addPath(docId, path, offset, length);
  }
}
