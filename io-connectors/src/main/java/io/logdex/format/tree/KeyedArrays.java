package io.logdex.format.tree;

import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;

/**
 * How the elements of a keyed array ({@code !key(sku) [{sku: "W-1", …}]}) are told apart. The
 * tag's argument is a path inside each element ({@code sku}, or {@code meta.name}); an element's
 * key is the node there, and the text a path's {@code (key)} segment compares with is that node's
 * text when it is a scalar.
 */
final class KeyedArrays {
  private KeyedArrays() {}

  /**
   * The path of the key inside each element, from a {@code !key(path)} tag on n, or null when n is
   * not tagged so or the argument is not a usable path. Keyed segments and wildcards are refused
   * in a key path, which keeps key lookups from recursing into other keyed arrays.
   */
  static KindedPath keyPath(Node n) {
    if (!"key".equals(n.tagName())) return null;
    String arg = n.tagArgument();
    if (arg == null || arg.isEmpty()) return null;
    KindedPath p;
    try {
      p = KindedPath.parse(arg);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (p.hasWildcard()) return null;
    for (PathSegment s : p.toArray()) {
      if (s instanceof PathSegment.Keyed) return null;
    }
    return p;
  }

  /** The key node of element, or null when it has none. */
  static Node keyOf(Node element, KindedPath keyPath) {
    return NodePaths.get(element, keyPath);
  }

  /** The text a {@code (key)} segment names key by, or null for a missing or container key. */
  static String keyText(Node key) {
    return key == null || key.isContainer() ? null : key.text();
  }
}
