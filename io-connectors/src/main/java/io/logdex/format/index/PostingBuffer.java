package io.logdex.format.index;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory half of a {@link ShardBuilder}: distinct terms interned once in a byte arena with an
 * open-addressing hash table, postings as parallel primitive arrays, payloads in a long arena. Every
 * array that a spill needs (term order, term-ordered postings, scratch) is allocated with the data
 * it sorts, so
 * {@link #bytesAllocated()} is the whole footprint and a spill allocates nothing but I/O buffers.
 */
final class PostingBuffer {
  /** termStart, termPartition, sorted, scratch, and two hash slots of 16 bytes. */
  static final int TERM_UNIT = 4 * 4 + 32;
  /** termId, docId and payload ref as added, then docId and payload ref in term order. */
  static final int POSTING_UNIT = 4 + 8 + 4 + 8 + 4;

  private final int partitions;
  private byte[] arena = new byte[4096];
  private int arenaLen;
  private int termCap = 64;
  private int[] termStart = new int[termCap + 1];
  private int[] termPartition = new int[termCap];
  private int[] sorted = new int[termCap];
  private int[] termScratch = new int[termCap + 1];
  // Each slot is two longs: hash << 32 | length, then arena start << 32 | termId. A probe compares
  // hash and length in the first, and a hit reads the term's bytes straight from the second, so
  // a lookup costs two cache misses (slot, arena) rather than three (slot, termStart, arena).
  // Lengths are at most MAX_TERM_BYTES, so no key equals EMPTY.
  private static final long EMPTY = -1L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private long[] slots = newSlots(termCap * 2);  // termCap * 2 slots of two longs
  private int termCount;

  private int postingCap = 256;
  private int[] pTerm = new int[postingCap];
  private long[] pDoc = new long[postingCap];
  private int[] pPay = new int[postingCap];
  private long[] sDoc = new long[postingCap];
  private int[] sPay = new int[postingCap];
  private int postingCount;

  private long[] payArena = new long[256];
  private int payLen;

  PostingBuffer(int partitions) {
    this.partitions = partitions;
  }

  private static long[] newSlots(int n) {
    long[] s = new long[2 * n];
    Arrays.fill(s, EMPTY);
    return s;
  }

  long bytesAllocated() {
    return arena.length
        + (long) termCap * (4 * 4)
        + 8L // termStart and termScratch carry one extra slot
        + (long) slots.length * 8
        + (long) postingCap * POSTING_UNIT
        + (long) payArena.length * 8;
  }

  boolean isEmpty() {
    return postingCount == 0;
  }

  int postingCount() {
    return postingCount;
  }

  /** The term's id, or -1 if it is not in the buffer. */
  int find(byte[] term, int off, int len, int hash) {
    long key = ((long) hash << 32) | len;
    long[] t = slots;
    int mask = (t.length >>> 1) - 1;
    for (int s = slot(hash, mask); ; s = (s + 1) & mask) {
      long e = t[2 * s];
      if (e == key) {
        long v = t[2 * s + 1];
        if (sameBytes((int) (v >>> 32), term, off, len)) return (int) v;
      } else if (e == EMPTY) {
        return -1;
      }
    }
  }

  /** What {@link #touch} read, kept so that the JIT keeps its loads. */
  private long touched;

  /**
   * Reads the first probe slot of each of n terms (hashes[i], ends[i] - ends[i - 1] bytes long),
   * and where that slot holds a term of the same hash and length, the first bytes of that term in
   * the arena: independent loads, whose cache misses overlap, so that find's dependent ones then
   * hit. Changes nothing that find or insert read.
   */
  void touch(int[] hashes, int[] ends, int n) {
    long[] t = slots;
    byte[] a = arena;
    int mask = (t.length >>> 1) - 1;
    long sum = 0;
    for (int i = 0, start = 0; i < n; start = ends[i++]) {
      int hash = hashes[i];
      int s = slot(hash, mask);
      long e = t[2 * s];
      if (e == (((long) hash << 32) | (ends[i] - start))) sum += a[(int) (t[2 * s + 1] >>> 32)];
      sum += e;
    }
    touched += sum;
  }

  /** Whether arena[start, start + len) holds term[off, off + len). */
  private boolean sameBytes(int start, byte[] term, int off, int len) {
    byte[] a = arena;
    // Most lookups are hits (repeated words and field values), each confirmed here: compare eight
    // bytes at a time, the last word overlapping, rather than byte by byte with a check per byte.
    if (len >= 8) {
      int last = len - 8;
      for (int i = 0; i < last; i += 8) {
        if ((long) LONGS.get(a, start + i) != (long) LONGS.get(term, off + i)) return false;
      }
      return (long) LONGS.get(a, start + last) == (long) LONGS.get(term, off + last);
    }
    if (len >= 4) {
      return (int) INTS.get(a, start) == (int) INTS.get(term, off)
          && (int) INTS.get(a, start + len - 4) == (int) INTS.get(term, off + len - 4);
    }
    for (int i = 0; i < len; i++) if (a[start + i] != term[off + i]) return false;
    return true;
  }

  private static int slot(int hash, int mask) {
    return (int) (((hash & 0xFFFFFFFFL) * 0x9E3779B9L) >>> 7) & mask;
  }

  /** Whether one more posting (with a new term of termLen bytes if newTerm) fits without growing. */
  boolean hasRoom(boolean newTerm, int termLen, int payloadLen) {
    if (newTerm && (arenaLen + termLen > arena.length || termCount == termCap)) return false;
    if (postingCount == postingCap) return false;
    return payloadLen == 0 || payLen + payloadLen <= payArena.length;
  }

  /** Grows what lacks room, using at most room bytes; false if that is not enough. */
  boolean grow(boolean newTerm, int termLen, int payloadLen, long room) {
    if (newTerm && arenaLen + termLen > arena.length) {
      long need = (long) arenaLen + termLen;
      // room is unbounded (Long.MAX_VALUE) when the builder grows past its budget for one long term.
      long cap = Math.min(Math.max(arena.length * 2L, need), arena.length + Math.min(room, Integer.MAX_VALUE));
      if (cap < need || cap > Integer.MAX_VALUE - 16) return false;
      room -= cap - arena.length;
      arena = Arrays.copyOf(arena, (int) cap);
    }
    if (newTerm && termCount == termCap) {
      // Terms double (the hash table wants a power of two) or not at all.
      long extra = (long) termCap * TERM_UNIT;
      if (extra > room || termCap > (1 << 28)) return false;
      room -= extra;
      growTerms(termCap * 2);
    }
    if (postingCount == postingCap) {
      long cap = Math.min(postingCap * 2L, postingCap + room / POSTING_UNIT);
      cap = Math.min(cap, Integer.MAX_VALUE - 16);
      if (cap <= postingCap) return false;
      room -= (cap - postingCap) * POSTING_UNIT;
      int c = (int) cap;
      pTerm = Arrays.copyOf(pTerm, c);
      pDoc = Arrays.copyOf(pDoc, c);
      pPay = Arrays.copyOf(pPay, c);
      sDoc = new long[c];
      sPay = new int[c];
      postingCap = c;
    }
    if (payloadLen > 0 && payLen + payloadLen > payArena.length) {
      long need = (long) payLen + payloadLen;
      long cap = Math.min(Math.max(payArena.length * 2L, need), payArena.length + room / 8);
      if (cap < need || cap > (1 << 29)) return false;
      payArena = Arrays.copyOf(payArena, (int) cap);
    }
    return true;
  }

  private void growTerms(int cap) {
    termStart = Arrays.copyOf(termStart, cap + 1);
    termPartition = Arrays.copyOf(termPartition, cap);
    sorted = new int[cap];
    termScratch = new int[cap + 1];
    long[] old = slots;
    slots = newSlots(cap * 2);
    int mask = (slots.length >>> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      long e = old[i];
      if (e == EMPTY) continue;
      int s = slot((int) (e >>> 32), mask);
      while (slots[2 * s] != EMPTY) s = (s + 1) & mask;
      slots[2 * s] = e;
      slots[2 * s + 1] = old[i + 1];
    }
    termCap = cap;
  }

  /** Interns a term known to be absent; the caller has made room. */
  int insert(byte[] term, int off, int len, int hash) {
    int id = termCount++;
    System.arraycopy(term, off, arena, arenaLen, len);
    termStart[id] = arenaLen;
    arenaLen += len;
    termStart[id + 1] = arenaLen;
    termPartition[id] = Integer.remainderUnsigned(hash, partitions);
    int mask = (slots.length >>> 1) - 1;
    int s = slot(hash, mask);
    while (slots[2 * s] != EMPTY) s = (s + 1) & mask;
    slots[2 * s] = ((long) hash << 32) | len;
    slots[2 * s + 1] = ((long) termStart[id] << 32) | id;
    return id;
  }

  /** Appends a posting; the caller has made room. */
  void add(int termId, long docId, long[] payload, int payloadLen) {
    int i = postingCount++;
    pTerm[i] = termId;
    pDoc[i] = docId;
    if (payloadLen == 0) {
      pPay[i] = 0;
    } else {
      // Arena index in the high bits, length in the low two.
      pPay[i] = (payLen << 2) | payloadLen;
      System.arraycopy(payload, 0, payArena, payLen, payloadLen);
      payLen += payloadLen;
    }
  }

  /**
   * Sorts by (partition, term bytes, docId), turns duplicate postings into one whose term frequency
   * is how many there were (a word added once per occurrence), and writes one run per non-empty
   * partition; then empties the buffer, keeping its arrays.
   */
  void spill(RunFiles files, List<RunDescriptor> out) throws IOException {
    int t = termCount;
    sortTerms(t);
    // Counting sort of postings into term order, scattering them once so that the writing pass
    // below reads sequentially; arrival order (mostly docId order) survives. Counts and next
    // slots are kept by term id, not by rank, so each posting costs one random access per pass
    // (next[id]) rather than two (rank[id], then counts[rank]).
    int[] next = termScratch;
    Arrays.fill(next, 0, t, 0);
    for (int i = 0; i < postingCount; i++) next[pTerm[i]]++;
    for (int r = 0, sum = 0; r < t; r++) {
      int id = sorted[r];
      int c = next[id];
      next[id] = sum;
      sum += c;
    }
    for (int i = 0; i < postingCount; i++) {
      int at = next[pTerm[i]]++;
      sDoc[at] = pDoc[i];
      sPay[at] = pPay[i];
    }
    // next[id] is now the end of the term's range; ranges follow each other in term order.
    TermRunWriter writer = null;
    int writerPartition = -1;
    long[] a = new long[IndexFormat.MAX_PAYLOAD_LONGS];
    byte[] term = new byte[64];
    try {
      int start = 0;
      for (int r = 0; r < t; r++) {
        int id = sorted[r];
        int end = next[id];
        sortByDoc(start, end);
        if (termPartition[id] != writerPartition) {
          if (writer != null) out.add(writer.finish());
          writerPartition = termPartition[id];
          writer = new TermRunWriter(files.termRun(writerPartition), writerPartition);
        }
        int ts = termStart[id];
        int tl = termStart[id + 1] - ts;
        if (term.length < tl) term = new byte[Math.max(tl, term.length * 2)];
        System.arraycopy(arena, ts, term, 0, tl);
        // Each posting is written once the next differs from it, with its duplicates counted.
        boolean first = true;
        for (int k = start; k < end; ) {
          long doc = sDoc[k];
          int pay = sPay[k];
          int freq = 1;
          while (++k < end && sDoc[k] == doc) {
            if (!samePayload(pay, sPay[k])) {
              throw new IllegalArgumentException(
                  "conflicting payloads for "
                      + Terms.describe(Arrays.copyOfRange(arena, ts, ts + tl))
                      + " in doc "
                      + doc);
            }
            if (freq < Integer.MAX_VALUE) freq++;
          }
          int n = pay & 3;
          if (n > 0) System.arraycopy(payArena, pay >>> 2, a, 0, n);
          writer.add(term, tl, first, doc, a, n, freq);
          first = false;
        }
        start = end;
      }
      if (writer != null) out.add(writer.finish());
      writer = null;
    } finally {
      if (writer != null) writer.close();
    }
    clear();
  }

  /** Sorts sDoc/sPay[from, to) by docId in place, if they are not already in order. */
  private void sortByDoc(int from, int to) {
    for (int k = from + 1; k < to; k++) {
      if (sDoc[k] < sDoc[k - 1]) {
        heapSort(from, to);
        return;
      }
    }
  }

  /** In-place heap sort of the parallel arrays; equal docIds are adjacent after it, which is all dedup needs. */
  private void heapSort(int from, int to) {
    int n = to - from;
    for (int i = n / 2 - 1; i >= 0; i--) siftDown(from, i, n);
    for (int end = n - 1; end > 0; end--) {
      swap(from, from + end);
      siftDown(from, 0, end);
    }
  }

  private void siftDown(int base, int i, int n) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) return;
      if (child + 1 < n && sDoc[base + child + 1] > sDoc[base + child]) child++;
      if (sDoc[base + child] <= sDoc[base + i]) return;
      swap(base + i, base + child);
      i = child;
    }
  }

  private void swap(int x, int y) {
    long d = sDoc[x];
    sDoc[x] = sDoc[y];
    sDoc[y] = d;
    int p = sPay[x];
    sPay[x] = sPay[y];
    sPay[y] = p;
  }

  private boolean samePayload(int x, int y) {
    int n = x & 3;
    if (n != (y & 3)) return false;
    return n == 0
        || Arrays.equals(payArena, x >>> 2, (x >>> 2) + n, payArena, y >>> 2, (y >>> 2) + n);
  }

  /**
   * Sorts term ids 0..t-1 into {@code sorted} by (partition, term bytes): a counting sort by
   * partition, then an MSD radix sort of each partition's terms. A comparison sort costs
   * log2(t) random arena reads per term; most terms of an op-log are unique (hashes, nanosecond
   * timestamps), so the radix passes, which read each term's byte at one depth per level, win.
   */
  private void sortTerms(int t) {
    int[] bounds = new int[partitions + 1];
    for (int i = 0; i < t; i++) bounds[termPartition[i] + 1]++;
    for (int p = 0; p < partitions; p++) bounds[p + 1] += bounds[p];
    int[] next = Arrays.copyOf(bounds, partitions);
    for (int i = 0; i < t; i++) sorted[next[termPartition[i]]++] = i;
    for (int p = 0; p < partitions; p++) radixSort(bounds[p], bounds[p + 1], 0, 0);
  }

  /** Radix buckets per level: 0 for a term that ends at the level's depth, 1 + byte otherwise. */
  private static final int BUCKETS = 257;
  /** Below this many terms a bucket is insertion-sorted. */
  private static final int SMALL_BUCKET = 24;
  // One count array per depth in use (1 KiB each, so outside the budget, like I/O buffers).
  private int[][] levelCounts = new int[8][];

  /** Radix levels deeper than this (terms that are prefixes of each other) sort by comparison. */
  private static final int MAX_RADIX_LEVELS = 64;

  /** Sorts sorted[from, to), whose terms are distinct and share their first depth bytes. */
  private void radixSort(int from, int to, int depth, int level) {
    if (level >= MAX_RADIX_LEVELS) {
      // Bounds the recursion whatever the terms; termScratch[from, to) is free here.
      int d = depth;
      IntSorter.sort(sorted, from, to, termScratch, (x, y) -> compareFrom(x, y, d));
      return;
    }
    if (to - from >= SMALL_BUCKET) {
      // Long shared prefixes are usual (field names, dates): skip the bucket's in one pass (one
      // cache miss per term) rather than one counting pass per shared byte. After it, at least
      // two buckets are non-empty, so every level splits.
      depth += commonPrefix(from, to, depth);
      if (depth >= levelCounts.length) levelCounts = Arrays.copyOf(levelCounts, depth * 2);
      int[] c = levelCounts[depth];
      if (c == null) c = levelCounts[depth] = new int[BUCKETS + 1];
      Arrays.fill(c, 0);
      for (int i = from; i < to; i++) c[byteAt(sorted[i], depth) + 1]++;
      for (int b = 0; b < BUCKETS; b++) c[b + 1] += c[b];
      // c[b] is bucket b's start relative to from; scatter through termScratch.
      for (int i = from; i < to; i++) {
        int id = sorted[i];
        termScratch[from + c[byteAt(id, depth)]++] = id;
      }
      System.arraycopy(termScratch, from, sorted, from, to - from);
      // c[b] is now bucket b's end; bucket 0 holds at most one term (they are distinct).
      int start = from + c[0];
      for (int b = 1; b < BUCKETS; b++) {
        int end = from + c[b];
        if (end - start > 1) radixSort(start, end, depth + 1, level + 1);
        start = end;
      }
      return;
    }
    for (int i = from + 1; i < to; i++) {
      int v = sorted[i];
      int j = i - 1;
      while (j >= from && compareFrom(sorted[j], v, depth) > 0) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = v;
    }
  }

  /** The length of the prefix that the terms of sorted[from, to) share after their first depth bytes. */
  private int commonPrefix(int from, int to, int depth) {
    int fs = termStart[sorted[from]] + depth;
    int lcp = termStart[sorted[from] + 1] - fs;
    for (int i = from + 1; i < to && lcp > 0; i++) {
      int id = sorted[i];
      int s = termStart[id] + depth;
      int m = Arrays.mismatch(arena, fs, fs + lcp, arena, s, Math.min(termStart[id + 1], s + lcp));
      if (m >= 0) lcp = m;
    }
    return lcp;
  }

  private int byteAt(int id, int depth) {
    int at = termStart[id] + depth;
    return at < termStart[id + 1] ? (arena[at] & 0xFF) + 1 : 0;
  }

  private int compareFrom(int x, int y, int depth) {
    return TermOrder.compare(
        arena, termStart[x] + depth, termStart[x + 1], arena, termStart[y] + depth, termStart[y + 1]);
  }

  private void clear() {
    Arrays.fill(slots, EMPTY);
    termCount = 0;
    arenaLen = 0;
    postingCount = 0;
    payLen = 0;
  }

  /** Where a spill's runs go. */
  interface RunFiles {
    Path termRun(int partition) throws IOException;
  }
}
