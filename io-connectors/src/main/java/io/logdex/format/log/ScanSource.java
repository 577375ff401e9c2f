package io.logdex.format.log;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekableZstdReader;
import io.logdex.format.zstd.ZstdFrameInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Log bytes for {@link LogScanner}: a plain file, a compressed file with an intact seek table
 * (where a damaged frame can be stepped over), or a compressed file without one, decoded from its
 * first byte until the zstd data stops making sense (salvage).
 */
abstract class ScanSource {
  private static final int BUFFER = 64 * 1024;

  /** Where a stream-level failure damaged the log, and where reading can start again. */
  record Resume(long damagedFrom, long resumeAt) {}

  abstract String source();

  /** Length of the log, or Long.MAX_VALUE when only reading to the end tells. */
  abstract long length();

  abstract InputStream open(long offset) throws IOException;

  /** For a failure of a stream this source opened: how to step over it, or null if it cannot. */
  Resume resumeAfter(IOException e) {
    return null;
  }

  static ScanSource plain(PositionalChannel ch) {
    return new ScanSource() {
      @Override
      String source() {
        return ch.source();
      }

      @Override
      long length() {
        return ch.size();
      }

      @Override
      InputStream open(long offset) {
        return new BufferedInputStream(ch.stream(offset, ch.size()), BUFFER);
      }
    };
  }

  static ScanSource framed(SeekableZstdReader zstd) {
    return new ScanSource() {
      private ZstdFrameInputStream last;

      @Override
      String source() {
        return zstd.channel().source();
      }

      @Override
      long length() {
        return zstd.size();
      }

      @Override
      InputStream open(long offset) throws IOException {
        last = zstd.openAt(offset);
        return new BufferedInputStream(last, BUFFER);
      }

      @Override
      Resume resumeAfter(IOException e) {
        if (last == null || last.failedFrame() < 0) return null;
        int f = last.failedFrame();
        var t = zstd.table();
        long next = f + 1 < t.frameCount() ? t.decompressedOffset(f + 1) : t.decompressedSize();
        return new Resume(t.decompressedOffset(f), next);
      }
    };
  }

  /** Decodes from the first byte to dataEnd; the log ends where zstd decoding stops. */
  static Salvage salvage(PositionalChannel ch, long dataEnd) {
    return new Salvage(ch, dataEnd);
  }

  static final class Salvage extends ScanSource {
    private final PositionalChannel ch;
    private final long dataEnd;
    private String stopReason;
    private long delivered;

    Salvage(PositionalChannel ch, long dataEnd) {
      this.ch = ch;
      this.dataEnd = dataEnd;
    }

    /** Why decoding stopped before the end of the compressed data, or null if it did not. */
    String stopReason() {
      return stopReason;
    }

    /** Log bytes decoded. */
    long delivered() {
      return delivered;
    }

    @Override
    String source() {
      return ch.source();
    }

    @Override
    long length() {
      return Long.MAX_VALUE;
    }

    @Override
    InputStream open(long offset) throws IOException {
      if (offset != 0) throw new IllegalArgumentException("a salvage stream starts at 0");
      InputStream z = new ZstdInputStreamNoFinalizer(ch.stream(0, dataEnd));
      InputStream stopping = new InputStream() {
        private boolean stopped;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (stopped) return -1;
          try {
            int n = z.read(b, off, len);
            if (n > 0) delivered += n;
            return n;
          } catch (ZstdIOException e) {
            stopped = true;
            stopReason = "zstd decoding stops after " + delivered + " log bytes: " + e.getMessage();
            return -1;
          }
        }

        @Override
        public void close() throws IOException {
          z.close();
        }
      };
      return new BufferedInputStream(stopping, BUFFER);
    }
  }
}
