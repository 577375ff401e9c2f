package io.logdex.format.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the n most frequent terms seen, ties broken by term bytes, in O(n) memory. */
final class TopTerms {
  private final int n;
  // Head is the entry that would be dropped first: lowest df, then greatest term.
  private final PriorityQueue<TermFreq> heap;

  TopTerms(int n) {
    this.n = n;
    this.heap = new PriorityQueue<>(Math.max(1, n), TermFreq.BY_FREQUENCY.reversed());
  }

  void offer(byte[] term, int len, long df) {
    if (n == 0) return;
    if (heap.size() == n) {
      TermFreq worst = heap.peek();
      if (df < worst.docFreq()) return;
      if (df == worst.docFreq() && Arrays.compareUnsigned(term, 0, len, worst.term(), 0, worst.term().length) >= 0) return;
      heap.poll();
    }
    heap.add(new TermFreq(Arrays.copyOf(term, len), df));
  }

  List<TermFreq> sorted() {
    List<TermFreq> l = new ArrayList<>(heap);
    l.sort(TermFreq.BY_FREQUENCY);
    return l;
  }
}
