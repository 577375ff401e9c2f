package io.logdex.transforms;

import io.logdex.format.index.DocRecord;
import io.logdex.format.index.Query;
import io.logdex.format.index.RecordVerifier;
import io.logdex.format.index.Words;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks phrases and exact-case field values on a build's stored records (docs/FORMAT.md,
 * "Queries"): a log entry's diff or a snapshot sub-document, read back and parsed. The rules are
 * the indexing rules of {@link EntryTerms} and {@link SnapshotTerms}: a phrase's words, split by
 * the same {@link Words} rule, follow one another within one string or literal value; an exact
 * value is a top-level scalar field's text ({@code commit} is the record's commit).
 */
public final class RecordChecks implements RecordVerifier {
  /** Snapshot documents longer than this are not read for a check, and do not match. */
  static final int MAX_SNAPSHOT_BYTES = 64 << 20;

  private final BuildOutput output;

  public RecordChecks(BuildOutput output) {
    this.output = output;
  }

  @Override
  public boolean matches(long docId, DocRecord record, Query q) throws IOException {
    Node root;
    long commit;
    if (output.isSnapshot(record.sourceId())) {
      root = output.snapshotNode(record, MAX_SNAPSHOT_BYTES);
      if (root == null) return false;
      commit = record.commit();
    } else {
      LogEntry e = output.entry(record);
      root = e.diff();
      commit = e.commit();
    }
    if (q instanceof Query.Phrase) return hasPhrase(root, ((Query.Phrase) q).words());
    if (q instanceof Query.Exact) return hasExact(root, commit, (Query.Exact) q);
    throw new IllegalArgumentException("not a record check: " + q);
  }

  /** Whether some string or literal value under root holds the words consecutively. */
  static boolean hasPhrase(Node root, List<String> phrase) {
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    List<String> words = new ArrayList<>();
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.kind() == Node.Kind.STRING || n.kind() == Node.Kind.LITERAL) {
        words.clear();
        Words.forEach(n.text(), words::add);
        if (Words.containsRun(words, phrase)) return true;
      }
      for (int i = n.size() - 1; i >= 0; i--) stack.push(n.child(i));
    }
    return false;
  }

  static boolean hasExact(Node root, long commit, Query.Exact q) {
    if (q.name().equals("commit") && commit != DocRecord.ABSENT && q.value().equals(Long.toString(commit))) return true;
    if (!root.isObject()) return false;
    for (int i = 0; i < root.size(); i++) {
      Node v = root.child(i);
      if (!v.isContainer() && root.key(i).asText().equals(q.name()) && v.text().equals(q.value())) return true;
    }
    return false;
  }
}
