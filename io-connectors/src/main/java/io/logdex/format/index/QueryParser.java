package io.logdex.format.index;

import io.logdex.format.Elide;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI query syntax (README "search", docs/FORMAT.md "Queries"):
 *
 * <pre>
 *   query   := clause+                      clauses separated by whitespace are ANDed
 *   clause  := unary ("OR" unary)*          OR binds tighter than the implicit AND
 *   unary   := "-" unary | "(" query ")" | term
 *   term    := name ":" value               a field term, value matched in any case
 *            | name ":=" value              the field's value in exactly this case
 *            | name ":" prefix "*"          every field value starting with prefix, any case
 *            | name ":" (">"|">="|"<"|"<=") bound            a range of typed values
 *            | name ":" ("["|"{") bound "TO" bound ("]"|"}")  inclusive [ ], exclusive { }
 *   bound   := integer | RFC 3339 date-time | "*"   (both bounds of one kind; "*" is open)
 *            | "\"" text "\""               a phrase: its words in this order in one string
 *            | text ["*"]                    every word of text (word rule), ANDed; with "*"
 *                                            the last word is a prefix
 * </pre>
 *
 * Double quotes group whitespace, parentheses and {@code OR} into a term ({@code op:"a b"},
 * {@code "x OR y"}) with {@code \"} and {@code \\} as escapes; a {@code :}, {@code =} or {@code
 * *} inside quotes is plain text. So {@code error timeout OR retry -op:GET} means error AND (timeout
 * OR retry) AND NOT op:GET. Malformed queries raise {@link QueryException} naming the column.
 *
 * <p>Parentheses and {@code -} nest at most {@value #MAX_NESTING} deep: the parser and every walk
 * over a query (evaluation, printing) recurse once a level, so a query of ten thousand
 * parentheses is refused with one line rather than overflowing the stack.
 */
final class QueryParser {
  /** Deepest nesting of parentheses and {@code -} a query may have. */
  static final int MAX_NESTING = 256;

  private final String s;
  private int pos;
  private int nesting;

  private QueryParser(String s) {
    this.s = s;
  }

  static Query parse(String text) {
    QueryParser p = new QueryParser(text);
    Query q = p.sequence(false, -1);
    return q;
  }

  private QueryException error(String reason) {
    // The reason may quote a term, and both may hold line breaks or run long: one line, elided.
    return new QueryException("query column " + (pos + 1) + ": "
        + Elide.forMessage(reason, Elide.DEFAULT_MAX_BYTES) + ": " + Elide.forMessage(s, Elide.DEFAULT_MAX_BYTES));
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
  }

  /** Clauses up to the end, or up to the ')' that closes the '(' at column open + 1 (open >= 0). */
  private Query sequence(boolean nested, int open) {
    List<Query> clauses = new ArrayList<>();
    while (true) {
      ws();
      if (pos >= s.length()) {
        if (nested) {
          pos = open;
          throw error("'(' is never closed");
        }
        break;
      }
      if (s.charAt(pos) == ')') {
        if (!nested) throw error("unmatched ')'");
        break;
      }
      clauses.add(disjunction());
    }
    if (clauses.isEmpty()) throw error("empty query");
    return clauses.size() == 1 ? clauses.get(0) : new Query.And(clauses);
  }

  private Query disjunction() {
    List<Query> alts = new ArrayList<>();
    alts.add(unary());
    while (true) {
      int save = pos;
      ws();
      if (s.startsWith("OR", pos) && (pos + 2 == s.length() || Character.isWhitespace(s.charAt(pos + 2)))) {
        pos += 2;
        ws();
        if (pos >= s.length() || s.charAt(pos) == ')') throw error("OR needs a right-hand side");
        alts.add(unary());
      } else {
        pos = save;
        break;
      }
    }
    return alts.size() == 1 ? alts.get(0) : new Query.Or(alts);
  }

  private Query unary() {
    ws();
    if (pos >= s.length()) throw error("expected a term");
    char c = s.charAt(pos);
    if (c == '-') {
      enter();
      pos++;
      if (pos >= s.length() || Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ')') throw error("'-' must be followed by a term");
      Query q = new Query.Not(unary());
      nesting--;
      return q;
    }
    if (c == '(') {
      enter();
      int open = pos++;
      Query q = sequence(true, open);
      pos++; // the ')'
      nesting--;
      return q;
    }
    if (c == ')') throw error("unexpected ')'");
    return term();
  }

  private void enter() {
    if (++nesting > MAX_NESTING) {
      throw error("parentheses and '-' nest deeper than " + MAX_NESTING + " levels");
    }
  }

  private Query term() {
    int start = pos;
    StringBuilder text = new StringBuilder();
    int colon = -1; // where the first unquoted ':' is in text
    int exactAt = -1; // column of a ':=' operator's '='
    int star = -1; // column of a trailing '*'
    boolean quoted = false;
    boolean lastQuoted = false; // whether text's last char came from inside quotes
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c) || c == '(' || c == ')') break;
      if (star >= 0) {
        pos = star;
        throw error("'*' may only end a term");
      }
      if (c == '"') {
        int open = pos++;
        quoted = true;
        while (true) {
          if (pos >= s.length()) {
            pos = open;
            throw error("unterminated quote");
          }
          char q = s.charAt(pos++);
          if (q == '"') break;
          if (q == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) q = s.charAt(pos++);
          text.append(q);
          lastQuoted = true;
        }
        continue;
      }
      if (c == '*') {
        star = pos++;
        continue;
      }
      if (c == '=' && colon >= 0 && exactAt < 0 && text.length() == colon + 1) {
        exactAt = pos++;
        continue;
      }
      if (c == ':' && colon < 0 && !quoted && text.length() > 0 && pos + 1 < s.length()
          && "[{<>".indexOf(s.charAt(pos + 1)) >= 0) {
        return range(text.toString(), start);
      }
      if (c == ':' && colon < 0) colon = text.length();
      text.append(c);
      lastQuoted = false;
      pos++;
    }
    if (text.length() == 0 && pos == start) throw error("expected a term");
    String t = text.toString();
    int end = pos;
    if (colon == 0) {
      pos = start;
      throw error("a field needs a name before ':'");
    }
    if (colon > 0) return fieldTerm(t.substring(0, colon), t.substring(colon + 1), start, exactAt, star, end);
    List<String> words = new ArrayList<>();
    Words.forEach(t, words::add);
    if (star >= 0) {
      boolean endsInWord = t.length() > 0 && !lastQuoted && Words.isWordCodePoint(t.codePointBefore(t.length()));
      pos = star;
      if (words.isEmpty()) throw error("'*' needs a prefix before it");
      if (!endsInWord) throw error("'*' must follow a word");
    }
    if (words.isEmpty()) {
      pos = start;
      throw error("\"" + t + "\" contains no word");
    }
    pos = end;
    if (quoted && star < 0 && words.size() > 1) return new Query.Phrase(words);
    List<Query> qs = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      byte[] w = Terms.word(words.get(i));
      boolean prefix = star >= 0 && i == words.size() - 1;
      qs.add(prefix ? new Query.Prefix(w, words.get(i) + "*", start + 1) : new Query.Term(w));
    }
    return qs.size() == 1 ? qs.get(0) : new Query.And(qs);
  }

  /** A range after {@code name:} (pos at the ':'); start is the term's first column. */
  private Query range(String name, int start) {
    try {
      Terms.field(name, ""); // the same name checks as a field term
    } catch (IllegalArgumentException e) {
      pos = start;
      throw error(e.getMessage());
    }
    pos++;
    char c = s.charAt(pos);
    if (c == '>' || c == '<') {
      boolean eq = pos + 1 < s.length() && s.charAt(pos + 1) == '=';
      pos += eq ? 2 : 1;
      int at = pos;
      String text = boundText();
      if (text.isEmpty() || text.equals("*")) {
        pos = at;
        throw error("'" + c + (eq ? "=" : "") + "' needs an integer or an RFC 3339 time after it");
      }
      Bound b = bound(text, at);
      if (c == '>') return inclusive(name, b.kind, b.value, eq ? 0 : 1, Long.MAX_VALUE, 0);
      return inclusive(name, b.kind, Long.MIN_VALUE, 0, b.value, eq ? 0 : -1);
    }
    int open = pos++;
    boolean loIn = c == '[';
    ws();
    int loAt = pos;
    String lo = boundText();
    if (lo.isEmpty()) throw error("a range needs a lower bound");
    ws();
    if (!s.startsWith("TO", pos) || pos + 2 >= s.length() || !Character.isWhitespace(s.charAt(pos + 2))) {
      throw error("a range is written [a TO b], {a TO b} or mixed");
    }
    pos += 2;
    ws();
    int hiAt = pos;
    String hi = boundText();
    if (hi.isEmpty()) throw error("a range needs an upper bound");
    ws();
    if (pos >= s.length() || (s.charAt(pos) != ']' && s.charAt(pos) != '}')) {
      if (pos >= s.length()) pos = open;
      throw error(pos == open ? "'" + c + "' is never closed" : "expected ']' or '}' to close the range");
    }
    boolean hiIn = s.charAt(pos++) == ']';
    if (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ')') {
      throw error("a range must be followed by a space or ')'");
    }
    Bound l = lo.equals("*") ? null : bound(lo, loAt);
    Bound h = hi.equals("*") ? null : bound(hi, hiAt);
    if (l == null && h == null) {
      pos = loAt;
      throw error("a range needs at least one bound that is not '*'");
    }
    if (l != null && h != null && l.kind != h.kind) {
      pos = hiAt;
      throw error("both bounds of a range must be integers, or both RFC 3339 times");
    }
    byte kind = l != null ? l.kind : h.kind;
    return inclusive(name, kind, l == null ? Long.MIN_VALUE : l.value, l == null || loIn ? 0 : 1,
        h == null ? Long.MAX_VALUE : h.value, h == null || hiIn ? 0 : -1);
  }

  /** [lo + loStep, hi + hiStep], an exclusive end moved to its neighbour without overflowing. */
  private static Query inclusive(String name, byte kind, long lo, int loStep, long hi, int hiStep) {
    if (loStep > 0 && lo == Long.MAX_VALUE || hiStep < 0 && hi == Long.MIN_VALUE) {
      return new Query.Range(name, kind, 1, 0); // nothing lies beyond the end
    }
    return new Query.Range(name, kind, lo + loStep, hi + hiStep);
  }

  private record Bound(byte kind, long value) {}

  private Bound bound(String text, int at) {
    long n = TypedValues.number(text);
    if (n != TypedValues.NONE) return new Bound(TypedValues.NUMBER, n);
    long t = TypedValues.time(text);
    if (t != TypedValues.NONE) return new Bound(TypedValues.TIME, t);
    pos = at;
    throw error("'" + text + "' is neither a 64-bit integer nor an RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.f]Z or ±HH:MM)");
  }

  /** The text of a bound: up to whitespace, a bracket or a parenthesis. */
  private String boundText() {
    int from = pos;
    while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "[]{}()".indexOf(s.charAt(pos)) < 0) pos++;
    return s.substring(from, pos);
  }

  /** {@code name:value}, {@code name:prefix*} or {@code name:=Value}; pos is past the term. */
  private Query fieldTerm(String name, String value, int start, int exactAt, int star, int end) {
    if (exactAt >= 0 && star >= 0) {
      pos = star;
      throw error("':=' takes a whole value, not a prefix");
    }
    if (value.isEmpty() && star < 0 && s.charAt(end - 1) != '"') {
      pos = exactAt >= 0 ? exactAt : end - 1;
      throw error(exactAt >= 0 ? "':=' needs a value" : "'" + name + ":' needs a value");
    }
    try {
      Query q;
      if (exactAt >= 0) {
        Terms.field(name, value); // the same name checks
        q = new Query.Exact(name, value);
      } else if (star >= 0) {
        q = new Query.Prefix(Terms.field(name, value), name + ":" + value + "*", start + 1);
      } else {
        q = Query.field(name, value);
      }
      return q;
    } catch (QueryException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      pos = start;
      throw error(e.getMessage());
    }
  }
}
