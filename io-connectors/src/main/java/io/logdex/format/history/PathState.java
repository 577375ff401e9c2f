package io.logdex.format.history;

import io.logdex.format.tree.Node;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The state at a path: a value (which may be the JSON {@code null}, {@link Node#NULL}) or absent.
 * A read-at must keep "deleted / never there" apart from "set to null", which a bare nullable Node
 * invites callers to confuse.
 */
public final class PathState {
  private static final PathState ABSENT = new PathState(null);

  private final Node value;

  private PathState(Node value) {
    this.value = value;
  }

  public static PathState absent() {
    return ABSENT;
  }

  /** A present value; use {@code of(Node.NULL)} for a JSON null. */
  public static PathState of(Node value) {
    return new PathState(Objects.requireNonNull(value, "value (use absent() for no value)"));
  }

  /** Present when valueOrNull is not a Java null. */
  public static PathState ofNullable(Node valueOrNull) {
    return valueOrNull == null ? ABSENT : new PathState(valueOrNull);
  }

  public boolean isPresent() {
    return value != null;
  }

  public boolean isAbsent() {
    return value == null;
  }

  /** The value. @throws NoSuchElementException when absent */
  public Node value() {
    if (value == null) throw new NoSuchElementException("no value at this path");
    return value;
  }

  /** The value, or a Java null when absent (never to be confused with {@link Node#NULL}). */
  public Node orNull() {
    return value;
  }

  public Optional<Node> toOptional() {
    return Optional.ofNullable(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathState s && Objects.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return value == null ? 0 : value.hashCode();
  }

  /** {@code <absent>}, or the value in canonical wire form. */
  @Override
  public String toString() {
    return value == null ? "<absent>" : value.toString();
  }
}
