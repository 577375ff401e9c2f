package io.logdex.format.token;

import java.io.IOException;

/**
 * Receives the raw bytes of every token longer than {@link TokenizerOptions#maxTokenBytes()} while
 * the tokenizer scans it, so that a 100 MB string can be copied or hashed in bounded memory. The
 * bytes are the token exactly as it stands in the input (quotes and escapes included), delivered in
 * order in one or more chunks between {@link #begin} and {@link #end}; the array is the
 * tokenizer's buffer, valid only during the call.
 *
 * <p>Keys and tags are never this long: a key or tag over the cap is a {@link
 * io.logdex.format.FormatException}, because paths need them.
 */
public interface LargeTokenConsumer {
  /**
   * A token over the cap starts at the absolute offset. Its kind is not known yet: a number's
   * fraction may come after its first 16 MiB of digits.
   */
  void begin(long offset) throws IOException;

  /** The next raw bytes of the token. */
  void bytes(byte[] b, int off, int len) throws IOException;

  /** The token ended: its kind (STRING, INTEGER, FLOAT or LITERAL) and total raw length. */
  void end(TokenKind kind, long length) throws IOException;
}
