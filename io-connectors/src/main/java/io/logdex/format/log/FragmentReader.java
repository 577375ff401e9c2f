package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FRAGMENT_HEADER_SIZE;
import static io.logdex.format.log.LogFormat.FULL;
import static io.logdex.format.log.LogFormat.LAST;
import static io.logdex.format.log.LogFormat.MIDDLE;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads fragments one at a time from a stream of log bytes that starts at a known offset. Every
 * header is checked against the block layout before its length is used (a FULL fragment must fit
 * its block, a MIDDLE must fill one, a fragment must end before the log does), and data is handed
 * out only after its CRC matched, so no length read from the file is trusted blindly.
 *
 * <p>The limit is the log's length when known; {@link Long#MAX_VALUE} means "until the stream
 * ends" (salvaging a torn compressed log), in which case a short read is the truncation.
 */
final class FragmentReader {
  private final InputStream in;
  private final int blockSize;
  private final long limit;
  private final String source;
  private final byte[] header = new byte[FRAGMENT_HEADER_SIZE];
  private final CRC32C crc = new CRC32C();
  private byte[] scratch;
  private long pos;
  private boolean dataPending;

  // The current fragment, valid after next() returned true.
  long fragmentStart;
  int type;
  long lengthField;
  int dataLength;
  private int storedCrc;

  FragmentReader(InputStream in, long pos, int blockSize, long limit, String source) {
    this.in = in;
    this.pos = pos;
    this.blockSize = blockSize;
    this.limit = limit;
    this.source = source;
  }

  long limit() {
    return limit;
  }

  int blockSize() {
    return blockSize;
  }

  String source() {
    return source;
  }

  /** Offset of the next unread byte. */
  long position() {
    return pos;
  }

  /** Offset just past the current fragment's data. */
  long dataEnd() {
    return fragmentStart + FRAGMENT_HEADER_SIZE + dataLength;
  }

  /**
   * Reads the next fragment header, stepping over block padding.
   *
   * @return false at the end of the log (only ever at a fragment boundary or inside padding)
   * @throws TruncatedInputException if the log ends inside a header or its data
   * @throws FormatException if the header contradicts the block layout or padding is not zero
   */
  boolean next() throws IOException {
    if (dataPending) throw new IllegalStateException("previous fragment's data not consumed");
    int left = (int) (blockSize - pos % blockSize);
    if (left < FRAGMENT_HEADER_SIZE) {
      long padAt = pos;
      int n = in.readNBytes(header, 0, (int) Math.min(left, limit - pos));
      for (int i = 0; i < n; i++) {
        if (header[i] != 0) {
          throw new FormatException("block padding is not zero", source, padAt + i);
        }
      }
      pos += n;
      if (n < left) return false; // the log may end inside the padding of its last block
    }
    if (pos >= limit) return false;
    fragmentStart = pos;
    int n = in.readNBytes(header, 0, FRAGMENT_HEADER_SIZE);
    if (n == 0 && limit == Long.MAX_VALUE) return false;
    if (n < FRAGMENT_HEADER_SIZE) {
      throw new TruncatedInputException(
          "the log ends inside the fragment header at " + fragmentStart, source, fragmentStart + n);
    }
    pos += FRAGMENT_HEADER_SIZE;
    lengthField =
        (header[0] & 0xffL) << 24 | (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8
            | (header[3] & 0xff);
    type = header[4];
    storedCrc =
        (header[5] & 0xff) << 24 | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8
            | (header[8] & 0xff);
    long capacity = LogFormat.capacityAt(fragmentStart, blockSize);
    boolean blockStart = fragmentStart % blockSize == 0;
    switch (type) {
      case FULL -> {
        if (lengthField > capacity) {
          throw corrupt("FULL fragment claims " + lengthField + " bytes but only " + capacity
              + " fit in its block");
        }
        dataLength = (int) lengthField;
      }
      case FIRST -> {
        if (lengthField <= capacity) {
          throw corrupt("FIRST fragment of a " + lengthField + "-byte record that would fit"
              + " its block whole");
        }
        dataLength = (int) capacity;
      }
      case MIDDLE -> {
        if (!blockStart || lengthField != capacity) {
          throw corrupt("MIDDLE fragment of " + lengthField + " bytes does not fill a block");
        }
        dataLength = (int) lengthField;
      }
      case LAST -> {
        if (!blockStart || lengthField == 0 || lengthField > capacity) {
          throw corrupt("LAST fragment of " + lengthField + " bytes "
              + (blockStart ? "does not fit its block" : "not at a block start"));
        }
        dataLength = (int) lengthField;
      }
      default -> throw corrupt("unknown fragment type " + (type & 0xff));
    }
    if (dataEnd() > limit) {
      throw new TruncatedInputException(
          LogFormat.typeName(type) + " fragment at " + fragmentStart + " holds " + dataLength
              + " bytes but the log ends at " + limit, source, fragmentStart);
    }
    dataPending = true;
    return true;
  }

  /** Reads the current fragment's data into dst at off and checks its CRC. */
  void readData(byte[] dst, int off) throws IOException {
    int n = in.readNBytes(dst, off, dataLength);
    dataPending = false;
    pos += n;
    if (n < dataLength) throw shortData(n);
    crc.reset();
    crc.update(header, 0, 5);
    crc.update(dst, off, dataLength);
    checkCrc();
  }

  /** Reads past the current fragment's data, still checking its CRC. */
  void skipData() throws IOException {
    if (scratch == null) scratch = new byte[8192];
    crc.reset();
    crc.update(header, 0, 5);
    int left = dataLength;
    dataPending = false;
    while (left > 0) {
      int n = in.read(scratch, 0, Math.min(left, scratch.length));
      if (n < 0) throw shortData(dataLength - left);
      crc.update(scratch, 0, n);
      pos += n;
      left -= n;
    }
    checkCrc();
  }

  /** Moves forward to target (resynchronising), reading and dropping the bytes between. */
  void skipTo(long target) throws IOException {
    dataPending = false;
    if (target <= pos) return;
    if (scratch == null) scratch = new byte[8192];
    while (pos < target) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, target - pos));
      if (n < 0) return;
      pos += n;
    }
  }

  private void checkCrc() throws FormatException {
    if (LogFormat.mask((int) crc.getValue()) != storedCrc) {
      throw new FormatException(
          "checksum mismatch in " + LogFormat.typeName(type) + " fragment at " + fragmentStart,
          source, fragmentStart);
    }
  }

  private TruncatedInputException shortData(int got) {
    return new TruncatedInputException(
        "the log ends inside the data of the fragment at " + fragmentStart, source,
        fragmentStart + FRAGMENT_HEADER_SIZE + got);
  }

  private FormatException corrupt(String reason) {
    return new FormatException(reason, source, fragmentStart);
  }
}
