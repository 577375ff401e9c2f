package io.logdex.io.oplog;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.io.common.ChannelInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how one file is read: its compression (the zstd magic wins over the name, since s3dlio
 * compresses whatever the file is called), its line format and TSV/CSV header (from the first
 * content line), and its splits. Plain files split at any byte; zstd files at frames, found from
 * the seek table or else by walking the frame headers; a zstd file that is one frame is split at
 * even decompressed offsets ({@link StreamSplits}); one whose frames cannot be walked (truncated,
 * corrupt) is read whole on a background thread.
 */
final class FilePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(FilePlanner.class);
  private static final int ZSTD_MAGIC = 0xFD2FB528;

  private FilePlanner() {}

  /** The sources that read this file, split for about desiredBundleSizeBytes each when allowed. */
  static List<OpLogFileSource> plan(
      MatchResult.Metadata m, ReadSpec spec, long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception {
    FileFacts f = inspect(m, spec);
    boolean splittable = !spec.lineNumbers && m.isReadSeekEfficient() && m.sizeBytes() > 0;
    if (splittable && f.compression() == Compression.UNCOMPRESSED) {
      List<OpLogFileSource> out = new ArrayList<>();
      for (Object s : OpLogFileSource.plain(spec, f).split(desiredBundleSizeBytes, options)) {
        out.add((OpLogFileSource) s);
      }
      return out;
    }
    if (splittable && f.compression() == Compression.ZSTD) {
      return planZstd(f, spec, Math.max(1, desiredBundleSizeBytes), options);
    }
    return List.of(OpLogFileSource.whole(spec, f));
  }

  /** Compression, format and header of one file; reads its first bytes and first content line. */
  static FileFacts inspect(MatchResult.Metadata m, ReadSpec spec) throws IOException {
    String name = m.resourceId().toString();
    try (ReadableByteChannel channel = org.apache.beam.sdk.io.FileSystems.open(m.resourceId())) {
      ChannelInput raw = new ChannelInput(channel);
      byte[] magic = new byte[4];
      int got = 0;
      while (got < 4) {
        int n = raw.read(magic, got, 4 - got);
        if (n < 0) break;
        got += n;
      }
      Compression c = spec.compression;
      if (c == Compression.AUTO) {
        c = got == 4 && le32(magic) == ZSTD_MAGIC ? Compression.ZSTD : Compression.detect(name);
      }
      InputStream in = new SequenceInputStream(new ByteArrayInputStream(magic, 0, got), raw);
      InputStream decoded =
          c == Compression.UNCOMPRESSED
              ? in
              : c == Compression.ZSTD
                  ? new ZstdInputStreamNoFinalizer(in)
                  : Channels.newInputStream(c.readDecompressed(Channels.newChannel(in)));
      try {
        return facts(m, spec, c, new LineReader(decoded, 0, spec.bufferSize, spec.maxLineBytes));
      } finally {
        decoded.close();
      }
    }
  }

  private static FileFacts facts(
      MatchResult.Metadata m, ReadSpec spec, Compression c, LineReader lines) throws IOException {
    String name = m.resourceId().toString();
    byte[] first = null;
    long firstAt = -1;
    String problem = null;
    while (lines.next()) {
      if (lines.oversized()) {
        problem = "first line is longer than maxLineBytes " + spec.maxLineBytes;
        break;
      }
      if (lines.torn()) {
        problem = "first line is unreadable: " + lines.decodeFailure().getMessage();
        break;
      }
      if (LineDecoder.isBlankOrComment(lines.array(), lines.offset(), lines.length())) continue;
      first = Arrays.copyOfRange(lines.array(), lines.offset(), lines.offset() + lines.length());
      firstAt = lines.start();
      break;
    }
    // A UTF-8 byte order mark before the first line (Windows tools write one) is not content:
    // without this the header's first column would be "\uFEFFidx". The header line keeps its
    // offset, so it is still skipped as a whole; JSON lines skip the mark in the tokenizer.
    if (first != null && firstAt == 0 && first.length >= 3
        && (first[0] & 0xff) == 0xef && (first[1] & 0xff) == 0xbb && (first[2] & 0xff) == 0xbf) {
      first = Arrays.copyOfRange(first, 3, first.length);
    }
    OpLogFormat format = spec.format;
    if (format == OpLogFormat.AUTO) format = OpLogFormat.fromFileName(name);
    if (format == OpLogFormat.AUTO) {
      format = first != null ? OpLogFormat.sniff(first, 0, first.length) : OpLogFormat.JSONL;
    }
    format = format.declared(spec.documents);
    if (!format.hasHeader()) return new FileFacts(m, c, format, null, -1);
    Header header;
    if (problem != null) {
      header = Header.unusable("no usable " + format + " header: " + problem);
    } else if (first == null) {
      header = Header.unusable("no " + format + " header line");
    } else {
      List<String> cells = new ArrayList<>();
      try {
        new DelimitedLine(format == OpLogFormat.CSV).split(first, 0, first.length, cells);
        header = Header.of(cells);
      } catch (LineRejected e) {
        header = Header.unusable("unreadable " + format + " header: " + e.getMessage());
      }
    }
    return new FileFacts(m, c, format, header, firstAt);
  }

  /** Groups frames into ranges of about desired compressed bytes, with their restart points. */
  private static List<OpLogFileSource> planZstd(
      FileFacts f, ReadSpec spec, long desired, PipelineOptions options) throws Exception {
    long t0 = System.nanoTime();
    SeekTable table = null;
    String how = "seek table";
    try (PositionalChannel in =
        new PositionalChannel(
            (SeekableByteChannel) org.apache.beam.sdk.io.FileSystems.open(f.metadata().resourceId()),
            f.name())) {
      if (SeekTable.isPresent(in)) {
        try {
          table = SeekTable.read(in);
        } catch (FormatException e) {
          LOG.warn("Ignoring the seek table of {}: {}", f.name(), e.getMessage());
        }
      }
      if (table == null) {
        how = "frame headers";
        if (!firstFrameDeclaresSize(in)) return StreamSplits.plan(f, spec, desired, options);
        try {
          table = SeekTable.scan(in);
        } catch (FormatException e) {
          LOG.info("Cannot split {} at frames ({}); reading it whole", f.name(), e.getMessage());
          return List.of(OpLogFileSource.whole(spec, f));
        }
      }
    }
    int n = table.frameCount();
    if (n < 2) return StreamSplits.plan(f, spec, desired, options);
    List<OpLogFileSource> out = new ArrayList<>();
    long total = table.decompressedSize();
    for (int a = 0; a < n; ) {
      int b = a;
      long compressed = 0;
      while (b < n && (b == a || compressed < desired)) compressed += table.compressedSize(b++);
      if (b < n && table.compressedDataEnd() - table.compressedOffset(b) < desired / 4) {
        while (b < n) compressed += table.compressedSize(b++);
      }
      long start = table.decompressedOffset(a);
      long end = b == n ? total : table.decompressedOffset(b);
      if (end > start) out.add(range(spec, f, table, a, b, start, end, compressed));
      a = b;
    }
    LOG.info(
        "Planned {}: {} zstd frames from its {}, {} splits, in {} ms",
        f.name(), n, how, out.size(), (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** Frames [a, b) as a source; its first restart is the frame holding byte start - 1. */
  private static OpLogFileSource range(
      ReadSpec spec, FileFacts f, SeekTable t, int a, int b, long start, long end, long compressed) {
    int first = start == 0 ? 0 : t.frameAt(start - 1);
    int count = b - first;
    int stride = (count + OpLogFileSource.MAX_RESTARTS - 1) / OpLogFileSource.MAX_RESTARTS;
    int kept = (count + stride - 1) / stride;
    long[] c = new long[kept];
    long[] u = new long[kept];
    for (int i = 0; i < kept; i++) {
      c[i] = t.compressedOffset(first + i * stride);
      u[i] = t.decompressedOffset(first + i * stride);
    }
    return OpLogFileSource.zstdRange(spec, f, start, end, c, u, compressed);
  }

  /** Whether the first zstd frame states its content size (a streamed frame does not). */
  private static boolean firstFrameDeclaresSize(PositionalChannel in) throws IOException {
    if (in.size() < 5) return false;
    byte[] h = new byte[5];
    in.readFully(0, h, 0, 5);
    if (le32(h) != ZSTD_MAGIC) return true; // a skippable frame first: let the walk decide
    int descriptor = h[4] & 0xff;
    return (descriptor >>> 6) != 0 || (descriptor & 0x20) != 0;
  }

  private static int le32(byte[] b) {
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }
}
