package io.logdex.format.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathSyntaxTest {
  @Test
  void quotesOnlyWhatIsNotASingleLiteral() {
    for (String bare : new String[] {"a", "clientId", "a_b", "s3", "é", "x-y", "a*"}) {
      assertFalse(PathSyntax.fieldNeedsQuotes(bare), bare);
    }
    for (String q : new String[] {"", "1a", "-a", "!a", "true", "false", "null", "*", "a.b", "a b",
        "a[", "a{", "a(", "a:b", "a,b", "a#b", "a\"b", "a'b", "a\\b", "a\tb"}) {
      assertTrue(PathSyntax.fieldNeedsQuotes(q), q);
    }
  }

  @Test
  void choosesTheQuoteThatNeedsFewerEscapes() {
    StringBuilder sb = new StringBuilder();
    PathSyntax.appendField(sb, "a");
    PathSyntax.appendField(sb, "b.c");
    PathSyntax.appendIndex(sb, 0);
    PathSyntax.appendSparse(sb, 13);
    PathSyntax.appendField(sb, "say \"hi\"");
    PathSyntax.appendKeyed(sb, "jane");
    assertEquals("a.\"b.c\"[0]{13}.'say \"hi\"'(jane)", sb.toString());
  }
}
