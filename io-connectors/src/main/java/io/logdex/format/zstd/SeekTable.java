package io.logdex.format.zstd;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where each zstd frame of a file starts, compressed and decompressed: the seek table of the zstd
 * seekable format (facebook/zstd contrib/seekable_format, version 0.1.0). It maps an offset in the
 * decompressed stream to the one frame that holds it, so a reader decompresses at most the frames
 * it needs.
 *
 * <p>On disk the table is the file's last frame, a skippable frame (all fields little-endian):
 *
 * <pre>
 * u32 0x184D2A5E  skippable magic
 * u32 frameSize   bytes that follow: entries + 9
 * per frame:      u32 compressedSize, u32 decompressedSize [, u32 checksum]
 * u32 frameCount
 * u8  descriptor  bit 7 = checksums present; bits 6..2 reserved, must be 0
 * u32 0x8F92EAB1  seekable magic, the file's last four bytes
 * </pre>
 *
 * The checksum is the low 32 bits of XXH64 of the frame's decompressed data, which is also what a
 * zstd frame with its content-checksum flag ends with. Entries cover every frame before the table,
 * skippable ones included (with decompressed size 0), so compressed offsets are running sums.
 *
 * <p>{@link #read} parses a table; {@link #scan} derives one from the frames themselves for a
 * multi-frame zstd file written without a table (the {@code zstd} CLI, s3dlio).
 */
public final class SeekTable {
  /** Magic of the frame that holds the table; any skippable frame may use it too. */
  public static final int SKIPPABLE_MAGIC = 0x184D2A5E;

  public static final int SEEKABLE_MAGIC = 0x8F92EAB1;
  public static final int FOOTER_SIZE = 9;
  public static final int ZSTD_FRAME_MAGIC = 0xFD2FB528;

  /** The limit of the reference implementation; it bounds what a hostile frame count can cost. */
  public static final int MAX_FRAMES = 0x8000000;

  private static final int CHECKSUM_FLAG = 0x80;
  private static final int RESERVED_BITS = 0x7C;

  private final long[] compressedStart; // frameCount + 1 entries; the last is the end of the data
  private final long[] decompressedStart;
  private final int[] checksums; // null when the table has none
  private final int frameCount;

  private SeekTable(long[] compressedStart, long[] decompressedStart, int[] checksums, int count) {
    this.compressedStart = compressedStart;
    this.decompressedStart = decompressedStart;
    this.checksums = checksums;
    this.frameCount = count;
  }

  public int frameCount() {
    return frameCount;
  }

  public long compressedOffset(int frame) {
    return compressedStart[frame];
  }

  public long compressedSize(int frame) {
    return compressedStart[frame + 1] - compressedStart[frame];
  }

  public long decompressedOffset(int frame) {
    return decompressedStart[frame];
  }

  public long decompressedSize(int frame) {
    return decompressedStart[frame + 1] - decompressedStart[frame];
  }

  /** Total decompressed bytes of all frames. */
  public long decompressedSize() {
    return decompressedStart[frameCount];
  }

  /** Where the frames end: the table's own offset for a seekable file. */
  public long compressedDataEnd() {
    return compressedStart[frameCount];
  }

  public boolean hasChecksums() {
    return checksums != null;
  }

  /** Low 32 bits of XXH64 of the frame's decompressed data, as stored in the table. */
  public int checksum(int frame) {
    if (checksums == null) throw new IllegalStateException("seek table has no checksums");
    return checksums[frame];
  }

  /**
   * The frame whose decompressed bytes include offset, or -1 if offset is at or past the end.
   * Empty frames hold no offset and are never returned.
   */
  public int frameAt(long decompressedOffset) {
    if (decompressedOffset < 0 || decompressedOffset >= decompressedStart[frameCount]) return -1;
    // Largest i with start[i] <= offset; start[i + 1] > offset then holds, so frame i is non-empty.
    int lo = 0;
    int hi = frameCount;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (decompressedStart[mid] <= decompressedOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first frame that starts at or after compressedOffset, or frameCount() if none does. */
  public int firstFrameAtOrAfter(long compressedOffset) {
    int lo = 0;
    int hi = frameCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compressedStart[mid] >= compressedOffset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** True if the file ends with a seekable-format footer (the table itself is not checked). */
  public static boolean isPresent(PositionalChannel in) throws IOException {
    if (in.size() < 8 + FOOTER_SIZE) return false;
    byte[] footer = new byte[4];
    in.readFully(in.size() - 4, footer, 0, 4);
    return le32(footer, 0) == SEEKABLE_MAGIC;
  }

  /**
   * Parses the seek table at the end of the file and checks it against the file: its frames must
   * exactly fill the bytes before it.
   *
   * @throws FormatException if the file has no seek table or the table is inconsistent
   */
  public static SeekTable read(PositionalChannel in) throws IOException {
    String src = in.source();
    long size = in.size();
    if (size < 8 + FOOTER_SIZE) {
      throw new FormatException(
          "too short (" + size + " bytes) to end with a zstd seek table", src, 0);
    }
    byte[] footer = new byte[FOOTER_SIZE];
    long footerAt = size - FOOTER_SIZE;
    in.readFully(footerAt, footer, 0, FOOTER_SIZE);
    if (le32(footer, 5) != SEEKABLE_MAGIC) {
      throw new FormatException(
          "no zstd seek table: the file does not end with magic 0x8F92EAB1", src, size - 4);
    }
    long count = le32(footer, 0) & 0xFFFFFFFFL;
    int descriptor = footer[4] & 0xff;
    if ((descriptor & RESERVED_BITS) != 0) {
      throw new FormatException(
          String.format("seek table descriptor 0x%02x sets reserved bits", descriptor), src,
          footerAt + 4);
    }
    boolean withChecksums = (descriptor & CHECKSUM_FLAG) != 0;
    int entrySize = withChecksums ? 12 : 8;
    // Checked before anything is allocated, so a hostile count costs nothing.
    long tableFrame = 8 + count * entrySize + FOOTER_SIZE;
    if (count > MAX_FRAMES || tableFrame > size) {
      throw new FormatException(
          "seek table claims " + count + " frames, more than the file can hold", src, footerAt);
    }
    long tableAt = size - tableFrame;
    byte[] head = new byte[8];
    in.readFully(tableAt, head, 0, 8);
    if (le32(head, 0) != SKIPPABLE_MAGIC) {
      throw new FormatException(
          "seek table of " + count + " frames should start with skippable magic 0x184D2A5E", src,
          tableAt);
    }
    if ((le32(head, 4) & 0xFFFFFFFFL) != tableFrame - 8) {
      throw new FormatException(
          "seek table frame size " + (le32(head, 4) & 0xFFFFFFFFL) + " disagrees with its "
              + count + " entries (" + (tableFrame - 8) + " bytes)", src, tableAt + 4);
    }
    int n = (int) count;
    long[] cStart = new long[n + 1];
    long[] dStart = new long[n + 1];
    int[] sums = withChecksums ? new int[n] : null;
    byte[] buf = new byte[entrySize * 4096];
    long at = tableAt + 8;
    for (int i = 0; i < n; ) {
      int batch = Math.min(4096, n - i);
      in.readFully(at, buf, 0, batch * entrySize);
      for (int j = 0; j < batch; j++, i++) {
        int o = j * entrySize;
        cStart[i + 1] = cStart[i] + (le32(buf, o) & 0xFFFFFFFFL);
        dStart[i + 1] = dStart[i] + (le32(buf, o + 4) & 0xFFFFFFFFL);
        if (sums != null) sums[i] = le32(buf, o + 8);
      }
      at += (long) batch * entrySize;
    }
    if (cStart[n] != tableAt) {
      throw new FormatException(
          "seek table frames cover " + cStart[n] + " compressed bytes but " + tableAt
              + " bytes precede the table", src, tableAt);
    }
    return new SeekTable(cStart, dStart, sums, n);
  }

  /**
   * Builds a table by walking the frames of a zstd file from its first byte: each frame's
   * compressed size comes from its block headers and its decompressed size from the frame header,
   * or, when the header omits it, by decompressing that frame. A trailing seek table frame is not
   * an entry.
   *
   * @throws TruncatedInputException if the last frame is cut short
   * @throws FormatException if the bytes are not zstd frames
   */
  public static SeekTable scan(PositionalChannel in) throws IOException {
    ZstdFrameWalker walker = new ZstdFrameWalker(in);
    long[] c = new long[16];
    long[] d = new long[16];
    int n = 0;
    long pos = 0;
    long decompressed = 0;
    while (pos < in.size()) {
      ZstdFrameWalker.Frame f = walker.frameAt(pos);
      if (f.isSeekTable()) break;
      if (n + 1 >= c.length) {
        if (n >= MAX_FRAMES) throw new FormatException("more than " + MAX_FRAMES + " frames",
            in.source(), pos);
        c = Arrays.copyOf(c, c.length * 2);
        d = Arrays.copyOf(d, d.length * 2);
      }
      c[n] = pos;
      d[n] = decompressed;
      n++;
      pos = f.end();
      decompressed += f.decompressedSize();
    }
    c[n] = pos;
    d[n] = decompressed;
    return new SeekTable(c, d, null, n);
  }

  /** Collects entries while frames are written, then writes the table frame. */
  public static final class Builder {
    private int[] entries = new int[3 * 64];
    private int count;
    private final boolean withChecksums;

    public Builder(boolean withChecksums) {
      this.withChecksums = withChecksums;
    }

    public void add(int compressedSize, int decompressedSize, int checksum) {
      if (count == MAX_FRAMES) throw new IllegalStateException("more than " + MAX_FRAMES + " frames");
      if (3 * count + 3 > entries.length) entries = Arrays.copyOf(entries, entries.length * 2);
      entries[3 * count] = compressedSize;
      entries[3 * count + 1] = decompressedSize;
      entries[3 * count + 2] = checksum;
      count++;
    }

    public int count() {
      return count;
    }

    /** Writes the whole table frame; returns its size in bytes. */
    public long writeTo(OutputStream out) throws IOException {
      int entrySize = withChecksums ? 12 : 8;
      long frameSize = (long) count * entrySize + FOOTER_SIZE;
      byte[] buf = new byte[8192];
      int k = 0;
      k = putLe32(buf, k, SKIPPABLE_MAGIC);
      k = putLe32(buf, k, (int) frameSize);
      for (int i = 0; i < count; i++) {
        if (k + 12 > buf.length) {
          out.write(buf, 0, k);
          k = 0;
        }
        k = putLe32(buf, k, entries[3 * i]);
        k = putLe32(buf, k, entries[3 * i + 1]);
        if (withChecksums) k = putLe32(buf, k, entries[3 * i + 2]);
      }
      if (k + FOOTER_SIZE > buf.length) {
        out.write(buf, 0, k);
        k = 0;
      }
      k = putLe32(buf, k, count);
      buf[k++] = (byte) (withChecksums ? CHECKSUM_FLAG : 0);
      k = putLe32(buf, k, SEEKABLE_MAGIC);
      out.write(buf, 0, k);
      return 8 + frameSize;
    }
  }

  static int le32(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }

  private static int putLe32(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
    return o + 4;
  }
}
