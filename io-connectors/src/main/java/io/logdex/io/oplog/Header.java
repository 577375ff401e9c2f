package io.logdex.io.oplog;

import io.logdex.format.tree.NodeKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The column names of a TSV/CSV op-log, read once from the file's first content line when the
 * read is planned, so that a split starting mid-file knows them too. A header naming exactly the
 * 13 s3dlio columns (any order, any case) makes every row an s3dlio record.
 */
final class Header implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ArrayList<String> names;
  private final S3dlioColumn[] s3dlio; // per position, when this is an s3dlio header
  private final String problem; // why no row can be read, or null

  private Header(ArrayList<String> names, S3dlioColumn[] s3dlio, String problem) {
    this.names = names;
    this.s3dlio = s3dlio;
    this.problem = problem;
  }

  /** A header whose rows are all bad for the given reason (unreadable or ambiguous header). */
  static Header unusable(String problem) {
    return new Header(new ArrayList<>(), null, problem);
  }

  static Header of(List<String> cells) {
    ArrayList<String> names = new ArrayList<>(cells);
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) return unusable("header names column \"" + n + "\" twice");
    }
    if (names.size() != S3dlioColumn.count()) return new Header(names, null, null);
    S3dlioColumn[] cols = new S3dlioColumn[names.size()];
    Set<S3dlioColumn> found = new HashSet<>();
    for (int i = 0; i < cols.length; i++) {
      cols[i] = S3dlioColumn.byName(names.get(i));
      if (cols[i] == null || !found.add(cols[i])) return new Header(names, null, null);
    }
    return new Header(names, cols, null);
  }

  boolean isS3dlio() {
    return s3dlio != null;
  }

  S3dlioColumn s3dlioColumn(int i) {
    return s3dlio[i];
  }

  /** The s3dlio column of every position (not to be modified), or null. */
  S3dlioColumn[] s3dlioColumns() {
    return s3dlio;
  }

  int size() {
    return names.size();
  }

  /** Object keys for a row: the canonical lower-case s3dlio names, else the header as written. */
  List<NodeKey> keys() {
    List<NodeKey> keys = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      keys.add(NodeKey.field(s3dlio != null ? s3dlio[i].name : names.get(i)));
    }
    return keys;
  }

  String problem() {
    return problem;
  }
}
