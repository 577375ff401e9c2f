package io.logdex.io.oplog;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.io.common.ChannelInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a zstd file that is one frame (as {@code zstd} and s3dlio stream it) so that more than
 * one core indexes it. A frame cannot be entered in the middle, so every split decompresses from
 * the file's first byte and discards up to its start; what makes that pay is that decompressing
 * runs at several times the speed of indexing. Planning decompresses the file once to learn its
 * decompressed size, then cuts it like a plain file of that size into as many ranges as its
 * compressed size asks for (one per {@code desired} compressed bytes, like frame groups), so a
 * plain file split into the same number of ranges has the same ranges, and the same output.
 *
 * <p>The discarded prefixes grow with the split's position: n splits decompress the file
 * (n + 1) / 2 times over, plus once to plan. {@link #MAX_SPLITS} bounds that at 3.5 times;
 * files with more than one frame split at their frames instead ({@link FilePlanner}).
 */
final class StreamSplits {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSplits.class);
  /** At most this many splits per single-frame file: 4 decompress it 2.5 times, plus the plan's. */
  static final int MAX_SPLITS = 4;

  private StreamSplits() {}

  /**
   * The file's splits, or the file whole (read on a background thread, with line numbers) when
   * it is smaller than two desired bundles or cannot be decompressed to its end.
   */
  static List<OpLogFileSource> plan(
      FileFacts f, ReadSpec spec, long desired, PipelineOptions options) throws Exception {
    long n = Math.min(MAX_SPLITS, (f.size() - 1) / desired + 1);
    if (n < 2) return List.of(OpLogFileSource.whole(spec, f));
    long t0 = System.nanoTime();
    long size = decompressedSize(f);
    if (size < 0) {
      // The whole-file reader reports where the stream breaks, after the records before it.
      LOG.info("{} does not decompress to its end; reading it whole", f.name());
      return List.of(OpLogFileSource.whole(spec, f));
    }
    if (size == 0) return List.of(OpLogFileSource.whole(spec, f));
    OpLogFileSource all =
        OpLogFileSource.zstdRange(spec, f, 0, size, new long[] {0}, new long[] {0}, f.size());
    List<OpLogFileSource> out = new ArrayList<>();
    for (Object s : all.splitAnywhere((size - 1) / n + 1, options)) out.add((OpLogFileSource) s);
    LOG.info(
        "Planned {}: one zstd frame of {} decompressed bytes, {} splits, in {} ms",
        f.name(), size, out.size(), (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** The stream's decompressed size, or -1 if it is truncated or corrupt. */
  private static long decompressedSize(FileFacts f) throws IOException {
    byte[] buf = new byte[1 << 20];
    long size = 0;
    try (ReadableByteChannel channel = FileSystems.open(f.metadata().resourceId());
        InputStream in = new ZstdInputStreamNoFinalizer(new ChannelInput(channel))) {
      for (int r; (r = in.read(buf)) >= 0; ) size += r;
    } catch (IOException e) {
      return -1;
    }
    return size;
  }
}
