package io.logdex.format.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik: every kinded path, with field and key names of any UTF-16 content (quotes, dots,
 * brackets, control characters, unpaired surrogates), has a spelling that parses back to it, and
 * its order is consistent with equals and puts a prefix first.
 */
class KindedPathProperties {
  @Property(tries = 300)
  void formatThenParseIsTheSamePath(@ForAll("paths") KindedPath p) {
    KindedPath back = KindedPath.parse(p.toString());
    assertEquals(p, back, p::toString);
    assertEquals(p.toString(), back.toString());
    assertEquals(p.hashCode(), back.hashCode());
  }

  @Property(tries = 200)
  void orderIsConsistentAndPrefixesComeFirst(
      @ForAll("paths") KindedPath a, @ForAll("paths") KindedPath b) {
    assertEquals(a.equals(b), a.compareTo(b) == 0);
    assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
    KindedPath longer = a.resolve(b);
    assertTrue(b.isRoot() || a.compareTo(longer) < 0, () -> a + " vs " + longer);
    assertEquals(a, longer.prefix(a.depth()));
  }

  @Provide
  Arbitrary<KindedPath> paths() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(6),
        Arbitraries.strings().withChars("ab.[]{}()'\"\\ *0").ofMaxLength(6),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
    Arbitrary<PathSegment> segment = Arbitraries.oneOf(
        names.map(PathSegment::field),
        Arbitraries.longs().between(0, Long.MAX_VALUE).map(PathSegment::index),
        Arbitraries.longs().between(0, PathSegment.MAX_SPARSE_INDEX).map(PathSegment::sparse),
        names.map(PathSegment::keyed));
    return segment.list().ofMaxSize(6).map(KindedPath::of);
  }
}
