package io.logdex.io.snapshot;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.io.common.ChannelInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One snapshot file as every source reading it needs to know it: its name, how it is compressed
 * and, from that, how a reader gets at an uncompressed offset.
 *
 * <ul>
 *   <li>{@link Layout#PLAIN}: seek there.
 *   <li>{@link Layout#ZSTD_FRAMES}: a zstd file of several frames (with a seek table, or frames
 *       that state their sizes): decompress from the start of the frame holding the offset and
 *       skip to it. Offsets stay uncompressed.
 *   <li>{@link Layout#STREAM}: anything else (one zstd frame, gzip, a file system that cannot
 *       seek): decompress from the start. Such a file is read by one reader and never split.
 * </ul>
 */
final class SnapshotFile implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFile.class);
  private static final int ZSTD_MAGIC = 0xFD2FB528;

  enum Layout {
    PLAIN,
    ZSTD_FRAMES,
    STREAM
  }

  /** A file and, for ZSTD_FRAMES, the frame table planning needs (not carried to workers). */
  record Inspected(SnapshotFile file, SeekTable table) {}

  private final MatchResult.Metadata metadata;
  private final Compression compression;
  private final Layout layout;
  private final long uncompressedSize;

  SnapshotFile(MatchResult.Metadata metadata, Compression compression, Layout layout,
      long uncompressedSize) {
    this.metadata = metadata;
    this.compression = compression;
    this.layout = layout;
    this.uncompressedSize = uncompressedSize;
  }

  /** The file as records name it: its ResourceId string. */
  String name() {
    return metadata.resourceId().toString();
  }

  MatchResult.Metadata metadata() {
    return metadata;
  }

  /** Bytes on disk. */
  long size() {
    return metadata.sizeBytes();
  }

  Compression compression() {
    return compression;
  }

  Layout layout() {
    return layout;
  }

  /** Uncompressed bytes, or -1 for a STREAM file that was not decompressed to find out. */
  long uncompressedSize() {
    return uncompressedSize;
  }

  /** Whether the file can be planned and split (its uncompressed offsets can be reached). */
  boolean isSplittable() {
    return layout != Layout.STREAM;
  }

  /**
   * Decides compression (AUTO: the zstd magic wins over the name, else the extension) and layout;
   * reads the first bytes and, for zstd, the seek table or the frame headers.
   */
  static Inspected inspect(MatchResult.Metadata m, Compression requested) throws IOException {
    String name = m.resourceId().toString();
    Compression c = requested;
    if (c == Compression.AUTO) {
      c = startsWithZstdMagic(m) ? Compression.ZSTD : Compression.detect(name);
    }
    boolean seekable = m.isReadSeekEfficient();
    if (c == Compression.UNCOMPRESSED && seekable) {
      return new Inspected(new SnapshotFile(m, c, Layout.PLAIN, m.sizeBytes()), null);
    }
    if (c == Compression.ZSTD && seekable) {
      SeekTable table = frameTable(m);
      if (table != null && table.frameCount() >= 2) {
        return new Inspected(
            new SnapshotFile(m, c, Layout.ZSTD_FRAMES, table.decompressedSize()), table);
      }
    }
    return new Inspected(new SnapshotFile(m, c, Layout.STREAM, -1), null);
  }

  private static boolean startsWithZstdMagic(MatchResult.Metadata m) throws IOException {
    if (m.sizeBytes() < 4) return false;
    try (ReadableByteChannel ch = FileSystems.open(m.resourceId())) {
      ByteBuffer b = ByteBuffer.allocate(4);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // a channel may return short reads
      }
      return !b.hasRemaining()
          && ((b.get(0) & 0xff) | (b.get(1) & 0xff) << 8 | (b.get(2) & 0xff) << 16
              | (b.get(3) & 0xff) << 24) == ZSTD_MAGIC;
    }
  }

  /** The seek table, or one walked from frame headers, or null when neither can be had cheaply. */
  private static SeekTable frameTable(MatchResult.Metadata m) throws IOException {
    String name = m.resourceId().toString();
    try (PositionalChannel in =
        new PositionalChannel((SeekableByteChannel) FileSystems.open(m.resourceId()), name)) {
      if (SeekTable.isPresent(in)) {
        try {
          return SeekTable.read(in);
        } catch (FormatException e) {
          LOG.warn("Ignoring the seek table of {}: {}", name, e.getMessage());
        }
      }
      // A streamed frame states no size; walking it would mean decompressing all of it here.
      if (!firstFrameDeclaresSize(in)) return null;
      try {
        return SeekTable.scan(in);
      } catch (FormatException e) {
        LOG.info("Cannot walk the zstd frames of {} ({}); reading it as one stream", name,
            e.getMessage());
        return null;
      }
    }
  }

  private static boolean firstFrameDeclaresSize(PositionalChannel in) throws IOException {
    if (in.size() < 5) return false;
    byte[] h = new byte[5];
    in.readFully(0, h, 0, 5);
    int magic = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16 | (h[3] & 0xff) << 24;
    if (magic != ZSTD_MAGIC) return true; // a skippable frame first: let the walk decide
    int descriptor = h[4] & 0xff;
    return (descriptor >>> 6) != 0 || (descriptor & 0x20) != 0;
  }

  /**
   * The uncompressed bytes from offset on. For ZSTD_FRAMES, decompression starts at the frame
   * that begins at (frameCompressed, frameUncompressed), which must hold or precede offset.
   * Undecodable data reads as a {@link FormatException}; a failing file system as its own
   * IOException, so that the runner retries it.
   */
  FileInput open(long offset, long frameCompressed, long frameUncompressed) throws IOException {
    ReadableByteChannel channel = FileSystems.open(metadata.resourceId());
    try {
      ChannelInput raw;
      InputStream decoded;
      long from;
      switch (layout) {
        case PLAIN:
          if (offset > 0) ((SeekableByteChannel) channel).position(offset);
          raw = new ChannelInput(channel);
          decoded = raw;
          from = offset;
          break;
        case ZSTD_FRAMES:
          if (frameCompressed > 0) ((SeekableByteChannel) channel).position(frameCompressed);
          raw = new ChannelInput(channel);
          decoded = new ZstdInputStreamNoFinalizer(raw);
          from = frameUncompressed;
          break;
        default:
          raw = new ChannelInput(channel);
          decoded = compression == Compression.ZSTD
              ? new ZstdInputStreamNoFinalizer(raw)
              : compression == Compression.UNCOMPRESSED
                  ? raw
                  : Channels.newInputStream(compression.readDecompressed(Channels.newChannel(raw)));
          from = 0;
          break;
      }
      FileInput in = new FileInput(decoded, raw, name(), compression, from);
      if (layout == Layout.PLAIN) in.seekWith((SeekableByteChannel) channel);
      try {
        in.skipTo(offset);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      return in;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The bytes of a PLAIN file for reads at any offset, from any thread. */
  PositionalChannel openPositional() throws IOException {
    if (layout != Layout.PLAIN) throw new IllegalStateException("not a plain file: " + this);
    return new PositionalChannel((SeekableByteChannel) FileSystems.open(metadata.resourceId()),
        name());
  }

  @Override
  public String toString() {
    return name() + " (" + layout + ", " + compression + ")";
  }
}
