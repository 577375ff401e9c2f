package io.logdex.format.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded LRU cache of verified pages shared by every file of one reader. Split into segments so
 * that concurrent queries rarely wait on one lock; pages are loaded outside the lock, so a miss
 * never blocks readers of other pages (two threads may load the same page once each).
 */
public final class PageCache {
  private static final int SEGMENTS = 8;

  private final Segment[] segments = new Segment[SEGMENTS];
  private final long capacityBytes;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  public PageCache(long capacityBytes) {
    if (capacityBytes < 0) throw new IllegalArgumentException("negative cache size");
    this.capacityBytes = capacityBytes;
    long pages = capacityBytes / IndexFormat.PAGE_BYTES;
    for (int i = 0; i < SEGMENTS; i++) {
      // Spread the remainder so the total is exactly the capacity in pages.
      long n = pages / SEGMENTS + (i < pages % SEGMENTS ? 1 : 0);
      segments[i] = new Segment((int) Math.min(Integer.MAX_VALUE, n));
    }
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Pages currently held; each costs {@link IndexFormat#PAGE_BYTES} plus a few bytes of slack. */
  public long pagesHeld() {
    long n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.size();
      }
    }
    return n;
  }

  byte[] get(long key) {
    Segment s = segment(key);
    byte[] page;
    synchronized (s) {
      page = s.get(key);
    }
    if (page == null) misses.increment();
    else hits.increment();
    return page;
  }

  void put(long key, byte[] page) {
    Segment s = segment(key);
    if (s.maxPages == 0) return;
    synchronized (s) {
      s.put(key, page);
    }
  }

  private Segment segment(long key) {
    return segments[(int) ((key * 0x9E3779B97F4A7C15L) >>> 61)];
  }

  private static final class Segment extends LinkedHashMap<Long, byte[]> {
    private static final long serialVersionUID = 1L;
    final int maxPages;

    Segment(int maxPages) {
      super(16, 0.75f, true);
      this.maxPages = maxPages;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
      return size() > maxPages;
    }
  }
}
