package io.logdex.format.index;

/** @param cacheBytes bound on the page cache shared by every file of the index */
public record ReaderOptions(long cacheBytes) {
  public ReaderOptions {
    if (cacheBytes < 0) throw new IllegalArgumentException("negative cache size");
  }

  public static ReaderOptions defaults() {
    return new ReaderOptions(64L << 20);
  }
}
