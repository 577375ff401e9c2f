package io.logdex.format.path;

import io.logdex.format.Elide;

/**
 * A kinded path that does not parse. The message names the character offset where it broke, so a
 * path typed on a command line can be fixed from one line of stderr.
 */
public final class MalformedPathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTED = 200;

  private final String input;
  private final int offset;
  private final String reason;

  public MalformedPathException(String input, int offset, String reason) {
    super("bad kinded path " + excerpt(input) + " at offset " + offset + ": " + reason);
    this.input = input;
    this.offset = offset;
    this.reason = reason;
  }

  /** The text that failed to parse. */
  public String input() {
    return input;
  }

  /** 0-based offset of the character (UTF-16 unit) where parsing failed. */
  public int offset() {
    return offset;
  }

  /** The reason alone, without the location. */
  public String reason() {
    return reason;
  }

  // A hostile path may be megabytes long, or full of control characters that quoting escapes to six
  // chars each: the quoted text is bounded, and the offset says where it broke.
  private static String excerpt(String s) {
    StringBuilder sb = new StringBuilder();
    PathSyntax.appendQuoted(sb, s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED));
    if (s.length() > MAX_QUOTED) sb.append("...(").append(s.length()).append(" chars)");
    return Elide.middle(sb.toString(), MAX_QUOTED + 40);
  }
}
