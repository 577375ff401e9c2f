package io.logdex.format.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The best k hits by (key, docId), both ascending, kept in a bounded binary heap whose root is the
 * worst kept: each offer costs O(log k) and memory is k entries however many hits there are; only
 * the k kept are sorted at the end.
 */
final class TopHits {
  private final int k;
  private long[] keysArr;
  private Hit[] hitsArr;
  private int size;

  TopHits(int k) {
    this.k = k;
    int cap = Math.min(k, 1024); // grows towards k only as hits come, so a huge --limit costs nothing up front
    keysArr = new long[cap];
    hitsArr = new Hit[cap];
  }

  /** Whether a hit of this key and docId would be kept (so its record need not be built otherwise). */
  boolean competitive(long key, long docId) {
    return size < k || worse(keysArr[0], hitsArr[0].docId(), key, docId);
  }

  /** Whether k hits are kept, so that a new one must beat {@link #worstKey}. */
  boolean full() {
    return size == k;
  }

  /** The key of the worst hit kept; only when {@link #full}. */
  long worstKey() {
    return keysArr[0];
  }

  void offer(long key, Hit hit) {
    if (size < k) {
      if (size == keysArr.length) {
        int cap = (int) Math.min(k, 2L * keysArr.length);
        keysArr = Arrays.copyOf(keysArr, cap);
        hitsArr = Arrays.copyOf(hitsArr, cap);
      }
      int i = size++;
      keysArr[i] = key;
      hitsArr[i] = hit;
      up(i);
    } else if (worse(keysArr[0], hitsArr[0].docId(), key, hit.docId())) {
      keysArr[0] = key;
      hitsArr[0] = hit;
      down(0);
    }
  }

  /** The kept hits, best first. */
  List<Hit> sorted() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(keysArr[a], keysArr[b]);
      return c != 0 ? c : Long.compare(hitsArr[a].docId(), hitsArr[b].docId());
    });
    List<Hit> out = new ArrayList<>(size);
    for (int i : order) out.add(hitsArr[i]);
    return out;
  }

  /** Whether (ka, da) ranks after (kb, db). */
  private static boolean worse(long ka, long da, long kb, long db) {
    return ka != kb ? ka > kb : da > db;
  }

  private boolean worseAt(int a, int b) {
    return worse(keysArr[a], hitsArr[a].docId(), keysArr[b], hitsArr[b].docId());
  }

  private void up(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!worseAt(i, p)) break;
      swap(i, p);
      i = p;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) return;
      int w = l + 1 < size && worseAt(l + 1, l) ? l + 1 : l;
      if (!worseAt(w, i)) return;
      swap(i, w);
      i = w;
    }
  }

  private void swap(int a, int b) {
    long k0 = keysArr[a];
    keysArr[a] = keysArr[b];
    keysArr[b] = k0;
    Hit h = hitsArr[a];
    hitsArr[a] = hitsArr[b];
    hitsArr[b] = h;
  }
}
