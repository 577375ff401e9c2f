package io.logdex.format.index;

import java.io.IOException;

/** {@code include AND NOT exclude}: the excluded iterator only ever advances to the candidates. */
final class ExclusionIterator implements DocIdIterator {
  private final DocIdIterator include;
  private final DocIdIterator exclude;
  private long doc = -1;

  ExclusionIterator(DocIdIterator include, DocIdIterator exclude) {
    this.include = include;
    this.exclude = exclude;
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() throws IOException {
    return filter(include.nextDoc());
  }

  @Override
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    return filter(include.advance(target));
  }

  private long filter(long d) throws IOException {
    while (d != NO_MORE_DOCS) {
      long e = exclude.docId() >= d ? exclude.docId() : exclude.advance(d);
      if (e != d) return doc = d;
      d = include.nextDoc();
    }
    return doc = NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return include.cost();
  }
}
