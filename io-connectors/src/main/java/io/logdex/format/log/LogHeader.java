package io.logdex.format.log;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.util.zip.CRC32C;

/**
 * The 16 bytes that open every log (all integers big-endian):
 *
 * <pre>
 * 0   8  magic \x89 L O G D E X \n
 * 8   1  format version, 1
 * 9   1  log2 of the block size, 9 to 24
 * 10  2  flags, 0 (a reader refuses flags it does not know)
 * 12  4  masked CRC-32C of bytes 0 to 11
 * </pre>
 */
public record LogHeader(int version, int blockSize) {
  public LogHeader {
    if (!LogFormat.validBlockSize(blockSize)) {
      throw new IllegalArgumentException(
          "block size " + blockSize + " is not a power of two in [512, 16 MiB]");
    }
  }

  public static LogHeader of(int blockSize) {
    return new LogHeader(LogFormat.VERSION, blockSize);
  }

  public byte[] encode() {
    byte[] b = new byte[LogFormat.HEADER_SIZE];
    System.arraycopy(LogFormat.MAGIC, 0, b, 0, 8);
    b[8] = (byte) version;
    b[9] = (byte) Integer.numberOfTrailingZeros(blockSize);
    int crc = LogFormat.mask(crc(b));
    b[12] = (byte) (crc >>> 24);
    b[13] = (byte) (crc >>> 16);
    b[14] = (byte) (crc >>> 8);
    b[15] = (byte) crc;
    return b;
  }

  /**
   * @param n how many bytes of b are valid (fewer than 16 means the file is shorter than a header)
   */
  public static LogHeader decode(byte[] b, int n, String source) throws FormatException {
    for (int i = 0; i < Math.min(n, 8); i++) {
      if (b[i] != LogFormat.MAGIC[i]) {
        throw new FormatException("not a logdex log: bad magic at byte " + i, source, i);
      }
    }
    if (n < LogFormat.HEADER_SIZE) {
      throw new TruncatedInputException(
          "the log ends inside its " + LogFormat.HEADER_SIZE + "-byte header", source, n);
    }
    int version = b[8] & 0xff;
    if (version != LogFormat.VERSION) {
      throw new FormatException(
          "unsupported log format version " + version + " (this reader knows version "
              + LogFormat.VERSION + ")", source, 8);
    }
    int stored = (b[12] & 0xff) << 24 | (b[13] & 0xff) << 16 | (b[14] & 0xff) << 8 | (b[15] & 0xff);
    if (stored != LogFormat.mask(crc(b))) {
      throw new FormatException("log header checksum mismatch", source, 12);
    }
    int log2 = b[9] & 0xff;
    if (log2 < 9 || log2 > 24) {
      throw new FormatException("block size 2^" + log2 + " outside 2^9 to 2^24", source, 9);
    }
    int flags = (b[10] & 0xff) << 8 | (b[11] & 0xff);
    if (flags != 0) {
      throw new FormatException(
          String.format("unknown header flags 0x%04x", flags), source, 10);
    }
    return new LogHeader(version, 1 << log2);
  }

  private static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, 12);
    return (int) c.getValue();
  }
}
