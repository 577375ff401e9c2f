package io.logdex.format.zstd;

import java.io.IOException;

/**
 * Random access into a multi-frame zstd file: {@link #openAt} finds, through the {@link SeekTable},
 * the frame that holds a decompressed offset and decompresses from that frame's start, so reading
 * a few bytes anywhere costs at most one frame. Thread-safe: each stream it opens reads the shared
 * channel at its own positions.
 */
public final class SeekableZstdReader {
  private final PositionalChannel in;
  private final SeekTable table;

  public SeekableZstdReader(PositionalChannel in, SeekTable table) {
    this.in = in;
    this.table = table;
  }

  /**
   * Uses the file's seek table if it ends with one, else derives a table by walking its frames
   * (see {@link SeekTable#scan}).
   */
  public static SeekableZstdReader open(PositionalChannel in) throws IOException {
    return new SeekableZstdReader(in, SeekTable.isPresent(in) ? SeekTable.read(in) : SeekTable.scan(in));
  }

  public SeekTable table() {
    return table;
  }

  public PositionalChannel channel() {
    return in;
  }

  /** Total decompressed size. */
  public long size() {
    return table.decompressedSize();
  }

  /**
   * A stream of the decompressed bytes from offset to the end of the data, crossing frames as it
   * goes. The caller closes it.
   *
   * @throws IllegalArgumentException if offset is negative or past the decompressed size
   */
  public ZstdFrameInputStream openAt(long decompressedOffset) throws IOException {
    if (decompressedOffset < 0 || decompressedOffset > table.decompressedSize()) {
      throw new IllegalArgumentException(
          "offset " + decompressedOffset + " outside [0, " + table.decompressedSize() + "] of "
              + in.source());
    }
    int frame = table.frameAt(decompressedOffset);
    if (frame < 0) return new ZstdFrameInputStream(in, table, table.frameCount());
    ZstdFrameInputStream s = new ZstdFrameInputStream(in, table, frame);
    s.skipFully(decompressedOffset - table.decompressedOffset(frame));
    return s;
  }

  /** A stream starting at the first byte of the given frame. */
  public ZstdFrameInputStream openFrame(int frame) {
    if (frame < 0 || frame > table.frameCount()) {
      throw new IndexOutOfBoundsException("frame " + frame + " of " + table.frameCount());
    }
    return new ZstdFrameInputStream(in, table, frame);
  }
}
