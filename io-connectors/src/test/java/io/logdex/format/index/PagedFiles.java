package io.logdex.format.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Test helpers to read and rewrite the logical content of a paged file with valid checksums. */
final class PagedFiles {
  private PagedFiles() {}

  static byte[] logical(Path p) throws IOException {
    byte[] raw = Files.readAllBytes(p);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < raw.length; off += IndexFormat.PAGE_BYTES) {
      int len = Math.min(IndexFormat.PAGE_BYTES, raw.length - off) - 4;
      out.write(raw, off, len);
    }
    return out.toByteArray();
  }

  /** Writes logical bytes as pages with correct checksums, so only the content is hostile. */
  static void writeLogical(Path p, byte[] logical) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CRC32C crc = new CRC32C();
    long page = 0;
    for (int off = 0; off < logical.length; off += IndexFormat.PAGE_DATA_BYTES, page++) {
      int len = Math.min(IndexFormat.PAGE_DATA_BYTES, logical.length - off);
      byte[] data = Arrays.copyOfRange(logical, off, off + len);
      int c = PagedFileWriter.pageCrc(crc, data, len, page);
      out.write(data);
      out.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }
    Files.write(p, out.toByteArray());
  }

  static long footerOffset(byte[] logical) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (logical[logical.length - 16 + i] & 0xFF);
    return v;
  }

  /** logical[0, footerOffset) + footer + a trailer pointing at it. */
  static byte[] withFooter(byte[] logical, byte[] footer, int magic) {
    int fo = (int) footerOffset(logical);
    GrowableBytes g = new GrowableBytes(fo + footer.length + 16);
    g.writeBytes(logical, 0, fo);
    g.writeBytes(footer, 0, footer.length);
    g.writeLongBE(fo);
    g.writeIntBE(IndexFormat.VERSION);
    g.writeIntBE(magic);
    return Arrays.copyOf(g.array(), g.length());
  }
}
