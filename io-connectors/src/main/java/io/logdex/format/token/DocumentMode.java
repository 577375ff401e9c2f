package io.logdex.format.token;

/** How many top-level documents an input may hold. */
public enum DocumentMode {
  /**
   * Exactly one document (or none, for empty input). Anything after it other than whitespace and
   * comments is an error saying that there is more than one document, so that a JSONL file read by
   * mistake as one document fails loudly instead of yielding its first line.
   */
  SINGLE,
  /**
   * Any number of documents, one per line (JSONL, Tony wire streams) or simply concatenated
   * ({@code {}{}}). Every path is prefixed with {@code [n]}, n the 0-based document ordinal, so
   * that paths from different documents never collide.
   */
  STREAM
}
