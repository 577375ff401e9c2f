package io.logdex.format.token;

/** Which grammar the tokenizer reads. Both refuse invalid UTF-8. */
public enum Syntax {
  /**
   * Strict RFC 8259 JSON: only {@code true}, {@code false} and {@code null} as words, strings in
   * double quotes with JSON's escapes and no raw control characters, JSON's number grammar, commas
   * and colons where JSON puts them and nowhere else, string keys only, no comments, no tags. In
   * {@link DocumentMode#SINGLE} an input without a value is an error ("no value").
   */
  JSON,
  /**
   * Tony wire form, a superset of JSON: unquoted literals, single-quoted strings, optional and
   * trailing commas, {@code #} comments, tags, {@code {a b}} for implicit nulls. For logdex's own
   * files (log entries, wire output) and inputs that say they are Tony.
   */
  TONY
}
