package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.BLOCK_DOCS;

import java.io.IOException;
import java.util.Arrays;

/**
 * The AND of terms' postings as an iterator, a block of the rarest term at a time: its decoded
 * docs are the candidates, which each other term filters in place ({@link TermConjunction#filter},
 * branch-free), and the survivors are handed out in order. A leapfrogging {@link
 * ConjunctionIterator} advances every other term once per candidate, mispredicting the in-block
 * search nearly every time when the terms are common; a ranked search over such an AND walks it
 * this way, as a count does. The frequencies of the terms it is asked for ({@link #keepFreqs}) are
 * taken as each term keeps its candidates, so {@link #freq} needs no search of the term's block.
 */
final class TermConjunctionIterator implements DocIdIterator {
  private final BlockPostingsIterator lead;
  private final BlockPostingsIterator[] its;
  private final int[] pos;
  private final long[] cand = new long[BLOCK_DOCS];
  private int count;
  private int at;
  private boolean exhausted;
  private long doc = -1;
  /** Per term asked for: the docs it kept from the current lead block and their frequencies. */
  private final long[][] keptDocs;
  private final int[][] keptFreqs;
  private final int[] kept;
  private final int[] keptAt;

  /** its: two or more terms' postings, positioned before their first doc. */
  TermConjunctionIterator(BlockPostingsIterator[] its) {
    this.its = its.clone();
    Arrays.sort(this.its, (a, b) -> Long.compare(a.docFreq(), b.docFreq()));
    this.lead = this.its[0];
    this.pos = new int[its.length - 1];
    this.keptDocs = new long[its.length][];
    this.keptFreqs = new int[its.length][];
    this.kept = new int[its.length];
    this.keptAt = new int[its.length];
  }

  /** Keeps the frequencies of the term whose postings are p (one of the constructor's); returns its handle. */
  int keepFreqs(BlockPostingsIterator p) {
    for (int k = 0; k < its.length; k++) {
      if (its[k] == p) {
        keptDocs[k] = new long[BLOCK_DOCS];
        keptFreqs[k] = new int[BLOCK_DOCS];
        return k;
      }
    }
    throw new IllegalArgumentException("not a term of this conjunction");
  }

  /** The current doc's frequency in the term of that handle ({@link #keepFreqs}). */
  int freq(int k) {
    long[] d = keptDocs[k];
    int i = keptAt[k];
    while (d[i] < doc) i++; // the current doc was kept by every term, so it is there
    keptAt[k] = i;
    return keptFreqs[k][i];
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() throws IOException {
    if (++at < count) return doc = cand[at];
    return doc = refill(Long.MIN_VALUE);
  }

  @Override
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    while (++at < count) {
      if (cand[at] >= target) return doc = cand[at];
    }
    return doc = refill(target);
  }

  /** Filters the lead's next block that reaches target until one keeps a doc ≥ target. */
  private long refill(long target) throws IOException {
    while (!exhausted && lead.fetchBlock(target)) {
      int c = lead.blockLen;
      System.arraycopy(lead.docs, 0, cand, 0, c);
      if (keptFreqs[0] != null) {
        for (int i = 0; i < c; i++) keptFreqs[0][i] = lead.freqAt(i);
      }
      keep(0, c);
      for (int k = 1; k < its.length && c > 0; k++) {
        c = TermConjunction.filter(cand, c, its[k], pos, k - 1, keptFreqs[k]);
        if (c < 0) {
          // That term ran out: what it kept still goes through the others, and no later block of
          // the lead can match.
          c = -c - 1;
          exhausted = true;
        }
        keep(k, c);
      }
      count = c;
      at = 0;
      while (at < count && cand[at] < target) at++;
      if (at < count) return cand[at];
    }
    count = 0;
    at = 0;
    return NO_MORE_DOCS;
  }

  /** Notes the candidates term k kept (their frequencies are in place already). */
  private void keep(int k, int c) {
    if (keptDocs[k] == null) return;
    System.arraycopy(cand, 0, keptDocs[k], 0, c);
    kept[k] = c;
    keptAt[k] = 0;
  }

  @Override
  public long cost() {
    return lead.cost();
  }
}
