package io.logdex.pipelines.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A read-only {@link FileChannel} over an object, so the index and log readers (which read
 * positionally from FileChannels) read it unchanged. Bytes come in pages of {@link #PAGE_BYTES}
 * through Beam's seekable channel and are kept in one bounded Caffeine cache per process. Beam's
 * S3 channel streams one ranged GET from where it was positioned, so a page that continues the
 * last one costs no request, and a jump starts a new ranged GET: {@link #rangeReads} counts those.
 */
final class RangeReadChannel extends FileChannel {
  static final int PAGE_BYTES = 256 << 10;
  static final long CACHE_BYTES = 64L << 20;
  private static final Cache<PageKey, byte[]> PAGES = Caffeine.newBuilder()
      .maximumWeight(CACHE_BYTES).weigher((PageKey k, byte[] v) -> v.length).build();
  private static final AtomicLong RANGE_READS = new AtomicLong();
  private static final AtomicLong PAGE_READS = new AtomicLong();

  /**
   * A page of one version of an object: a file replaced under the same name (manifest.json at
   * every commit) has another size or modification time, so a long-lived process never reads a
   * page of the old one as the new one's.
   */
  private record PageKey(String url, long size, long modified, long page) {}

  private final ResourceId resource;
  private final String url;
  private final long size;
  private final long modified;
  private SeekableByteChannel source;
  private long sourcePosition = -1;
  private long position;

  RangeReadChannel(ResourceId resource, long size, long modified) {
    this.resource = resource;
    this.url = resource.toString();
    this.size = size;
    this.modified = modified;
  }

  /** Ranged GETs started by this process (a read that did not continue the previous one). */
  static long rangeReads() {
    return RANGE_READS.get();
  }

  /** Empties the page cache (a cold read, for measurements). */
  static void clearCache() {
    PAGES.invalidateAll();
  }

  /** Pages fetched from the store (the rest came from the cache). */
  static long pageReads() {
    return PAGE_READS.get();
  }

  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    if (at >= size) return -1;
    int n = 0;
    while (dst.hasRemaining() && at < size) {
      long page = at / PAGE_BYTES;
      byte[] bytes = page(page);
      int off = (int) (at - page * PAGE_BYTES);
      int len = Math.min(dst.remaining(), bytes.length - off);
      if (len <= 0) break;
      dst.put(bytes, off, len);
      at += len;
      n += len;
    }
    return n;
  }

  private byte[] page(long page) throws IOException {
    try {
      return PAGES.get(new PageKey(url, size, modified, page), k -> {
        try {
          return fetch(page);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private synchronized byte[] fetch(long page) throws IOException {
    long start = page * PAGE_BYTES;
    byte[] b = new byte[(int) Math.min(PAGE_BYTES, size - start)];
    if (source == null) source = (SeekableByteChannel) FileSystems.open(resource);
    if (sourcePosition != start) {
      source.position(start);
      RANGE_READS.incrementAndGet();
    }
    PAGE_READS.incrementAndGet();
    ByteBuffer buf = ByteBuffer.wrap(b);
    while (buf.hasRemaining()) {
      if (source.read(buf) < 0) throw new IOException(url + " ends at " + (start + buf.position()) + ", not at " + size);
    }
    sourcePosition = start + b.length;
    return b;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = read(dst, position);
    if (n > 0) position += n;
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) return total == 0 ? -1 : total;
      total += n;
      if (dsts[i].hasRemaining()) break;
    }
    return total;
  }

  @Override public long position() { return position; }
  @Override public FileChannel position(long p) { position = p; return this; }
  @Override public long size() { return size; }
  @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
  @Override public long write(ByteBuffer[] srcs, int offset, int length) { throw new NonWritableChannelException(); }
  @Override public int write(ByteBuffer src, long p) { throw new NonWritableChannelException(); }
  @Override public FileChannel truncate(long s) { throw new NonWritableChannelException(); }
  @Override public void force(boolean metaData) {}

  @Override
  public long transferTo(long p, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, PAGE_BYTES));
    long done = 0;
    while (done < count) {
      buf.clear().limit((int) Math.min(buf.capacity(), count - done));
      int n = read(buf, p + done);
      if (n <= 0) break;
      buf.flip();
      while (buf.hasRemaining()) target.write(buf);
      done += n;
    }
    return done;
  }

  @Override public long transferFrom(ReadableByteChannel src, long p, long count) { throw new NonWritableChannelException(); }
  @Override public MappedByteBuffer map(MapMode mode, long p, long s) { throw new UnsupportedOperationException("mapping " + url); }
  @Override public FileLock lock(long p, long s, boolean shared) { throw new UnsupportedOperationException("locking " + url); }
  @Override public FileLock tryLock(long p, long s, boolean shared) { throw new UnsupportedOperationException("locking " + url); }

  @Override
  protected synchronized void implCloseChannel() throws IOException {
    if (source != null) source.close();
    source = null;
  }
}
