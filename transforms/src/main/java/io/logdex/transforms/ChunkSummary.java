package io.logdex.transforms;

/**
 * What ingesting one chunk produced; small, so every chunk's summary can travel to the commit
 * step and into the manifest.
 *
 * @param inputRecords records and bad records read from the input range
 * @param entries log entries written (after same-commit merging and the incremental filter); for
 *     a snapshot chunk, the documents indexed (sub-documents and container records)
 * @param skipped records at or below the previous build's maxCommit (incremental builds)
 * @param maxCommit the largest commit written, or {@link Long#MIN_VALUE} if none
 * @param log the log file relative to the generation, or null when the chunk wrote no entry
 * @param deadLetters the dead-letter file relative to the generation, or null when none
 * @param inputBytes stored bytes of the range (compressed, for a compressed input)
 * @param decodedBytes uncompressed bytes of the records and bad lines read, terminators included
 */
public record ChunkSummary(
    int id,
    int input,
    int chunk,
    String kind,
    long inputRecords,
    long entries,
    long badRecords,
    long skipped,
    long maxCommit,
    long inputBytes,
    long decodedBytes,
    String log,
    long logBytes,
    long logCrc32c,
    String deadLetters,
    long deadLetterBytes)
    implements BuildPart {

  /** Chunk kinds as the manifest spells them. */
  public static final String OPLOG = "oplog";
  public static final String SNAPSHOT = "snapshot";
  /** A chunk carried over from the previous generation by an incremental build. */
  public static final String CARRIED = "log";

  ChunkSummary withKind(String k) {
    return new ChunkSummary(id, input, chunk, k, inputRecords, entries, badRecords, skipped,
        maxCommit, inputBytes, decodedBytes, log, logBytes, logCrc32c, deadLetters, deadLetterBytes);
  }
}
