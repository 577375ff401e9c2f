package io.logdex.format.log;

/**
 * How a log file is stored. Readers detect it from the first bytes (log magic or zstd frame magic),
 * so it is a writer's choice, not something a reader must be told.
 */
public enum LogCompression {
  /** The log bytes as they are. */
  NONE,
  /**
   * The log bytes in the zstd seekable format: independent frames of 1 MiB of log (or one block,
   * if blocks are larger) and a seek table. Record positions stay offsets in the uncompressed log.
   */
  ZSTD
}
