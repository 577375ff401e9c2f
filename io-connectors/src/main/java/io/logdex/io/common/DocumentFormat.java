package io.logdex.io.common;

import io.logdex.format.token.Syntax;
import java.util.Locale;

/**
 * How an input's documents are written, as declared by a caller ({@code --format}, {@code
 * withFormat}) or, for AUTO, by the file's name with any compression suffix removed: {@code .tony}
 * is Tony wire; everything else, {@code .json} and {@code .jsonl} included, is strict JSON. Tony's
 * lenient syntax is opt-in, so that a JSON file never passes with bare words or comments in it.
 */
public enum DocumentFormat {
  /** By the file name: {@code .tony} Tony, anything else JSON. */
  AUTO,
  /** Strict RFC 8259 JSON, whatever the name. */
  JSON,
  /** Tony wire form (which reads JSON too), whatever the name. */
  TONY;

  private static final String[] COMPRESSION_SUFFIXES = {
    ".zst", ".zstd", ".gz", ".bz2", ".deflate", ".zip", ".lzo", ".lzop", ".snappy"
  };

  /** The syntax a file of this name is read with. */
  public Syntax syntaxFor(String fileName) {
    switch (this) {
      case JSON:
        return Syntax.JSON;
      case TONY:
        return Syntax.TONY;
      default:
        return baseName(fileName).endsWith(".tony") ? Syntax.TONY : Syntax.JSON;
    }
  }

  /** The name in lower case without one compression suffix: {@code a.JSONL.zst} is {@code a.jsonl}. */
  public static String baseName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSION_SUFFIXES) {
      if (n.endsWith(suffix)) return n.substring(0, n.length() - suffix.length());
    }
    return n;
  }

  /** {@code auto}, {@code json} or {@code tony}, any case; for command lines and options. */
  public static DocumentFormat parse(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "auto":
        return AUTO;
      case "json":
        return JSON;
      case "tony":
        return TONY;
      default:
        throw new IllegalArgumentException("format must be auto, json or tony, not '" + s + "'");
    }
  }
}
