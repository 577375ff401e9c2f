package io.logdex.format.token;

import java.io.Serializable;
import java.util.Objects;

/**
 * Immutable tokenizer settings; change one with a wither. Serializable so a Beam source can carry
 * them to workers.
 */
public final class TokenizerOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
  public static final int DEFAULT_MAX_TOKEN_BYTES = 16 * 1024 * 1024;

  private static final TokenizerOptions DEFAULTS = new TokenizerOptions(
      DEFAULT_BUFFER_SIZE, DEFAULT_MAX_TOKEN_BYTES, DocumentMode.SINGLE, Syntax.TONY);

  private final int bufferSize;
  private final int maxTokenBytes;
  private final DocumentMode documents;
  private final Syntax syntax;

  private TokenizerOptions(
      int bufferSize, int maxTokenBytes, DocumentMode documents, Syntax syntax) {
    if (bufferSize < 1) throw new IllegalArgumentException("bufferSize < 1: " + bufferSize);
    if (maxTokenBytes < 1) throw new IllegalArgumentException("maxTokenBytes < 1: " + maxTokenBytes);
    this.bufferSize = bufferSize;
    this.maxTokenBytes = maxTokenBytes;
    this.documents = Objects.requireNonNull(documents, "documents");
    this.syntax = Objects.requireNonNull(syntax, "syntax");
  }

  /**
   * 64 KiB buffer, 16 MiB token cap, one document, Tony syntax (which reads logdex's own wire
   * files; inputs named or declared JSON are read with {@code withSyntax(Syntax.JSON)}).
   */
  public static TokenizerOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Bytes read per refill and the buffer's initial size. The buffer grows only while one token
   * does not fit, up to about {@link #maxTokenBytes()}. Values as small as 1 are allowed so that
   * tests can put a buffer edge inside every token.
   */
  public int bufferSize() {
    return bufferSize;
  }

  /**
   * The longest token kept in memory. A longer string, number or literal is scanned in constant
   * memory and reported with {@code isMaterialized() == false}; a longer key or tag is an error.
   */
  public int maxTokenBytes() {
    return maxTokenBytes;
  }

  public DocumentMode documents() {
    return documents;
  }

  /** JSON (strict RFC 8259) or TONY (wire form, lenient); both refuse invalid UTF-8. */
  public Syntax syntax() {
    return syntax;
  }

  public TokenizerOptions withBufferSize(int bufferSize) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents, syntax);
  }

  public TokenizerOptions withMaxTokenBytes(int maxTokenBytes) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents, syntax);
  }

  public TokenizerOptions withDocuments(DocumentMode documents) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents, syntax);
  }

  public TokenizerOptions withSyntax(Syntax syntax) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents, syntax);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizerOptions t
        && t.bufferSize == bufferSize
        && t.maxTokenBytes == maxTokenBytes
        && t.documents == documents
        && t.syntax == syntax;
  }

  @Override
  public int hashCode() {
    return Objects.hash(bufferSize, maxTokenBytes, documents, syntax);
  }

  @Override
  public String toString() {
    return "TokenizerOptions{bufferSize=" + bufferSize + ", maxTokenBytes=" + maxTokenBytes
        + ", documents=" + documents + ", syntax=" + syntax + "}";
  }
}
