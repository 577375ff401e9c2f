package io.logdex.samples;

/** How a generated document is spelled. All three carry the same data. */
public enum DocFormat {
  /** Compact JSON: no whitespace between tokens. */
  JSON,
  /** JSON indented by two spaces, one member per line, as a person would commit it. */
  PRETTY_JSON,
  /**
   * Tony wire form: one line per document, unquoted keys where they are plain identifiers,
   * {@code ", "} between members, integer keys for sparse arrays and {@code !key(name)} on keyed
   * arrays.
   */
  WIRE;

  /** Parses the CLI spelling: json, pretty, wire (also tony). */
  static DocFormat parse(String s) {
    switch (s) {
      case "json":
        return JSON;
      case "pretty":
      case "pretty-json":
        return PRETTY_JSON;
      case "wire":
      case "tony":
        return WIRE;
      default:
        throw new UsageException("unknown format '" + s + "' (expected json, pretty or wire)");
    }
  }
}
