package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.testing.FuzzRules;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text (the input's bytes as UTF-8) as a search query (docs/TESTING.md). A malformed
 * query is a usage error, so the parser's documented failure is an IllegalArgumentException
 * naming the column, in one line of bounded length; anything else (a StackOverflowError from deep
 * nesting, an index out of bounds) is a finding. A query that parses is walked, as the reader's
 * evaluation walks it, and its depth must be what the parser allows.
 */
class QueryParserFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Query q;
    try {
      q = Query.parse(text);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m.startsWith("query column "), m);
      FuzzRules.checkOneLine(m, e);
      return;
    }
    // Each '(' can add an AND and an OR level, each '-' a NOT, and both are capped at MAX_NESTING.
    assertTrue(depth(q) <= 3 * (QueryParser.MAX_NESTING + 1), "a query deeper than the parser allows");
    q.toString();
  }

  private static int depth(Query q) {
    if (q instanceof Query.Not n) return 1 + depth(n.clause());
    int d = 0;
    if (q instanceof Query.And a) for (Query c : a.clauses()) d = Math.max(d, depth(c));
    if (q instanceof Query.Or o) for (Query c : o.clauses()) d = Math.max(d, depth(c));
    return d + 1;
  }
}
