package io.logdex.io.oplog;

import java.util.Locale;

/** How the lines of an op-log are written. */
public enum OpLogFormat {
  /** By file name (compression suffix removed), else by sniffing the first content line. */
  AUTO,
  /** One JSON value per line ({@code .jsonl}, {@code .ndjson}). */
  JSONL,
  /** One Tony wire document per line ({@code .tony}); JSON lines are Tony too. */
  TONY,
  /** Tab-separated with a header line ({@code .tsv}); no quoting. */
  TSV,
  /** Comma-separated with a header line ({@code .csv}); RFC 4180 quoting within a line. */
  CSV;

  private static final String[] COMPRESSION_SUFFIXES = {
    ".zst", ".zstd", ".gz", ".bz2", ".deflate", ".zip", ".lzo", ".lzop", ".snappy"
  };

  /** The format a file name announces, or AUTO when it announces none. */
  static OpLogFormat fromFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSION_SUFFIXES) {
      if (n.endsWith(suffix)) {
        n = n.substring(0, n.length() - suffix.length());
        break;
      }
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) return JSONL;
    if (n.endsWith(".tony")) return TONY;
    if (n.endsWith(".tsv") || n.endsWith(".tab")) return TSV;
    if (n.endsWith(".csv")) return CSV;
    return AUTO;
  }

  /**
   * The format a first content line suggests: an object or array is read as Tony (which accepts
   * JSON), a tab means TSV, a comma CSV, and anything else Tony, whose errors then say why.
   */
  static OpLogFormat sniff(byte[] b, int off, int len) {
    int i = off, end = off + len;
    while (i < end && (b[i] == ' ' || b[i] == '\t')) i++;
    if (i < end && (b[i] == '{' || b[i] == '[')) return TONY;
    for (int j = off; j < end; j++) if (b[j] == '\t') return TSV;
    for (int j = off; j < end; j++) if (b[j] == ',') return CSV;
    return TONY;
  }

  boolean hasHeader() {
    return this == TSV || this == CSV;
  }
}
