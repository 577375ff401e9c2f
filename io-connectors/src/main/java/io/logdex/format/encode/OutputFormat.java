package io.logdex.format.encode;

/** What an {@link Encoder} writes. */
public enum OutputFormat {
  /** Canonical Tony wire form: one line per document, tags and literals kept. */
  WIRE,
  /** Compact JSON, one document per line; tags dropped (and counted), literals as strings. */
  JSON,
  /** JSON indented by two spaces, each document followed by a newline. */
  JSON_PRETTY
}
