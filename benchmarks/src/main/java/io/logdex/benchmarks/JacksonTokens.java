package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * The peer of the depth benchmark (benchmarks/e2e/build-depth.sh): Jackson's streaming parser
 * pulling every token of a file, and each token's byte offset, with its nesting limit lifted (its
 * default, 1000, refuses deep documents; jq 1.6 stops at 256). Prints tokens and seconds.
 *
 * <p>usage: JacksonTokens FILE
 */
public final class JacksonTokens {
  private JacksonTokens() {}

  public static void main(String[] args) throws IOException {
    JsonFactory f = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
        .build();
    long t0 = System.nanoTime();
    long tokens = 0;
    long offsets = 0;
    try (JsonParser p = f.createParser(new File(args[0]))) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        tokens++;
        offsets += p.currentTokenLocation().getByteOffset();
      }
    }
    System.out.printf(Locale.ROOT, "%d tokens (offset sum %d) in %.3f s%n", tokens, offsets,
        (System.nanoTime() - t0) / 1e9);
  }
}
