package io.logdex.format.history;

import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.io.IOException;
import java.util.Objects;

/**
 * The base a read starts from: the newest snapshot at or before the commit read, or none (start
 * from empty). Values are fetched one sub-document at a time through {@link Source}, because
 * which path is needed is only known once the entries have been looked at (see {@link ReadPlan}).
 */
public final class Snapshot {
  /** Reads the snapshot's value at a path, or null when the snapshot has nothing there. */
  @FunctionalInterface
  public interface Source {
    Node at(KindedPath path) throws IOException;
  }

  private static final Snapshot NONE = new Snapshot(Long.MIN_VALUE, path -> null);

  private final long commit;
  private final Source source;

  private Snapshot(long commit, Source source) {
    this.commit = commit;
    this.source = source;
  }

  /** No snapshot: every entry applies, starting from absence. */
  public static Snapshot none() {
    return NONE;
  }

  /** The state after every entry of every commit up to and including commit. */
  public static Snapshot at(long commit, Source source) {
    return new Snapshot(commit, Objects.requireNonNull(source, "source"));
  }

  /** A snapshot held in memory as a whole tree (root null: empty); for small states and tests. */
  public static Snapshot ofRoot(long commit, Node root) {
    return at(commit, path -> NodePaths.get(root, path));
  }

  public boolean exists() {
    return this != NONE;
  }

  /** The commit the snapshot covers; Long.MIN_VALUE for none. */
  public long commit() {
    return commit;
  }

  public Node at(KindedPath path) throws IOException {
    return source.at(path);
  }
}
