package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {
  static Query w(String s) {
    return new Query.Term(Terms.word(s));
  }

  static Query fld(String n, String v) {
    return new Query.Term(Terms.field(n, v));
  }

  @Test
  void shapes() {
    assertEquals(w("error"), Query.parse("  ERROR "));
    assertEquals(new Query.And(List.of(w("a"), w("b"))), Query.parse("a b"));
    assertEquals(new Query.Or(List.of(w("a"), w("b"))), Query.parse("a OR b"));
    assertEquals(new Query.Not(w("a")), Query.parse("-a"));
    assertEquals(fld("op", "PUT"), Query.parse("op:PUT"));
    assertEquals(fld("endpoint", "s3://b1"), Query.parse("endpoint:s3://b1"));
    // OR binds tighter than the implicit AND.
    assertEquals(
        new Query.And(List.of(w("error"), new Query.Or(List.of(w("timeout"), w("retry"))), new Query.Not(fld("op", "GET")))),
        Query.parse("error timeout OR retry -op:GET"));
    assertEquals(new Query.Or(List.of(new Query.And(List.of(w("a"), w("b"))), w("c"))), Query.parse("(a b) OR c"));
    assertEquals(new Query.Not(new Query.Or(List.of(w("a"), w("b")))), Query.parse("-(a OR b)"));
    // A token with several words ANDs them; lowercase 'or' is a word.
    assertEquals(new Query.And(List.of(w("foo"), w("bar"))), Query.parse("foo-bar"));
    assertEquals(new Query.And(List.of(w("a"), w("or"), w("b"))), Query.parse("a or b"));
    // Quotes group and escape.
    assertEquals(fld("file", "my dir/x (1)"), Query.parse("file:\"my dir/x (1)\""));
    assertEquals(fld("msg", "say \"hi\""), Query.parse("msg:\"say \\\"hi\\\"\""));
    assertEquals(new Query.Phrase(List.of("a", "b")), Query.parse("\"a:b\""), "quotes make a phrase, ':' inside is text");
    assertEquals(fld("k", ""), Query.parse("k:\"\""));
  }

  @Test
  void prefixesPhrasesAndExactValues() {
    assertEquals(new Query.Prefix(Terms.word("throt"), "throt*", 1), Query.parse("THROT*"));
    assertEquals(new Query.Prefix(Terms.field("file", "dlio-unet3d"), "file:dlio-unet3d*", 1), Query.parse("file:DLIO-unet3d*"));
    assertEquals(new Query.Prefix(Terms.field("op", ""), "op:*", 1), Query.parse("op:*"));
    assertEquals(new Query.And(List.of(w("foo"), new Query.Prefix(Terms.word("ba"), "ba*", 1))), Query.parse("foo-ba*"));
    assertEquals(fld("op", "get"), Query.parse("op:GET"), "field values are lowercased");
    assertEquals(new Query.Exact("op", "GeT"), Query.parse("op:=GeT"));
    assertEquals(new Query.Exact("msg", "a b"), Query.parse("msg:=\"a b\""));
    assertEquals(fld("eq", "=x"), Query.parse("eq:\"=x\""), "a quoted '=' is the value's");
    assertEquals(new Query.Phrase(List.of("offset", "4097")), Query.parse("\"Offset 4097\""));
    assertEquals(w("offset"), Query.parse("\"offset\""), "one quoted word is that word");
    assertEquals(new Query.Phrase(List.of("a", "b")), Query.parse("\"a*b\""), "'*' in quotes is text");
    assertEquals(new Query.Not(new Query.Prefix(Terms.word("x"), "x*", 2)), Query.parse("-x*"));
  }

  @Test
  void errorsNameTheColumn() {
    for (String bad : new String[] {"", "   ", "a OR", "(a b", "a)", "- a", "-", "---", "\"unterminated", "()", "a OR )"}) {
      IllegalArgumentException e = assertThrows(QueryException.class, () -> Query.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("query column "), e.getMessage());
    }
    String[][] cases = {
      {"a (b c", "3", "'(' is never closed"},
      {"a b)", "4", "unmatched ')'"},
      {"x \"offset 4097", "3", "unterminated quote"},
      {"op:", "3", "'op:' needs a value"},
      {"a :x", "3", "a field needs a name before ':'"},
      {"*", "1", "'*' needs a prefix before it"},
      {"a -*", "4", "'*' needs a prefix before it"},
      {"a*b", "2", "'*' may only end a term"},
      {"\"a b\"*", "6", "'*' must follow a word"},
      {"op:=", "4", "':=' needs a value"},
      {"x op:=GE*", "9", "':=' takes a whole value, not a prefix"},
      {"(a OR b", "1", "'(' is never closed"},
    };
    for (String[] c : cases) {
      QueryException e = assertThrows(QueryException.class, () -> Query.parse(c[0]), c[0]);
      assertTrue(e.getMessage().startsWith("query column " + c[1] + ": " + c[2]), c[0] + " -> " + e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void nestingIsLimitedWithOneLineNamingTheColumn() {
    int max = QueryParser.MAX_NESTING;
    String ok = "(".repeat(max) + "a" + ")".repeat(max);
    assertEquals(w("a"), Query.parse(ok));
    assertEquals(w("a"), unwrapNots(Query.parse("-".repeat(max) + "a"), max));
    // Ten thousand parentheses overflowed the stack; now the first one too many is named.
    String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Query.parse(deep));
    assertTrue(e.getMessage().startsWith("query column " + (max + 1) + ": "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n") && e.getMessage().length() < 400, e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Query.parse("-(".repeat(max) + "a" + ")".repeat(max)));
  }

  private static Query unwrapNots(Query q, int n) {
    for (int i = 0; i < n; i++) q = ((Query.Not) q).clause();
    return q;
  }
}
