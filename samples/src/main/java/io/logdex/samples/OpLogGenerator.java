package io.logdex.samples;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an s3dlio op-log: TSV with the exact s3dlio header, or its JSONL form, either plain, as
 * one zstd frame at level 1 (what s3dlio's writer produces), or as independent frames followed by a
 * zstd seekable-format seek table. Streaming with constant memory; the output depends only on the
 * options.
 */
public final class OpLogGenerator {
  /** s3dlio's default compression level (S3DLIO_OPLOG_LEVEL). */
  public static final int LEVEL = 1;
  private static final int BUFFER = 256 * 1024; // S3DLIO_OPLOG_WBUFCAP

  public enum Format { TSV, JSONL }

  public enum Compression {
    /** Plain text. */
    NONE,
    /** One zstd frame, as s3dlio writes. */
    SINGLE,
    /** Independent frames of about {@link Options#frameBytes()} input, then a seek table. */
    MULTI
  }

  /** Where a multi-frame log cuts its frames. */
  public enum Cut {
    /** At exactly the frame size, so lines straddle frames. */
    ANY,
    /** After the last newline that fits, so frames hold whole lines. */
    LINE
  }

  /** Immutable options; start from {@link #defaults()} and change what you need. */
  public static final class Options {
    private final long records;
    private final Format format;
    private final Compression compression;
    private final int frameBytes;
    private final Cut cut;
    private final long seed;

    private Options(long records, Format format, Compression compression, int frameBytes, Cut cut, long seed) {
      if (records < 0) {
        throw new IllegalArgumentException("records " + records + " < 0");
      }
      if (frameBytes < 1 || frameBytes > SeekableZstdWriter.MAX_FRAME_SIZE) {
        throw new IllegalArgumentException("frame size " + frameBytes + " outside [1, 1 GiB]");
      }
      this.records = records;
      this.format = format;
      this.compression = compression;
      this.frameBytes = frameBytes;
      this.cut = cut;
      this.seed = seed;
    }

    /** 1,000 TSV records, plain, 1 MiB frames cut anywhere, seed 1. */
    public static Options defaults() {
      return new Options(1000, Format.TSV, Compression.NONE, 1 << 20, Cut.ANY, 1);
    }

    public Options records(long n) {
      return new Options(n, format, compression, frameBytes, cut, seed);
    }

    public Options format(Format f) {
      return new Options(records, f, compression, frameBytes, cut, seed);
    }

    public Options compression(Compression c) {
      return new Options(records, format, c, frameBytes, cut, seed);
    }

    public Options frameBytes(int n) {
      return new Options(records, format, compression, n, cut, seed);
    }

    public Options cut(Cut c) {
      return new Options(records, format, compression, frameBytes, c, seed);
    }

    public Options seed(long s) {
      return new Options(records, format, compression, frameBytes, cut, s);
    }

    public long records() {
      return records;
    }

    public Format format() {
      return format;
    }

    public Compression compression() {
      return compression;
    }

    public int frameBytes() {
      return frameBytes;
    }

    public Cut cut() {
      return cut;
    }

    public long seed() {
      return seed;
    }
  }

  private OpLogGenerator() {}

  /**
   * Writes the op-log to {@code out} (which is flushed, not closed). Returns the number of
   * uncompressed bytes: the header (TSV only) and the lines.
   */
  public static long write(OutputStream out, Options options) throws IOException {
    OutputStream target = new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the caller owns the stream; finishing compression must not close it
      }
    };
    SeekableZstdWriter seekable = null;
    OutputStream compressed;
    switch (options.compression) {
      case SINGLE:
        compressed = new ZstdOutputStreamNoFinalizer(target, LEVEL);
        break;
      case MULTI:
        SeekableZstdWriter.Cut cut = options.cut == Cut.LINE
            ? SeekableZstdWriter.Cut.AFTER_LAST_NEWLINE : SeekableZstdWriter.Cut.AT_SIZE;
        // Without content checksums, like the frame s3dlio writes; the seek table then has none either.
        seekable = new SeekableZstdWriter(target, options.frameBytes, LEVEL, false, cut);
        compressed = seekable;
        break;
      default:
        compressed = target;
    }
    ByteSink sink = new ByteSink(compressed, BUFFER);
    OpLineWriter lines = new OpLineWriter(sink);
    OpSource source = new OpSource(options.seed);
    OpRecord r = new OpRecord();
    boolean tsv = options.format == Format.TSV;
    if (tsv) {
      sink.write(OpLineWriter.TSV_HEADER);
    }
    for (long i = 0; i < options.records; i++) {
      source.next(r);
      if (tsv) {
        lines.tsv(r);
      } else {
        lines.jsonl(r);
      }
    }
    sink.flush();
    if (seekable != null) {
      seekable.finish();
    } else if (compressed != target) {
      compressed.close(); // ends the zstd frame; target's close only flushes
    }
    out.flush();
    return sink.position();
  }
}
