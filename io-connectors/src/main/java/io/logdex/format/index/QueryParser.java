package io.logdex.format.index;

import io.logdex.format.Elide;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI query syntax:
 *
 * <pre>
 *   query   := clause+                      clauses separated by whitespace are ANDed
 *   clause  := unary ("OR" unary)*          OR binds tighter than the implicit AND
 *   unary   := "-" unary | "(" query ")" | term
 *   term    := name ":" value               a field term, value taken as written
 *            | text                          every word of text (word rule), ANDed
 * </pre>
 *
 * Double quotes group whitespace, parentheses and {@code OR} into a term ({@code op:"a b"},
 * {@code "x OR y"}) with {@code \"} and {@code \\} as escapes; a {@code :} inside quotes does not
 * make a field term. So {@code error timeout OR retry -op:GET} means error AND (timeout OR retry)
 * AND NOT op:GET. Malformed queries raise {@link IllegalArgumentException} naming the column.
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
    Query q = p.sequence(false);
    return q;
  }

  private IllegalArgumentException error(String reason) {
    // The reason may quote a term, and both may hold line breaks or run long: one line, elided.
    return new IllegalArgumentException("query column " + (pos + 1) + ": "
        + Elide.forMessage(reason, Elide.DEFAULT_MAX_BYTES) + ": " + Elide.forMessage(s, Elide.DEFAULT_MAX_BYTES));
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
  }

  private Query sequence(boolean nested) {
    List<Query> clauses = new ArrayList<>();
    while (true) {
      ws();
      if (pos >= s.length()) {
        if (nested) throw error("missing ')'");
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
      pos++;
      Query q = sequence(true);
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
    int colon = -1;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c) || c == '(' || c == ')') break;
      if (c == '"') {
        pos++;
        while (true) {
          if (pos >= s.length()) throw error("unterminated quote");
          char q = s.charAt(pos++);
          if (q == '"') break;
          if (q == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) q = s.charAt(pos++);
          text.append(q);
        }
        continue;
      }
      if (c == ':' && colon < 0) colon = text.length();
      text.append(c);
      pos++;
    }
    if (text.length() == 0 && pos == start) throw error("expected a term");
    String t = text.toString();
    if (colon > 0) {
      try {
        return Query.field(t.substring(0, colon), t.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        pos = start;
        throw error(e.getMessage());
      }
    }
    List<Query> words = new ArrayList<>();
    Words.forEach(t, w -> words.add(new Query.Term(Terms.word(w))));
    if (words.isEmpty()) {
      pos = start;
      throw error("\"" + t + "\" contains no word");
    }
    return words.size() == 1 ? words.get(0) : new Query.And(words);
  }
}
