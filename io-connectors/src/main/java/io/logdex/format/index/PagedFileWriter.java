package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.PAGE_BYTES;
import static io.logdex.format.index.IndexFormat.PAGE_DATA_BYTES;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes the paged container every index file uses: the logical byte stream is cut into pages of
 * {@link IndexFormat#PAGE_DATA_BYTES}, each followed by the CRC-32C of its data and its page
 * number, so a reader verifies each page once when it loads it and a moved page fails too. All
 * offsets inside the files are logical (checksums excluded). Like LevelDB's log blocks, but the
 * checksum is per page rather than per record.
 */
final class PagedFileWriter implements Closeable {
  private final WritableByteChannel channel;
  private final String name;
  private final byte[] page = new byte[PAGE_BYTES];
  private final ByteBuffer pageBuffer = ByteBuffer.wrap(page);
  private final CRC32C crc = new CRC32C();
  private final GrowableBytes scratch = new GrowableBytes(16);
  private int fill;
  private long pageIndex;
  private long physicalBytes;

  PagedFileWriter(WritableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  static PagedFileWriter create(Path file) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new PagedFileWriter(ch, file.toString());
  }

  String name() {
    return name;
  }

  /** Logical offset of the next byte written. */
  long position() {
    return pageIndex * PAGE_DATA_BYTES + fill;
  }

  void writeHeader(int magic, int partition) throws IOException {
    scratch.reset();
    scratch.writeIntBE(magic);
    scratch.writeIntBE(IndexFormat.VERSION);
    scratch.writeIntBE(partition);
    write(scratch);
  }

  void write(GrowableBytes b) throws IOException {
    write(b.array(), 0, b.length());
  }

  void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, PAGE_DATA_BYTES - fill);
      System.arraycopy(b, off, page, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == PAGE_DATA_BYTES) flushPage();
    }
  }

  void writeByte(int b) throws IOException {
    page[fill++] = (byte) b;
    if (fill == PAGE_DATA_BYTES) flushPage();
  }

  /**
   * Appends the footer and the fixed trailer that points at it ({@code footerOffset u64, version
   * u32, magic u32}, big-endian), then the last page. Returns the physical file size.
   */
  long finish(int magic, GrowableBytes footer) throws IOException {
    long footerOffset = position();
    if (footer != null) write(footer);
    scratch.reset();
    scratch.writeLongBE(footerOffset);
    scratch.writeIntBE(IndexFormat.VERSION);
    scratch.writeIntBE(magic);
    write(scratch);
    if (fill > 0) flushPage();
    return physicalBytes;
  }

  /** Makes the bytes durable before the caller renames the file into place. */
  void sync() throws IOException {
    if (channel instanceof FileChannel) ((FileChannel) channel).force(true);
  }

  long physicalBytes() {
    return physicalBytes;
  }

  private void flushPage() throws IOException {
    int c = pageCrc(crc, page, fill, pageIndex);
    page[fill] = (byte) (c >>> 24);
    page[fill + 1] = (byte) (c >>> 16);
    page[fill + 2] = (byte) (c >>> 8);
    page[fill + 3] = (byte) c;
    pageBuffer.clear().limit(fill + 4);
    while (pageBuffer.hasRemaining()) channel.write(pageBuffer);
    physicalBytes += fill + 4;
    pageIndex++;
    fill = 0;
  }

  /** CRC-32C of the page's data bytes followed by its page number as 8 little-endian bytes. */
  static int pageCrc(CRC32C crc, byte[] data, int len, long pageIndex) {
    crc.reset();
    crc.update(data, 0, len);
    for (int i = 0; i < 8; i++) crc.update((int) (pageIndex >>> (8 * i)) & 0xFF);
    return (int) crc.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
