package io.logdex.format.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * AND by leapfrogging: the cheapest iterator leads, each other one is advanced to the lead's doc,
 * and any overshoot becomes the lead's next target, so the rare term decides which blocks of the
 * common terms are ever decoded.
 */
final class ConjunctionIterator implements DocIdIterator {
  private final DocIdIterator lead;
  private final DocIdIterator[] others;
  private long doc = -1;

  ConjunctionIterator(List<DocIdIterator> iterators) {
    List<DocIdIterator> sorted = new ArrayList<>(iterators);
    sorted.sort(Comparator.comparingLong(DocIdIterator::cost));
    this.lead = sorted.get(0);
    this.others = sorted.subList(1, sorted.size()).toArray(new DocIdIterator[0]);
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() throws IOException {
    return align(lead.nextDoc());
  }

  @Override
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    return align(lead.advance(target));
  }

  private long align(long d) throws IOException {
    outer:
    while (d != NO_MORE_DOCS) {
      for (DocIdIterator o : others) {
        long od = o.docId() >= d ? o.docId() : o.advance(d);
        if (od > d) {
          d = lead.advance(od);
          continue outer;
        }
      }
      return doc = d;
    }
    return doc = NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return lead.cost();
  }
}
