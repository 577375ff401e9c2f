package io.logdex.format.token;

/**
 * What {@link Tokenizer#next()} found. Commas, colons, whitespace and comments are syntax, not
 * tokens: a caller that rebuilds the document never needs them, and leaving them out keeps the pull
 * loop to one call per value.
 */
public enum TokenKind {
  BEGIN_OBJECT,
  END_OBJECT,
  BEGIN_ARRAY,
  END_ARRAY,
  /** An object key; the value that follows has the key's path. */
  KEY,
  /** A quoted string, either quote. */
  STRING,
  /** A number without fraction or exponent; kept as its lexeme, so any size is fine. */
  INTEGER,
  /** A number with a fraction or an exponent; kept as its lexeme. */
  FLOAT,
  TRUE,
  FALSE,
  /** {@code null}, or the zero-length null of {@code {a b}} or of a tag with no value. */
  NULL,
  /** An unquoted Tony literal such as {@code active} or {@code s3://bucket}. */
  LITERAL,
  /** A tag such as {@code !insert} or {@code !key(sku)}; the next token is the value it tags. */
  TAG,
  /** No more input. Returned again on every later call. */
  END_OF_INPUT;

  /**
   * The kind in words, for error messages that name what they found ("expected a value, found
   * '}'"): those reach people, who should not meet constant names like END_OBJECT.
   */
  public String inWords() {
    switch (this) {
      case BEGIN_OBJECT: return "'{'";
      case END_OBJECT: return "'}'";
      case BEGIN_ARRAY: return "'['";
      case END_ARRAY: return "']'";
      case KEY: return "a key";
      case STRING: return "a string";
      case INTEGER: return "an integer";
      case FLOAT: return "a number";
      case TRUE: return "true";
      case FALSE: return "false";
      case NULL: return "null";
      case LITERAL: return "a literal";
      case TAG: return "a tag";
      default: return "the end of the input";
    }
  }

  /** True for the tokens that start a node: scalars and BEGIN_* (not TAG, which precedes one). */
  public boolean startsValue() {
    switch (this) {
      case BEGIN_OBJECT: case BEGIN_ARRAY: case STRING: case INTEGER: case FLOAT:
      case TRUE: case FALSE: case NULL: case LITERAL:
        return true;
      default:
        return false;
    }
  }

  /** True for complete values that are not containers. */
  public boolean isScalar() {
    switch (this) {
      case STRING: case INTEGER: case FLOAT: case TRUE: case FALSE: case NULL: case LITERAL:
        return true;
      default:
        return false;
    }
  }
}
