package io.logdex.format.log;

/** When a {@link LogWriter} forces appended records to stable storage. */
public enum Durability {
  /**
   * Appends reach the operating system when a block fills or on flush; fsync happens only at
   * close, before the file is published. A crash loses the unflushed tail.
   */
  NONE,
  /**
   * Every append is fsynced before it returns. Concurrent appenders share fsyncs (group commit):
   * one force covers every record written before it started.
   */
  FSYNC_EACH,
  /** An fsync every {@link LogWriterOptions#syncEvery()} appends, and at close. */
  FSYNC_BATCH
}
