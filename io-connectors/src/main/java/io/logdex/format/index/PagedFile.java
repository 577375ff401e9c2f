package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.HEADER_BYTES;
import static io.logdex.format.index.IndexFormat.PAGE_BYTES;
import static io.logdex.format.index.IndexFormat.PAGE_DATA_BYTES;
import static io.logdex.format.index.IndexFormat.TRAILER_BYTES;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Read side of {@link PagedFileWriter}: verifies header, trailer and each page's checksum, and
 * hands out pages either from a shared {@link PageCache} (random access, thread-safe) or from one
 * reused buffer (streaming, single cursor, used for run files).
 *
 * <p>Reads are positional {@link FileChannel#read(ByteBuffer, long)} calls rather than mmap: each
 * page is checksummed exactly once when it enters the heap-bounded cache, a corrupt page turns into
 * a {@link FormatException} instead of a wrong answer, memory is bounded by the cache and not by the
 * OS, and closing releases the file at once (a mapped buffer cannot be unmapped on Java 17).
 */
final class PagedFile implements Closeable {
  /** Slack after each page array so the bit unpacker may read 8 bytes past any data byte. */
  static final int PAGE_ARRAY_BYTES = PAGE_BYTES + 8;

  private final SeekableByteChannel channel;
  private final FileChannel fileChannel;
  final String name;
  final long physicalLength;
  final long logicalLength;
  final int magic;
  final int headerValue;
  final long footerOffset;
  final long footerEnd;
  private final PageCache cache;
  private final long cacheKeyBase;
  private final byte[] streamPage;
  private long streamPageIndex = -1;

  private PagedFile(
      SeekableByteChannel channel, String name, int expectedMagic, PageCache cache, int fileId)
      throws IOException {
    this.channel = channel;
    this.fileChannel = channel instanceof FileChannel ? (FileChannel) channel : null;
    this.name = name;
    this.cache = cache;
    this.cacheKeyBase = ((long) fileId) << 40;
    this.streamPage = cache == null ? new byte[PAGE_ARRAY_BYTES] : null;
    this.physicalLength = channel.size();
    long full = physicalLength / PAGE_BYTES;
    int rem = (int) (physicalLength % PAGE_BYTES);
    if (rem > 0 && rem <= 4) {
      throw new TruncatedInputException(
          "file ends inside a page checksum (truncated?)", name, physicalLength);
    }
    this.logicalLength = full * PAGE_DATA_BYTES + (rem == 0 ? 0 : rem - 4);
    if (logicalLength < HEADER_BYTES + TRAILER_BYTES) {
      throw new TruncatedInputException(
          "file of " + physicalLength + " bytes is too short to be an index file", name, 0);
    }
    PageCursor c = new PageCursor(this);
    c.seek(0, logicalLength);
    int m = c.readIntBE();
    if (m != expectedMagic) {
      throw error(
          "not a "
              + IndexFormat.magicName(expectedMagic)
              + " file: magic is "
              + IndexFormat.magicName(m),
          0);
    }
    checkVersion(c.readIntBE(), 4);
    this.magic = m;
    this.headerValue = c.readIntBE();
    long trailer = logicalLength - TRAILER_BYTES;
    c.seek(trailer, logicalLength);
    long fo = c.readLongBE();
    int tv = c.readIntBE();
    int tm = c.readIntBE();
    // Magic first: a file cut short has garbage where the trailer should be, which is truncation
    // rather than a version problem.
    if (tm != expectedMagic) {
      throw new TruncatedInputException(
          "trailer magic is " + IndexFormat.magicName(tm) + " (file truncated or overwritten?)",
          name,
          physicalOffset(trailer + 12));
    }
    checkVersion(tv, trailer + 8);
    if (fo < HEADER_BYTES || fo > trailer) {
      throw error("footer offset " + fo + " out of range", trailer);
    }
    this.footerOffset = fo;
    this.footerEnd = trailer;
  }

  private void checkVersion(int v, long at) throws FormatException {
    if (v != IndexFormat.VERSION) {
      throw error(
          "index format version "
              + v
              + " is not supported: this reader reads version "
              + IndexFormat.VERSION,
          at);
    }
  }

  /** Opens a file whose pages go through {@code cache}; fileId must be unique per cache. */
  static PagedFile open(Path path, int expectedMagic, PageCache cache, int fileId)
      throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new PagedFile(ch, path.toString(), expectedMagic, cache, fileId);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Opens a file for one sequential cursor with a single reused page buffer. */
  static PagedFile openStreaming(Path path, int expectedMagic) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new PagedFile(ch, path.toString(), expectedMagic, null, 0);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  long pageCount() {
    return (logicalLength + PAGE_DATA_BYTES - 1) / PAGE_DATA_BYTES;
  }

  int pageLength(long pageIndex) {
    long start = pageIndex * PAGE_DATA_BYTES;
    return (int) Math.min(PAGE_DATA_BYTES, logicalLength - start);
  }

  /** The verified data of a page, in an array of {@link #PAGE_ARRAY_BYTES}. */
  byte[] page(long pageIndex) throws IOException {
    if (cache == null) {
      if (pageIndex != streamPageIndex) {
        streamPageIndex = -1;
        load(pageIndex, streamPage);
        streamPageIndex = pageIndex;
      }
      return streamPage;
    }
    long key = cacheKeyBase | pageIndex;
    byte[] p = cache.get(key);
    if (p == null) {
      p = load(pageIndex, new byte[PAGE_ARRAY_BYTES]);
      cache.put(key, p);
    }
    return p;
  }

  private byte[] load(long pageIndex, byte[] into) throws IOException {
    int dataLen = pageLength(pageIndex);
    int len = dataLen + 4;
    long phys = pageIndex * PAGE_BYTES;
    ByteBuffer bb = ByteBuffer.wrap(into, 0, len);
    long pos = phys;
    while (bb.hasRemaining()) {
      int r;
      if (fileChannel != null) {
        r = fileChannel.read(bb, pos);
      } else {
        synchronized (channel) {
          channel.position(pos);
          r = channel.read(bb);
        }
      }
      if (r < 0) throw new TruncatedInputException("file shrank while reading", name, pos);
      pos += r;
    }
    int stored =
        ((into[dataLen] & 0xFF) << 24)
            | ((into[dataLen + 1] & 0xFF) << 16)
            | ((into[dataLen + 2] & 0xFF) << 8)
            | (into[dataLen + 3] & 0xFF);
    int actual = PagedFileWriter.pageCrc(new CRC32C(), into, dataLen, pageIndex);
    if (stored != actual) {
      throw new FormatException(
          "checksum mismatch in page " + pageIndex + " (corrupt file)", name, phys);
    }
    return into;
  }

  /** Reads and checks every page in order with one buffer, bypassing the cache. */
  void verifyAllPages() throws IOException {
    byte[] buf = new byte[PAGE_ARRAY_BYTES];
    for (long i = 0, n = pageCount(); i < n; i++) load(i, buf);
  }

  static long physicalOffset(long logical) {
    return (logical / PAGE_DATA_BYTES) * PAGE_BYTES + logical % PAGE_DATA_BYTES;
  }

  FormatException error(String reason, long logicalOffset) {
    return new FormatException(reason, name, physicalOffset(logicalOffset));
  }

  TruncatedInputException truncated(String reason, long logicalOffset) {
    return new TruncatedInputException(reason, name, physicalOffset(logicalOffset));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
