package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import java.util.Objects;

/**
 * What one root diff does to the subtree at one path, as {@link DiffRestriction} finds it. Every
 * case but {@link NeedsAncestor} can be applied to the state at that path alone.
 */
public sealed interface Effect
    permits Effect.Unchanged, Effect.Deleted, Effect.Constant, Effect.DiffAt, Effect.NeedsAncestor {

  Effect UNCHANGED = new Unchanged();
  Effect DELETED = new Deleted();

  /**
   * The state at the path after this effect; a Java null state or result is absent.
   *
   * @throws FormatException when the diff does not fit the state (path relative to this path)
   * @throws IllegalStateException for {@link NeedsAncestor}, which needs the ancestor's state
   */
  Node applyTo(Node state, DiffKind kind) throws FormatException;

  /** The diff does not reach the path: the state stays. */
  record Unchanged() implements Effect {
    @Override
    public Node applyTo(Node state, DiffKind kind) {
      return state;
    }
  }

  /** Afterwards there is nothing at the path, whatever was there. */
  record Deleted() implements Effect {
    @Override
    public Node applyTo(Node state, DiffKind kind) {
      return null;
    }
  }

  /** Afterwards the path holds value, whatever was there (a replace, insert or value above or at it). */
  record Constant(Node value) implements Effect {
    public Constant {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Node applyTo(Node state, DiffKind kind) {
      return value;
    }
  }

  /** Apply diff (a merge, arraydiff, keyed diff or merge patch) to the state at the path. */
  record DiffAt(Node diff) implements Effect {
    public DiffAt {
      Objects.requireNonNull(diff, "diff");
    }

    @Override
    public Node applyTo(Node state, DiffKind kind) throws FormatException {
      return kind.apply(state, diff);
    }
  }

  /**
   * The diff makes a positional or keyed change ({@code !arraydiff}, {@code !key(f)}) at ancestor,
   * so which element ends up at the path depends on the ancestor's state: restrict to it instead.
   */
  record NeedsAncestor(KindedPath ancestor) implements Effect {
    public NeedsAncestor {
      Objects.requireNonNull(ancestor, "ancestor");
    }

    @Override
    public Node applyTo(Node state, DiffKind kind) {
      throw new IllegalStateException("the effect needs the state at " + ancestor + "; restrict to it");
    }
  }
}
