package io.logdex.format.index;

/** A stable merge sort of int indices by a comparator, with caller-owned scratch (no boxing). */
final class IntSorter {
  private IntSorter() {}

  interface IntComparator {
    int compare(int a, int b);
  }

  /** Sorts a[from, to) using tmp[from, to) as scratch. */
  static void sort(int[] a, int from, int to, int[] tmp, IntComparator c) {
    if (to - from < 24) {
      insertion(a, from, to, c);
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, from, mid, tmp, c);
    sort(a, mid, to, tmp, c);
    if (c.compare(a[mid - 1], a[mid]) <= 0) return;
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) a[k++] = c.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    while (i < mid) a[k++] = tmp[i++];
    while (j < to) a[k++] = tmp[j++];
  }

  private static void insertion(int[] a, int from, int to, IntComparator c) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int j = i - 1;
      while (j >= from && c.compare(a[j], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
