package io.logdex.format.zstd;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Finds where a zstd frame ends by reading only its header and block headers (RFC 8878 section
 * 3.1), so a table of a multi-gigabyte file costs a few bytes per 128 KiB block instead of a full
 * decompression. zstd-jni's findFrameCompressedSize needs the whole frame in memory, which is what
 * this avoids.
 */
final class ZstdFrameWalker {
  private static final int MAX_BLOCK = 128 * 1024;
  private static final int[] DICT_ID_BYTES = {0, 1, 2, 4};

  private final PositionalChannel in;
  private final byte[] buf = new byte[18];

  ZstdFrameWalker(PositionalChannel in) {
    this.in = in;
  }

  record Frame(long start, long end, long decompressedSize, boolean isSeekTable) {}

  Frame frameAt(long pos) throws IOException {
    String src = in.source();
    read(pos, 4);
    int magic = SeekTable.le32(buf, 0);
    if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
      read(pos + 4, 4);
      long end = pos + 8 + (SeekTable.le32(buf, 0) & 0xFFFFFFFFL);
      if (end > in.size()) {
        throw new TruncatedInputException(
            "skippable frame runs to " + end + " past the end of the file at " + in.size(), src,
            pos);
      }
      boolean table = magic == SeekTable.SKIPPABLE_MAGIC && end == in.size()
          && SeekTable.isPresent(in);
      return new Frame(pos, end, 0, table);
    }
    if (magic != SeekTable.ZSTD_FRAME_MAGIC) {
      throw new FormatException(
          String.format("not a zstd frame: magic 0x%08X", magic), src, pos);
    }
    read(pos + 4, 1);
    int desc = buf[0] & 0xff;
    if ((desc & 0x08) != 0) {
      throw new FormatException("zstd frame header sets its reserved bit", src, pos + 4);
    }
    int fcsFlag = desc >>> 6;
    boolean singleSegment = (desc & 0x20) != 0;
    boolean checksum = (desc & 0x04) != 0;
    int fcsBytes = fcsFlag == 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
    int headerRest = (singleSegment ? 0 : 1) + DICT_ID_BYTES[desc & 3] + fcsBytes;
    long contentSize = -1;
    if (fcsBytes > 0) {
      read(pos + 5 + headerRest - fcsBytes, fcsBytes);
      long v = 0;
      for (int i = fcsBytes - 1; i >= 0; i--) v = v << 8 | (buf[i] & 0xff);
      contentSize = fcsBytes == 2 ? v + 256 : v;
      if (contentSize < 0) {
        throw new FormatException("zstd frame content size overflows", src, pos + 5);
      }
    }
    long p = pos + 5 + headerRest;
    while (true) {
      read(p, 3);
      int h = (buf[0] & 0xff) | (buf[1] & 0xff) << 8 | (buf[2] & 0xff) << 16;
      boolean last = (h & 1) != 0;
      int type = (h >>> 1) & 3;
      int size = h >>> 3;
      if (type == 3) throw new FormatException("zstd block of reserved type 3", src, p);
      if (size > MAX_BLOCK) {
        throw new FormatException(
            "zstd block of " + size + " bytes exceeds the 128 KiB maximum", src, p);
      }
      p += 3 + (type == 1 ? 1 : size);
      if (p > in.size()) {
        throw new TruncatedInputException(
            "zstd frame starting at " + pos + " is cut short", src, in.size());
      }
      if (last) break;
    }
    if (checksum) p += 4;
    if (p > in.size()) {
      throw new TruncatedInputException(
          "zstd frame starting at " + pos + " lacks its checksum", src, in.size());
    }
    if (contentSize < 0) contentSize = countDecompressed(pos, p);
    return new Frame(pos, p, contentSize, false);
  }

  private long countDecompressed(long start, long end) throws IOException {
    byte[] scratch = new byte[64 * 1024];
    long total = 0;
    try (InputStream z = new ZstdInputStreamNoFinalizer(in.stream(start, end))) {
      int n;
      while ((n = z.read(scratch)) >= 0) total += n;
    } catch (FormatException e) {
      throw e;
    } catch (IOException e) {
      throw new FormatException(
          "zstd frame does not decompress: " + e.getMessage(), in.source(), start, -1, -1, null, e);
    }
    return total;
  }

  private void read(long pos, int n) throws IOException {
    if (pos + n > in.size()) {
      throw new TruncatedInputException(
          "zstd frame header cut short at the end of the file", in.source(), pos);
    }
    in.readFully(pos, buf, 0, n);
  }
}
