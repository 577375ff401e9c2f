package io.logdex.format.log;

import io.logdex.format.zstd.SeekableZstdWriter;

/**
 * How a {@link LogWriter} lays out and persists a log. Immutable; each {@code with} method returns
 * a copy.
 */
public final class LogWriterOptions {
  private final int blockSize;
  private final LogCompression compression;
  private final int zstdLevel;
  private final Durability durability;
  private final int syncEvery;
  private final boolean replaceExisting;
  private final int zstdFrameSize; // 0: LogEncoder.frameSizeFor(blockSize)

  private LogWriterOptions(
      int blockSize,
      LogCompression compression,
      int zstdLevel,
      Durability durability,
      int syncEvery,
      boolean replaceExisting,
      int zstdFrameSize) {
    this.blockSize = blockSize;
    this.compression = compression;
    this.zstdLevel = zstdLevel;
    this.durability = durability;
    this.syncEvery = syncEvery;
    this.replaceExisting = replaceExisting;
    this.zstdFrameSize = zstdFrameSize;
  }

  /** 32 KiB blocks, no compression, no fsync before close, refuse to replace an existing file. */
  public static LogWriterOptions defaults() {
    return new LogWriterOptions(
        LogFormat.DEFAULT_BLOCK_SIZE, LogCompression.NONE, SeekableZstdWriter.DEFAULT_LEVEL,
        Durability.NONE, 0, false, 0);
  }

  /** A power of two in [512, 16 MiB]. */
  public LogWriterOptions withBlockSize(int blockSize) {
    LogHeader.of(blockSize); // validates
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, durability, syncEvery, replaceExisting, 0);
  }

  public LogWriterOptions withCompression(LogCompression compression) {
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, durability, syncEvery, replaceExisting, zstdFrameSize)
        .validated();
  }

  public LogWriterOptions withZstdLevel(int level) {
    return new LogWriterOptions(
        blockSize, compression, level, durability, syncEvery, replaceExisting, zstdFrameSize);
  }

  public LogWriterOptions withDurability(Durability durability) {
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, durability, durability == Durability.FSYNC_BATCH
            ? Math.max(syncEvery, 1) : syncEvery, replaceExisting, zstdFrameSize).validated();
  }

  /** Fsync every n appends ({@link Durability#FSYNC_BATCH}). */
  public LogWriterOptions withSyncEvery(int n) {
    if (n < 1) throw new IllegalArgumentException("syncEvery must be at least 1: " + n);
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, Durability.FSYNC_BATCH, n, replaceExisting,
        zstdFrameSize).validated();
  }

  /**
   * Decompressed bytes per zstd frame, a multiple of the block size (default 1 MiB, or one block
   * if larger): the granularity of splits and random reads of a compressed log.
   */
  public LogWriterOptions withZstdFrameSize(int bytes) {
    if (bytes < blockSize || bytes % blockSize != 0) {
      throw new IllegalArgumentException(
          "zstd frame size " + bytes + " is not a multiple of the block size " + blockSize);
    }
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, durability, syncEvery, replaceExisting, bytes);
  }

  /** Whether close may replace a file already at the target path. */
  public LogWriterOptions withReplaceExisting(boolean replace) {
    return new LogWriterOptions(
        blockSize, compression, zstdLevel, durability, syncEvery, replace, zstdFrameSize);
  }

  public int blockSize() {
    return blockSize;
  }

  public LogCompression compression() {
    return compression;
  }

  public int zstdLevel() {
    return zstdLevel;
  }

  public Durability durability() {
    return durability;
  }

  public int syncEvery() {
    return syncEvery;
  }

  public boolean replaceExisting() {
    return replaceExisting;
  }

  public int zstdFrameSize() {
    return zstdFrameSize != 0 ? zstdFrameSize : LogEncoder.frameSizeFor(blockSize);
  }

  private LogWriterOptions validated() {
    // A compressed log's bytes reach the file a whole frame at a time, so a per-append fsync could
    // not make the record durable without cutting tiny frames.
    if (compression == LogCompression.ZSTD && durability != Durability.NONE) {
      throw new IllegalArgumentException(
          "a zstd-compressed log is written a frame at a time; durability " + durability
              + " needs an uncompressed log");
    }
    return this;
  }

  @Override
  public String toString() {
    return "LogWriterOptions{blockSize=" + blockSize + ", compression=" + compression
        + ", zstdLevel=" + zstdLevel + ", durability=" + durability + ", syncEvery=" + syncEvery
        + ", replaceExisting=" + replaceExisting + ", zstdFrameSize=" + zstdFrameSize() + "}";
  }
}
