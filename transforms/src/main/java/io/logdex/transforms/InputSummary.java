package io.logdex.transforms;

/**
 * One input file of the build, as the manifest records it.
 *
 * @param kind {@code oplog} or {@code snapshot}
 * @param commit a snapshot's commit ({@code GLOB@COMMIT}), or {@link Long#MIN_VALUE}
 * @param crc32c CRC-32C of the file's stored bytes, or -1 until computed
 */
public record InputSummary(int index, String kind, String path, long commit, long bytes, long crc32c)
    implements BuildPart {
  public static final String OPLOG = "oplog";
  public static final String SNAPSHOT = "snapshot";

  InputSummary withCrc32c(long crc) {
    return new InputSummary(index, kind, path, commit, bytes, crc);
  }
}
