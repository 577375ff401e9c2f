package io.logdex.io.oplog;

import io.logdex.format.token.Syntax;
import io.logdex.io.common.DocumentFormat;

/** How the lines of an op-log are written. */
public enum OpLogFormat {
  /** By file name (compression suffix removed), else by sniffing the first content line. */
  AUTO,
  /** One strict RFC 8259 JSON value per line ({@code .jsonl}, {@code .ndjson}, {@code .json}). */
  JSONL,
  /** One Tony wire document per line ({@code .tony}); JSON lines are Tony too. */
  TONY,
  /** Tab-separated with a header line ({@code .tsv}); no quoting. */
  TSV,
  /** Comma-separated with a header line ({@code .csv}); RFC 4180 quoting within a line. */
  CSV;

  /** The format a file name announces, or AUTO when it announces none. */
  static OpLogFormat fromFileName(String name) {
    String n = DocumentFormat.baseName(name);
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) return JSONL;
    if (n.endsWith(".tony")) return TONY;
    if (n.endsWith(".tsv") || n.endsWith(".tab")) return TSV;
    if (n.endsWith(".csv")) return CSV;
    return AUTO;
  }

  /**
   * The format a first content line suggests: an object or array is JSON lines, a tab means TSV, a
   * comma CSV, and anything else JSON lines, whose errors then say why. Tony is never guessed: its
   * lenient syntax is for files named {@code .tony} or declared so.
   */
  static OpLogFormat sniff(byte[] b, int off, int len) {
    int i = off, end = off + len;
    while (i < end && (b[i] == ' ' || b[i] == '\t')) i++;
    if (i < end && (b[i] == '{' || b[i] == '[')) return JSONL;
    for (int j = off; j < end; j++) if (b[j] == '\t') return TSV;
    for (int j = off; j < end; j++) if (b[j] == ',') return CSV;
    return JSONL;
  }

  /** This format with a declared document format applied: TSV and CSV stay, lines follow it. */
  OpLogFormat declared(DocumentFormat documents) {
    if (hasHeader() || documents == DocumentFormat.AUTO) return this;
    return documents == DocumentFormat.JSON ? JSONL : TONY;
  }

  /** The tokenizer syntax of a line of this (resolved, document) format. */
  Syntax syntax() {
    return this == TONY ? Syntax.TONY : Syntax.JSON;
  }

  boolean hasHeader() {
    return this == TSV || this == CSV;
  }
}
