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

  private static final TokenizerOptions DEFAULTS =
      new TokenizerOptions(DEFAULT_BUFFER_SIZE, DEFAULT_MAX_TOKEN_BYTES, DocumentMode.SINGLE);

  private final int bufferSize;
  private final int maxTokenBytes;
  private final DocumentMode documents;

  private TokenizerOptions(int bufferSize, int maxTokenBytes, DocumentMode documents) {
    if (bufferSize < 1) throw new IllegalArgumentException("bufferSize < 1: " + bufferSize);
    if (maxTokenBytes < 1) throw new IllegalArgumentException("maxTokenBytes < 1: " + maxTokenBytes);
    this.bufferSize = bufferSize;
    this.maxTokenBytes = maxTokenBytes;
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /** 64 KiB buffer, 16 MiB token cap, one document. */
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

  public TokenizerOptions withBufferSize(int bufferSize) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents);
  }

  public TokenizerOptions withMaxTokenBytes(int maxTokenBytes) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents);
  }

  public TokenizerOptions withDocuments(DocumentMode documents) {
    return new TokenizerOptions(bufferSize, maxTokenBytes, documents);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizerOptions t
        && t.bufferSize == bufferSize
        && t.maxTokenBytes == maxTokenBytes
        && t.documents == documents;
  }

  @Override
  public int hashCode() {
    return Objects.hash(bufferSize, maxTokenBytes, documents);
  }

  @Override
  public String toString() {
    return "TokenizerOptions{bufferSize=" + bufferSize + ", maxTokenBytes=" + maxTokenBytes
        + ", documents=" + documents + "}";
  }
}
