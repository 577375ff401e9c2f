package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Doc records held by a {@link ShardBuilder} between spills, as parallel primitive arrays. */
final class DocBuffer {
  /** docId, sourceId, offset, length, wordCount, commit, seq, permutation, scratch. */
  static final int UNIT = 8 + 4 + 8 + 8 + 4 + 8 + 8 + 4 + 4;

  private int cap = 64;
  private long[] docId = new long[cap];
  private int[] source = new int[cap];
  private long[] offset = new long[cap];
  private long[] length = new long[cap];
  private int[] words = new int[cap];
  private long[] commit = new long[cap];
  private long[] seq = new long[cap];
  private int[] perm = new int[cap];
  private int[] scratch = new int[cap];
  private int count;

  long bytesAllocated() {
    return (long) cap * UNIT;
  }

  boolean isEmpty() {
    return count == 0;
  }

  boolean hasRoom() {
    return count < cap;
  }

  boolean grow(long room) {
    long c = Math.min(cap * 2L, cap + room / UNIT);
    if (c <= cap || c > Integer.MAX_VALUE - 16) return false;
    int n = (int) c;
    docId = Arrays.copyOf(docId, n);
    source = Arrays.copyOf(source, n);
    offset = Arrays.copyOf(offset, n);
    length = Arrays.copyOf(length, n);
    words = Arrays.copyOf(words, n);
    commit = Arrays.copyOf(commit, n);
    seq = Arrays.copyOf(seq, n);
    perm = new int[n];
    scratch = new int[n];
    cap = n;
    return true;
  }

  void add(DocRecord r) {
    int i = count++;
    docId[i] = r.docId();
    source[i] = r.sourceId();
    offset[i] = r.offset();
    length[i] = r.length();
    words[i] = r.wordCount();
    commit[i] = r.commit();
    seq[i] = r.seq();
  }

  /** Writes the records sorted by docId, one copy of each, then empties the buffer. */
  RunDescriptor spill(Path file) throws IOException {
    for (int i = 0; i < count; i++) perm[i] = i;
    for (int i = 1; i < count; i++) {
      if (docId[i] < docId[i - 1]) {
        IntSorter.sort(perm, 0, count, scratch, (x, y) -> Long.compare(docId[x], docId[y]));
        break;
      }
    }
    DocEntry d = new DocEntry();
    DocEntry prev = new DocEntry();
    RunDescriptor run;
    try (DocRunWriter w = new DocRunWriter(file)) {
      for (int k = 0; k < count; k++) {
        int i = perm[k];
        d.docId = docId[i];
        d.sourceId = source[i];
        d.offset = offset[i];
        d.length = length[i];
        d.wordCount = words[i];
        d.commit = commit[i];
        d.seq = seq[i];
        if (k > 0 && d.docId == prev.docId) {
          if (!d.sameAs(prev)) {
            throw new IllegalArgumentException("two different records for doc " + d.docId + ": " + prev + " and " + d);
          }
          continue;
        }
        w.add(d);
        prev.copyFrom(d);
      }
      run = w.finish();
    }
    count = 0;
    return run;
  }
}
