package io.logdex.format.log;

/**
 * Constants and arithmetic of the logdex log format, version 1 (docs/FORMAT.md, "Log files").
 *
 * <p>A log is a 16-byte {@link LogHeader} followed by records cut into fragments that never cross
 * a block boundary, as LevelDB's log does. A fragment is a 9-byte header and its data:
 *
 * <pre>
 * u32 BE  length  FULL, FIRST: the record's payload length; MIDDLE, LAST: this fragment's data
 * u8      type    1 FULL, 2 FIRST, 3 MIDDLE, 4 LAST
 * u32 BE  masked CRC-32C of the length, type and data bytes
 * </pre>
 *
 * A FIRST fragment fills its block; MIDDLE fragments fill whole blocks; when fewer than 9 bytes
 * are left in a block they are zero padding. Because fragments never straddle blocks, a reader
 * dropped at any offset walks the fragments from that block's start and skips MIDDLE and LAST
 * fragments until the next record begins: splitting needs no index.
 */
public final class LogFormat {
  private LogFormat() {}

  public static final int VERSION = 1;

  /** {@code \x89LOGDEX\n}: the high byte and newline catch text-mode transfers, as PNG's do. */
  static final byte[] MAGIC = {(byte) 0x89, 'L', 'O', 'G', 'D', 'E', 'X', '\n'};

  public static final int HEADER_SIZE = 16;
  public static final int FRAGMENT_HEADER_SIZE = 9;

  public static final int DEFAULT_BLOCK_SIZE = 32 * 1024;
  public static final int MIN_BLOCK_SIZE = 512;
  public static final int MAX_BLOCK_SIZE = 16 * 1024 * 1024;

  /** The largest payload the format can frame: the length field is a u32. */
  public static final long MAX_RECORD_LENGTH = 0xFFFFFFFFL;

  static final int FULL = 1;
  static final int FIRST = 2;
  static final int MIDDLE = 3;
  static final int LAST = 4;

  private static final int MASK_DELTA = 0xa282ead8;

  /**
   * LevelDB's CRC mask: a CRC stored next to the data it covers is rotated and offset, so that the
   * CRC of a region holding embedded CRCs is not trivially related to them.
   */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  static String typeName(int type) {
    return switch (type) {
      case FULL -> "FULL";
      case FIRST -> "FIRST";
      case MIDDLE -> "MIDDLE";
      case LAST -> "LAST";
      default -> "type " + type;
    };
  }

  static boolean validBlockSize(int blockSize) {
    return blockSize >= MIN_BLOCK_SIZE
        && blockSize <= MAX_BLOCK_SIZE
        && Integer.bitCount(blockSize) == 1;
  }

  /** Payload bytes a fragment starting at pos can hold before its block ends. */
  static long capacityAt(long pos, int blockSize) {
    return blockSize - pos % blockSize - FRAGMENT_HEADER_SIZE;
  }

  /**
   * The offset just past a record of the given length whose first fragment is at position. The
   * layout is fully determined by the position, length and block size, which lets a reader check a
   * length against the file before trusting it.
   */
  public static long recordEnd(long position, long length, int blockSize) {
    long capacity = capacityAt(position, blockSize);
    if (length <= capacity) return position + FRAGMENT_HEADER_SIZE + length;
    long rest = length - capacity;
    long nextBlock = position - position % blockSize + blockSize;
    long perBlock = blockSize - FRAGMENT_HEADER_SIZE;
    long fullBlocks = (rest - 1) / perBlock;
    long last = rest - fullBlocks * perBlock;
    return nextBlock + fullBlocks * blockSize + FRAGMENT_HEADER_SIZE + last;
  }

  /** Where a fragment can start at or after pos: pos itself, or the next block if pos is in padding. */
  static long recordStartAt(long pos, int blockSize) {
    long left = blockSize - pos % blockSize;
    return left < FRAGMENT_HEADER_SIZE ? pos + left : pos;
  }
}
