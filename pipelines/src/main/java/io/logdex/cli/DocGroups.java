package io.logdex.cli;

import io.logdex.format.index.DocIdIterator;
import java.io.IOException;
import java.util.Arrays;

/**
 * Which of several terms' postings (the groups of {@code stats --by}) holds each doc, for docs asked
 * in ascending order. A window of {@link #WINDOW} docIds is filled at a time from every group's
 * postings, so a doc's group is one array read: merging the groups' postings per doc through a heap
 * cost log(groups) comparisons and a poll and an add per doc, most of a grouped scan's time. A
 * window starts at the doc asked for, so gaps in the docIds (other shards, filtered docs) cost
 * nothing, and filling costs one pass over the postings inside it. Memory: 128 KiB.
 */
final class DocGroups {
  static final int WINDOW = 1 << 16;

  private final DocIdIterator[] postings;
  /** Group + 1 per docId of [base, end); 0: in no group. Groups are at most 10,000, a short. */
  private final short[] groupOf = new short[WINDOW];
  private long base;
  private long end; // empty until the first fill

  /** postings[g]: group g's docs; each iterator is used by this object alone from now on. */
  DocGroups(DocIdIterator[] postings) {
    if (postings.length >= Short.MAX_VALUE) throw new IllegalArgumentException(postings.length + " groups");
    this.postings = postings;
  }

  /**
   * The group holding doc, or -1 when none does; a doc in several (a field given twice) belongs to
   * the first, in the order of the postings. Docs must be asked in ascending order.
   */
  int of(long doc) throws IOException {
    if (doc >= end || doc < base) fill(doc);
    return groupOf[(int) (doc - base)] - 1;
  }

  private void fill(long from) throws IOException {
    base = from;
    end = from > Long.MAX_VALUE - WINDOW ? Long.MAX_VALUE : from + WINDOW;
    Arrays.fill(groupOf, (short) 0);
    // The last group first, so that an earlier group overwrites a doc both hold.
    for (int g = postings.length - 1; g >= 0; g--) {
      DocIdIterator p = postings[g];
      long d = p.docId();
      if (d >= end) continue;
      if (d < from) d = p.advance(from);
      short mark = (short) (g + 1);
      while (d < end) {
        groupOf[(int) (d - from)] = mark;
        d = p.nextDoc();
      }
    }
  }
}
