package io.logdex.format.log;

/**
 * One problem a scan found.
 *
 * @param offset log offset where it was found (uncompressed for a compressed log), or -1 for
 *     damage to the zstd container itself, whose file offset the reason then names
 * @param recordPosition position of the record it breaks, or -1 if no record start is known
 * @param truncation true if the log simply ends there (a torn tail), false for corruption
 */
public record Damage(long offset, long recordPosition, String reason, boolean truncation) {
  @Override
  public String toString() {
    return (offset >= 0 ? "offset " + offset : "zstd container")
        + (recordPosition >= 0 ? " (record at " + recordPosition + ")" : "")
        + (truncation ? " [truncated]" : "") + ": " + reason;
  }
}
