package io.logdex.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A growable array of longs in a temp file behind a small LRU of pages, so that per-node
 * bookkeeping for a document of any size costs a fixed amount of memory. (A memory-mapped file
 * would be simpler, but its dirty pages count against the process and grow with the input.)
 * The access patterns here are nearly sequential, so a few pages are enough.
 */
final class SpilledLongArray implements Closeable {
  private static final int PAGE_LONGS = 8192; // 64 KiB a page
  private static final int PAGES = 32; // 2 MiB in all

  private static final class Page {
    final ByteBuffer buf = ByteBuffer.allocate(PAGE_LONGS * 8);
    boolean dirty;
  }

  private final Path file;
  private final FileChannel ch;
  private final LinkedHashMap<Long, Page> pages;
  private IOException evictionFailure;

  SpilledLongArray() throws IOException {
    file = Files.createTempFile("logdex-spans", ".bin");
    ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
    pages = new LinkedHashMap<>(PAGES * 2, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
        if (size() <= PAGES) return false;
        try {
          writeBack(eldest.getKey(), eldest.getValue());
        } catch (IOException e) {
          evictionFailure = e;
        }
        return true;
      }
    };
  }

  void set(long i, long v) throws IOException {
    Page p = page(i / PAGE_LONGS);
    p.buf.putLong((int) (i % PAGE_LONGS) * 8, v);
    p.dirty = true;
  }

  long get(long i) throws IOException {
    return page(i / PAGE_LONGS).buf.getLong((int) (i % PAGE_LONGS) * 8);
  }

  private Page page(long n) throws IOException {
    Page p = pages.get(n);
    if (p == null) {
      p = new Page();
      long pos = n * PAGE_LONGS * 8;
      while (p.buf.hasRemaining()) {
        int r = ch.read(p.buf, pos + p.buf.position());
        if (r < 0) break; // past the end: never written, reads as zeros
      }
      p.buf.clear();
      pages.put(n, p);
      if (evictionFailure != null) throw evictionFailure;
    }
    return p;
  }

  private void writeBack(long n, Page p) throws IOException {
    if (!p.dirty) return;
    ByteBuffer b = p.buf.duplicate();
    b.clear();
    long pos = n * PAGE_LONGS * 8;
    while (b.hasRemaining()) ch.write(b, pos + b.position());
    p.dirty = false;
  }

  @Override
  public void close() throws IOException {
    pages.clear();
    ch.close();
    Files.deleteIfExists(file);
  }
}
