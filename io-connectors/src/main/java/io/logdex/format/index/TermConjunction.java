package io.logdex.format.index;

import java.io.IOException;

/**
 * Counts the docs common to several terms' postings, block by block. The rarest term's decoded
 * block is the candidate list; each other term filters it in place. When candidates are dense
 * within the other term's current block, a branch-free merge (compare results turned into 0/1 by
 * arithmetic) walks both arrays: at 30-50% densities a branchy merge mispredicts on nearly every
 * doc, and that, not decoding, dominated the cost. When they are sparse it uses a branch-free
 * binary search instead. Blocks and skip groups of the other terms that end before the next candidate are
 * skipped on their headers, never decoded. Same result as a {@link ConjunctionIterator}.
 */
final class TermConjunction {
  private TermConjunction() {}

  /** its must be sorted by docFreq, rarest first, and positioned before their first doc. */
  static long count(BlockPostingsIterator[] its) throws IOException {
    BlockPostingsIterator lead = its[0];
    int m = its.length - 1;
    int[] pos = new int[m];
    long[] cand = new long[IndexFormat.BLOCK_DOCS];
    long count = 0;
    boolean exhausted = false;
    while (!exhausted && lead.fetchBlock(Long.MIN_VALUE)) {
      int c = lead.blockLen;
      System.arraycopy(lead.docs, 0, cand, 0, c);
      for (int k = 0; k < m && c > 0; k++) {
        c = filter(cand, c, its[k + 1], pos, k, null);
        if (c < 0) {
          // That term ran out: what it kept still goes through the remaining terms, and no
          // later block of the lead can match.
          c = -c - 1;
          exhausted = true;
        }
      }
      count += c;
    }
    return count;
  }

  /**
   * Keeps the candidates that o also holds, in place; returns how many, or -(kept + 1) if o ran
   * out of postings (so no later candidate can match). With freqs, each kept candidate's frequency
   * in o goes to the same index of it (a ranked search's; a count passes null).
   */
  static int filter(long[] cand, int c, BlockPostingsIterator o, int[] pos, int k, int[] freqs) throws IOException {
    int out = 0;
    int ci = 0;
    int j = pos[k];
    while (ci < c) {
      long[] od = o.docs;
      int on = o.blockLen;
      if (on == 0 || od[on - 1] < cand[ci]) {
        if (!o.fetchBlock(cand[ci])) {
          pos[k] = 0;
          return -(out + 1);
        }
        on = o.blockLen;
        j = 0;
      }
      int probe = ci + ((on - j) >> 2);
      if (probe >= c || cand[probe] > od[on - 1]) {
        // Fewer candidates fall in this block than a quarter of its docs: find each one by a
        // branch-free lower-bound search (the block's last doc is known to be >= the candidate).
        long a = cand[ci];
        int lo = j;
        int n = on - j;
        while (n > 1) {
          int half = n >>> 1;
          lo += half & (int) ((od[lo + half - 1] - a) >> 63);
          n -= half;
        }
        j = lo;
        cand[out] = a;
        if (freqs != null) freqs[out] = o.freqAt(j);
        long x = od[j] ^ a;
        out += 1 - (int) ((x | -x) >>> 63);
        ci++;
      } else {
        // Dense: branch-free merge until one side runs out. DocIds are non-negative, so the
        // differences cannot overflow and their sign bit is the comparison.
        while (ci < c && j < on) {
          long a = cand[ci];
          long b = od[j];
          long x = a ^ b;
          cand[out] = a;
          if (freqs != null) freqs[out] = o.freqAt(j);
          out += 1 - (int) ((x | -x) >>> 63);
          ci += 1 - (int) ((b - a) >>> 63);
          j += 1 - (int) ((a - b) >>> 63);
        }
      }
    }
    pos[k] = j;
    return out;
  }
}
