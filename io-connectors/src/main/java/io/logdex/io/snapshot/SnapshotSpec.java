package io.logdex.io.snapshot;

import io.logdex.io.common.DocumentFormat;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenizerOptions;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;

/** The settings of one {@link SnapshotIO.Read}, carried by its sources to the workers. */
final class SnapshotSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long DEFAULT_MAX_SUB_DOCUMENT_BYTES = 64 * 1024;
  static final long DEFAULT_SPLIT_GRANULARITY = 1 << 20;
  static final int DEFAULT_MAX_SCALAR_BYTES = 1 << 20;
  /** A sub-document's bytes travel in one array. */
  static final long MAX_SUB_DOCUMENT_BYTES = 1 << 30;

  final long maxSubDocumentBytes;
  final Compression compression;
  final long splitGranularity;
  final TokenizerOptions tokenizer;
  final int maxScalarBytes;
  final BadInputPolicy badInput;
  final EmptyMatchTreatment emptyMatch;
  /** Bytes a reader's retention buffer may hold; 0 for the default derived from the rest. */
  final int retentionCapacity;
  /** JSON (strict) or Tony, per file by name unless declared; overrides the tokenizer's syntax. */
  final DocumentFormat format;
  /**
   * Threads that plan a big plain JSON file's splits on the launcher; 0 for the default ({@link
   * #planThreadCount}), 1 for the serial planner. The points do not depend on it.
   */
  final int planThreads;

  SnapshotSpec(long maxSubDocumentBytes, Compression compression, long splitGranularity,
      TokenizerOptions tokenizer, int maxScalarBytes, BadInputPolicy badInput,
      EmptyMatchTreatment emptyMatch, int retentionCapacity, DocumentFormat format,
      int planThreads) {
    if (maxSubDocumentBytes < 1 || maxSubDocumentBytes > MAX_SUB_DOCUMENT_BYTES) {
      throw new IllegalArgumentException(
          "maxSubDocumentBytes must be in [1, " + MAX_SUB_DOCUMENT_BYTES + "]: "
              + maxSubDocumentBytes);
    }
    if (splitGranularity < 1) {
      throw new IllegalArgumentException("splitGranularity must be positive: " + splitGranularity);
    }
    if (maxScalarBytes < 0) {
      throw new IllegalArgumentException("maxScalarBytes < 0: " + maxScalarBytes);
    }
    if (retentionCapacity < 0) throw new IllegalArgumentException("retentionCapacity < 0");
    if (planThreads < 0) throw new IllegalArgumentException("planThreads < 0: " + planThreads);
    this.maxSubDocumentBytes = maxSubDocumentBytes;
    this.compression = Objects.requireNonNull(compression, "compression");
    this.splitGranularity = splitGranularity;
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.maxScalarBytes = maxScalarBytes;
    this.badInput = Objects.requireNonNull(badInput, "badInput");
    this.emptyMatch = Objects.requireNonNull(emptyMatch, "emptyMatch");
    this.retentionCapacity = retentionCapacity;
    this.format = Objects.requireNonNull(format, "format");
    this.planThreads = planThreads;
  }

  /** The tokenizer options for one file: the spec's, in the syntax its name or format says. */
  TokenizerOptions tokenizerFor(String fileName) {
    return tokenizer.withSyntax(format.syntaxFor(fileName));
  }

  SnapshotSpec withFormat(DocumentFormat f) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer,
        maxScalarBytes, badInput, emptyMatch, retentionCapacity, f, planThreads);
  }

  static SnapshotSpec defaults() {
    return new SnapshotSpec(DEFAULT_MAX_SUB_DOCUMENT_BYTES, Compression.AUTO,
        DEFAULT_SPLIT_GRANULARITY, TokenizerOptions.defaults(), DEFAULT_MAX_SCALAR_BYTES,
        BadInputPolicy.FAIL, EmptyMatchTreatment.ALLOW_IF_WILDCARD, 0, DocumentFormat.AUTO, 0);
  }

  boolean stream() {
    return tokenizer.documents() == DocumentMode.STREAM;
  }

  /** Whether a sub-document of this length carries its bytes (containers always fit the cap). */
  boolean keepsBytes(long length, boolean scalar) {
    return length <= maxSubDocumentBytes || (scalar && length <= maxScalarBytes);
  }

  /**
   * What a reader keeps: the held candidates (at most the cap), the longest sub-document that
   * carries bytes, and the tokenizer's read-ahead on both sides.
   */
  int retention() {
    if (retentionCapacity > 0) return retentionCapacity;
    long c = maxSubDocumentBytes + Math.max(maxSubDocumentBytes, maxScalarBytes)
        + 2L * tokenizer.bufferSize() + 64;
    return (int) Math.min(Integer.MAX_VALUE - 64, c);
  }

  SnapshotSpec withMaxSubDocumentBytes(long n) {
    return new SnapshotSpec(n, compression, splitGranularity, tokenizer, maxScalarBytes, badInput,
        emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withCompression(Compression c) {
    return new SnapshotSpec(maxSubDocumentBytes, c, splitGranularity, tokenizer, maxScalarBytes,
        badInput, emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withSplitGranularity(long n) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, n, tokenizer, maxScalarBytes,
        badInput, emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withTokenizer(TokenizerOptions o) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, o, maxScalarBytes,
        badInput, emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withMaxScalarBytes(int n) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer, n,
        badInput, emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withBadInput(BadInputPolicy p) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer,
        maxScalarBytes, p, emptyMatch, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withEmptyMatch(EmptyMatchTreatment t) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer,
        maxScalarBytes, badInput, t, retentionCapacity, format, planThreads);
  }

  SnapshotSpec withRetentionCapacity(int n) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer,
        maxScalarBytes, badInput, emptyMatch, n, format, planThreads);
  }

  SnapshotSpec withPlanThreads(int n) {
    return new SnapshotSpec(maxSubDocumentBytes, compression, splitGranularity, tokenizer,
        maxScalarBytes, badInput, emptyMatch, retentionCapacity, format, n);
  }

  /**
   * The threads planning uses: planThreads, or for 0 the available processors from 3 up and 1
   * below (the parallel plan takes about twice the serial one's CPU: on 2 cores it cannot be
   * faster).
   */
  int planThreadCount() {
    if (planThreads > 0) return planThreads;
    int cores = Runtime.getRuntime().availableProcessors();
    return cores >= 3 ? cores : 1;
  }

  @Override
  public String toString() {
    return "maxSubDocumentBytes=" + maxSubDocumentBytes + ", compression=" + compression
        + ", splitGranularity=" + splitGranularity + ", " + tokenizer + ", maxScalarBytes="
        + maxScalarBytes + ", badInput=" + badInput + ", format=" + format + ", planThreads="
        + planThreads;
  }
}
