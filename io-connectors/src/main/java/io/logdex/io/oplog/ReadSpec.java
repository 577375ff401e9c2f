package io.logdex.io.oplog;

import io.logdex.io.common.DocumentFormat;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;

/** The settings of one {@link OpLogIO.Read}, carried by its sources to the workers. */
final class ReadSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
  static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
  /** A line and its terminator must fit in one Java array. */
  static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 64;
  static final int DEFAULT_QUEUE_CAPACITY = 1024;
  static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;
  static final String ENV_QUEUE_CAPACITY = "S3DLIO_OPLOG_READ_BUF";
  static final String ENV_CHUNK_SIZE = "S3DLIO_OPLOG_CHUNK_SIZE";

  final OpLogFormat format;
  final Compression compression;
  final BadRecordPolicy badRecords;
  final int bufferSize;
  final int maxLineBytes;
  final int queueCapacity;
  final int chunkSize;
  final boolean lineNumbers;
  final EmptyMatchTreatment emptyMatch;
  /** How JSONL/Tony lines are read (TSV/CSV are not documents): by name, or as declared. */
  final DocumentFormat documents;

  ReadSpec(
      OpLogFormat format,
      Compression compression,
      BadRecordPolicy badRecords,
      int bufferSize,
      int maxLineBytes,
      int queueCapacity,
      int chunkSize,
      boolean lineNumbers,
      EmptyMatchTreatment emptyMatch,
      DocumentFormat documents) {
    this.format = Objects.requireNonNull(format, "format");
    this.compression = Objects.requireNonNull(compression, "compression");
    this.badRecords = Objects.requireNonNull(badRecords, "badRecords");
    this.bufferSize = positive(bufferSize, "bufferSize");
    this.maxLineBytes = positive(maxLineBytes, "maxLineBytes");
    if (maxLineBytes > MAX_LINE_BYTES) {
      throw new IllegalArgumentException("maxLineBytes above " + MAX_LINE_BYTES + ": " + maxLineBytes);
    }
    this.queueCapacity = positive(queueCapacity, "queueCapacity");
    this.chunkSize = positive(chunkSize, "chunkSize");
    this.lineNumbers = lineNumbers;
    this.emptyMatch = Objects.requireNonNull(emptyMatch, "emptyMatch");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /**
   * Defaults; the background reader's queue and chunk sizes come from the s3dlio reader's
   * variables when they are set (read here, on the machine that builds the pipeline).
   */
  static ReadSpec defaults() {
    return new ReadSpec(
        OpLogFormat.AUTO,
        Compression.AUTO,
        BadRecordPolicy.FAIL,
        DEFAULT_BUFFER_SIZE,
        DEFAULT_MAX_LINE_BYTES,
        fromEnv(ENV_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
        fromEnv(ENV_CHUNK_SIZE, DEFAULT_CHUNK_SIZE),
        false,
        EmptyMatchTreatment.ALLOW_IF_WILDCARD,
        DocumentFormat.AUTO);
  }

  static int fromEnv(String name, int fallback) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(name + " must be a positive integer, not \"" + v + "\"");
  }

  private static int positive(int v, String name) {
    if (v < 1) throw new IllegalArgumentException(name + " must be positive: " + v);
    return v;
  }

  ReadSpec withFormat(OpLogFormat f) {
    return new ReadSpec(f, compression, badRecords, bufferSize, maxLineBytes, queueCapacity,
        chunkSize, lineNumbers, emptyMatch, documents);
  }

  ReadSpec withCompression(Compression c) {
    return new ReadSpec(format, c, badRecords, bufferSize, maxLineBytes, queueCapacity, chunkSize,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withBadRecords(BadRecordPolicy p) {
    return new ReadSpec(format, compression, p, bufferSize, maxLineBytes, queueCapacity, chunkSize,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withBufferSize(int n) {
    return new ReadSpec(format, compression, badRecords, n, maxLineBytes, queueCapacity, chunkSize,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withMaxLineBytes(int n) {
    return new ReadSpec(format, compression, badRecords, bufferSize, n, queueCapacity, chunkSize,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withQueueCapacity(int n) {
    return new ReadSpec(format, compression, badRecords, bufferSize, maxLineBytes, n, chunkSize,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withChunkSize(int n) {
    return new ReadSpec(format, compression, badRecords, bufferSize, maxLineBytes, queueCapacity, n,
        lineNumbers, emptyMatch, documents);
  }

  ReadSpec withLineNumbers(boolean b) {
    return new ReadSpec(format, compression, badRecords, bufferSize, maxLineBytes, queueCapacity,
        chunkSize, b, emptyMatch, documents);
  }

  ReadSpec withDocuments(DocumentFormat d) {
    return new ReadSpec(format, compression, badRecords, bufferSize, maxLineBytes, queueCapacity,
        chunkSize, lineNumbers, emptyMatch, d);
  }

  ReadSpec withEmptyMatch(EmptyMatchTreatment t) {
    return new ReadSpec(format, compression, badRecords, bufferSize, maxLineBytes, queueCapacity,
        chunkSize, lineNumbers, t, documents);
  }
}
