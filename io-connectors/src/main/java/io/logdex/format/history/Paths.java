package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;

/** Re-anchoring the relative paths of failures from a diff applied below the root. */
final class Paths {
  private Paths() {}

  /** base followed by the path the exception names (relative to base); base when it names none. */
  static String absolute(KindedPath base, String relative) {
    if (relative == null || relative.isEmpty()) return base.toString();
    try {
      return base.resolve(KindedPath.parse(relative)).toString();
    } catch (IllegalArgumentException unparsable) {
      // Not a path we can join; keep both so the location is not lost.
      return base.isRoot() ? relative : base + " / " + relative;
    }
  }

  /** e with its path made absolute by prefixing base. */
  static FormatException rebase(FormatException e, KindedPath base) {
    if (base.isRoot()) return e;
    return new FormatException(e.reason(), e.source(), e.offset(), e.line(), e.column(),
        absolute(base, e.path()), e);
  }
}
