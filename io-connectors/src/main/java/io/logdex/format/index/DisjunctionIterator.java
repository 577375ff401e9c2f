package io.logdex.format.index;

import java.io.IOException;
import java.util.List;

/** OR as a min-heap of iterators keyed by their current doc. */
final class DisjunctionIterator implements DocIdIterator {
  private final DocIdIterator[] heap;
  private int size;
  private final long cost;
  private long doc = -1;

  DisjunctionIterator(List<DocIdIterator> iterators) {
    heap = iterators.toArray(new DocIdIterator[0]);
    size = heap.length;
    long c = 0;
    for (DocIdIterator it : heap) c = Math.min(Long.MAX_VALUE / 2, c + it.cost());
    cost = c;
    // All start at -1, so the array is already a heap.
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() throws IOException {
    if (doc == NO_MORE_DOCS) return doc;
    long target = doc + 1;
    while (size > 0 && heap[0].docId() < target) {
      DocIdIterator top = heap[0];
      long d = top.docId() == doc ? top.nextDoc() : top.advance(target);
      settleTop(d);
    }
    return doc = size == 0 ? NO_MORE_DOCS : heap[0].docId();
  }

  @Override
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    while (size > 0 && heap[0].docId() < target) settleTop(heap[0].advance(target));
    return doc = size == 0 ? NO_MORE_DOCS : heap[0].docId();
  }

  private void settleTop(long d) {
    if (d == NO_MORE_DOCS) {
      heap[0] = heap[--size];
      heap[size] = null;
      if (size == 0) return;
    }
    int i = 0;
    DocIdIterator v = heap[0];
    long vd = v.docId();
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1].docId() < heap[child].docId()) child++;
      if (heap[child].docId() >= vd) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = v;
  }

  @Override
  public long cost() {
    return cost;
  }
}
