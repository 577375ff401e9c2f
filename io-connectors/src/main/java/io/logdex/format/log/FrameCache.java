package io.logdex.format.log;

import io.logdex.format.zstd.SeekTable;
import io.logdex.format.zstd.SeekableZstdReader;
import io.logdex.format.zstd.ZstdFrameInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The last decompressed frames of a compressed log. Reads cluster: a search's first hits are
 * neighbouring entries, a read-at's candidates share frames. Without it every readAt decompresses
 * its frame from the start up to the record (half a frame on average); with it a frame is
 * decompressed once and later reads in it are copies. Bounded: {@link #FRAMES} frames of at most
 * {@link #MAX_FRAME_BYTES} each; larger frames are streamed as before.
 */
final class FrameCache {
  static final int FRAMES = 2;
  static final long MAX_FRAME_BYTES = 1 << 20;

  private final SeekableZstdReader zstd;
  private final int[] frame = new int[FRAMES];
  private final byte[][] bytes = new byte[FRAMES][];
  private final long[] used = new long[FRAMES];
  private long clock;
  private long decompressed;

  FrameCache(SeekableZstdReader zstd) {
    this.zstd = zstd;
    java.util.Arrays.fill(frame, -1);
  }

  /** The log bytes from offset to the end: the cached frame's rest, then the frames after it. */
  InputStream openAt(long offset) throws IOException {
    SeekTable t = zstd.table();
    int f = t.frameAt(offset);
    if (f < 0 || t.decompressedSize(f) > MAX_FRAME_BYTES) return zstd.openAt(offset);
    byte[] b = frame(f);
    int pos = (int) (offset - t.decompressedOffset(f));
    InputStream head = new ByteArrayInputStream(b, pos, b.length - pos);
    // Opening the next frame's stream costs nothing until it is read.
    return f + 1 < t.frameCount() ? new SequenceInputStream(head, zstd.openFrame(f + 1)) : head;
  }

  /** Frames decompressed so far (for tests: reads within a cached frame add none). */
  synchronized long decompressedFrames() {
    return decompressed;
  }

  private synchronized byte[] frame(int f) throws IOException {
    int victim = 0;
    for (int i = 0; i < FRAMES; i++) {
      if (frame[i] == f) {
        used[i] = ++clock;
        return bytes[i];
      }
      if (used[i] < used[victim]) victim = i;
    }
    byte[] b = new byte[(int) zstd.table().decompressedSize(f)];
    try (ZstdFrameInputStream in = zstd.openFrame(f)) {
      int n = in.readNBytes(b, 0, b.length);
      if (n != b.length) {
        throw new io.logdex.format.TruncatedInputException("zstd frame " + f + " holds " + n
            + " of the " + b.length + " bytes its seek table states", zstd.channel().source(),
            zstd.table().compressedOffset(f));
      }
    }
    decompressed++;
    frame[victim] = f;
    bytes[victim] = b;
    used[victim] = ++clock;
    return b;
  }
}
