package io.logdex.io.oplog;

import java.io.Serializable;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * What planning learned about one file and every split of it needs: its compression and line
 * format, and for TSV/CSV the header (and where it is, so that only that line is skipped as such).
 */
final class FileFacts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final MatchResult.Metadata metadata;
  private final Compression compression;
  private final OpLogFormat format;
  private final Header header;
  private final long headerOffset;

  FileFacts(
      MatchResult.Metadata metadata,
      Compression compression,
      OpLogFormat format,
      Header header,
      long headerOffset) {
    if (format == OpLogFormat.AUTO) throw new IllegalArgumentException("format must be resolved");
    this.metadata = metadata;
    this.compression = compression;
    this.format = format;
    this.header = header;
    this.headerOffset = headerOffset;
  }

  MatchResult.Metadata metadata() {
    return metadata;
  }

  /** The file as records name it: its ResourceId string. */
  String name() {
    return metadata.resourceId().toString();
  }

  long size() {
    return metadata.sizeBytes();
  }

  /** UNCOMPRESSED, ZSTD (read by logdex, split at frames), or another Beam codec (one stream). */
  Compression compression() {
    return compression;
  }

  OpLogFormat format() {
    return format;
  }

  /** The TSV/CSV header, or null for JSONL/Tony. */
  Header header() {
    return header;
  }

  /** Uncompressed offset of the header line, or -1. */
  long headerOffset() {
    return headerOffset;
  }

  @Override
  public String toString() {
    return name() + " (" + format + ", " + compression + ")";
  }
}
