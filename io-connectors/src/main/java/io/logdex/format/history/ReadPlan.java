package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How to read one path from a base plus entries: the path whose base value is needed ({@link
 * #basePath}) and each entry's restricted effect there. Planning looks only at the entries, so
 * the caller learns which snapshot sub-document to fetch before fetching anything.
 *
 * <p>The base path is the read path itself unless some entry makes a positional or keyed change
 * ({@code !arraydiff}, {@code !key(f)}) above it; then it is the shallowest such ancestor, which
 * every entry reaches through merges alone, so every entry's effect there is exact. Only the
 * entries that change the state at the base path matter, and each of them has a diff node on the
 * way from the root to the base path, an ancestor of the read path; so the candidates an index
 * finds for "touches the path, an ancestor or a descendant" are enough, even after lifting,
 * provided the index counts the root, which ExtractAll does not list, as touched by an entry when
 * its root diff is not a plain merge (a tagged node, or a merge patch that is not an object), and
 * by every entry when the path starts with {@code [i]} or {@code (k)}: a root merge turns an array
 * root into an object, which removes every element.
 */
public final class ReadPlan {
  private final KindedPath path;
  private final KindedPath basePath;
  private final DiffKind kind;
  private final LogEntry[] entries;
  private final Effect[] effects;

  private ReadPlan(KindedPath path, KindedPath basePath, DiffKind kind, LogEntry[] entries, Effect[] effects) {
    this.path = path;
    this.basePath = basePath;
    this.kind = kind;
    this.entries = entries;
    this.effects = effects;
  }

  /** A plan applying every entry of entries. */
  public static ReadPlan of(KindedPath path, DiffKind kind, List<LogEntry> entries) throws CorruptEntryException {
    return of(path, kind, entries, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * A plan applying the candidates with {@code afterCommit < commit <= upToCommit} (those a
   * snapshot at afterCommit does not cover, up to the commit read; afterCommit Long.MIN_VALUE
   * means no snapshot, so none is covered). Every candidate's diff is
   * checked as a whole ({@link DiffValidation}), so a corrupt entry fails every read it is a
   * candidate for, not only those whose path runs through the fault.
   *
   * @param candidates in ascending (commit, seq) order, without repeats
   * @throws CorruptEntryException for a malformed diff
   * @throws IllegalArgumentException for a wildcard path or candidates out of order
   */
  public static ReadPlan of(KindedPath path, DiffKind kind, List<LogEntry> candidates, long afterCommit,
      long upToCommit) throws CorruptEntryException {
    if (path.hasWildcard()) throw new IllegalArgumentException("a wildcard path is not an address: " + path);
    checkOrder(candidates);
    List<LogEntry> chosen = new ArrayList<>();
    for (LogEntry e : candidates) {
      boolean covered = afterCommit != Long.MIN_VALUE && e.commit() <= afterCommit;
      if (!covered && e.commit() <= upToCommit) chosen.add(e);
    }
    LogEntry[] es = chosen.toArray(new LogEntry[0]);
    Effect[] effects = new Effect[es.length];
    int lift = path.depth();
    for (int i = 0; i < es.length; i++) {
      try {
        DiffValidation.check(es[i].diff(), kind);
      } catch (FormatException f) {
        throw CorruptEntryException.of(es[i], KindedPath.ROOT, f);
      }
      effects[i] = restrict(es[i], path, kind);
      if (effects[i] instanceof Effect.NeedsAncestor n) lift = Math.min(lift, n.ancestor().depth());
    }
    KindedPath base = path.prefix(lift);
    if (lift < path.depth()) {
      for (int i = 0; i < es.length; i++) effects[i] = restrict(es[i], base, kind);
    }
    return new ReadPlan(path, base, kind, es, effects);
  }

  private static Effect restrict(LogEntry e, KindedPath at, DiffKind kind) throws CorruptEntryException {
    try {
      return DiffRestriction.restrict(e.diff(), at, kind);
    } catch (FormatException f) {
      throw CorruptEntryException.of(e, KindedPath.ROOT, f);
    }
  }

  /** @throws IllegalArgumentException unless entries ascend strictly by (commit, seq) */
  static void checkOrder(List<LogEntry> entries) {
    LogEntry prev = null;
    for (LogEntry e : entries) {
      if (prev != null && (prev.commit() > e.commit() || (prev.commit() == e.commit() && prev.seq() >= e.seq()))) {
        throw new IllegalArgumentException("entries must ascend by (commit, seq) without repeats: ("
            + prev.commit() + ", " + prev.seq() + ") then (" + e.commit() + ", " + e.seq() + ")");
      }
      prev = e;
    }
  }

  /** The path read. */
  public KindedPath path() {
    return path;
  }

  /** The path whose base value {@link #apply} needs: the read path or an ancestor of it. */
  public KindedPath basePath() {
    return basePath;
  }

  /** Whether the base path is a strict ancestor of the path read. */
  public boolean lifted() {
    return !basePath.equals(path);
  }

  /** The entries applied, in order. */
  public List<LogEntry> entries() {
    return Collections.unmodifiableList(Arrays.asList(entries));
  }

  /** Each entry's effect at the base path, in order; none is {@link Effect.NeedsAncestor}. */
  public List<Effect> effects() {
    return Collections.unmodifiableList(Arrays.asList(effects));
  }

  /**
   * The state at the path: the effects applied in order to base (the base's value at {@link
   * #basePath}, null when absent), then the path extracted.
   *
   * @throws CorruptEntryException when an entry does not fit the state (an arraydiff past the end
   *     of the array, a keyed element without a key), naming its commit, seq and absolute path
   */
  public PathState apply(Node base) throws CorruptEntryException {
    Node state = base;
    for (int i = 0; i < effects.length; i++) {
      try {
        state = effects[i].applyTo(state, kind);
      } catch (FormatException f) {
        throw CorruptEntryException.of(entries[i], basePath, f);
      }
    }
    return PathState.ofNullable(NodePaths.get(state, path.relativeTo(basePath)));
  }
}
