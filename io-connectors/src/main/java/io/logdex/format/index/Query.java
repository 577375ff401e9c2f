package io.logdex.format.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query over the index: a term, a term prefix, a phrase, an exact-case field value, or AND, OR
 * and NOT of queries. {@link #parse} reads the CLI syntax (see {@link QueryParser}). Phrases and
 * exact values are answered from terms as candidates and checked on the stored record by a
 * {@link RecordVerifier}.
 */
public sealed interface Query
    permits Query.Term, Query.And, Query.Or, Query.Not, Query.Prefix, Query.Phrase, Query.Exact, Query.Range {

  record Term(byte[] bytes) implements Query {
    public Term {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    byte[] raw() {
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Term && Arrays.equals(((Term) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Terms.describe(bytes);
    }
  }

  /**
   * Every term that starts with {@code prefix} (namespace byte included), OR-ed. {@code spelling}
   * and {@code column} (1-based) name it in the error when it expands to too many terms.
   */
  record Prefix(byte[] prefix, String spelling, int column) implements Query {
    public Prefix {
      prefix = prefix.clone();
    }

    @Override
    public byte[] prefix() {
      return prefix.clone();
    }

    byte[] raw() {
      return prefix;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Prefix && Arrays.equals(((Prefix) o).prefix, prefix);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
      return Terms.describe(prefix) + "*";
    }
  }

  /** Words (as the word rule makes them) that must follow one another in one string value. */
  record Phrase(List<String> words) implements Query {
    public Phrase {
      if (words.size() < 2) throw new IllegalArgumentException("a phrase has at least two words");
      words = List.copyOf(words);
    }

    /** The candidates: every word of the phrase, ANDed. */
    Query candidates() {
      List<Query> ts = new ArrayList<>();
      for (String w : words) ts.add(new Term(Terms.word(w)));
      return new And(ts);
    }

    @Override
    public String toString() {
      return "\"" + String.join(" ", words) + "\"";
    }
  }

  /** The top-level field {@code name} whose value is {@code value}, case included. */
  record Exact(String name, String value) implements Query {
    /**
     * The candidates: the field term, whose value the index holds lowercased, or the typed value
     * it spells (a typed value has no term).
     */
    Query candidates() {
      return Query.field(name, value);
    }

    @Override
    public String toString() {
      return "field:" + name + ":=" + value;
    }
  }

  /**
   * The docs whose typed value of field {@code name} (a {@link TypedValues#NUMBER} or {@link
   * TypedValues#TIME}, nanoseconds since 1970) lies in [lo, hi]: both ends inclusive, so an
   * exclusive end is given as its neighbour; lo > hi matches nothing.
   */
  record Range(String name, byte kind, long lo, long hi) implements Query {
    @Override
    public String toString() {
      return name + ":[" + bound(lo, Long.MIN_VALUE) + " TO " + bound(hi, Long.MAX_VALUE) + "]";
    }

    private String bound(long v, long open) {
      if (v == open) return "*";
      return kind == TypedValues.TIME ? TypedValues.formatTime(v) : Long.toString(v);
    }
  }

  record And(List<Query> clauses) implements Query {
    public And {
      if (clauses.isEmpty()) throw new IllegalArgumentException("AND of nothing");
      clauses = List.copyOf(clauses);
    }

    @Override
    public String toString() {
      return join("AND", clauses);
    }
  }

  record Or(List<Query> clauses) implements Query {
    public Or {
      if (clauses.isEmpty()) throw new IllegalArgumentException("OR of nothing");
      clauses = List.copyOf(clauses);
    }

    @Override
    public String toString() {
      return join("OR", clauses);
    }
  }

  record Not(Query clause) implements Query {
    @Override
    public String toString() {
      return "-" + clause;
    }
  }

  private static String join(String op, List<Query> clauses) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < clauses.size(); i++) {
      if (i > 0) sb.append(' ').append(op).append(' ');
      sb.append(clauses.get(i));
    }
    return sb.append(')').toString();
  }

  static Query term(byte[] term) {
    return new Term(term);
  }

  /** Every word of text under the word rule, ANDed; text must contain at least one word. */
  static Query words(String text) {
    List<Query> ws = new ArrayList<>();
    Words.forEach(text, w -> ws.add(new Term(Terms.word(w))));
    if (ws.isEmpty()) throw new IllegalArgumentException("no words in \"" + text + "\"");
    return ws.size() == 1 ? ws.get(0) : new And(ws);
  }

  /**
   * {@code name:value}: the field term, ORed with the typed value the text spells (an integer as a
   * number, an RFC 3339 date-time as a time), since a typed value is kept without a term.
   */
  static Query field(String name, String value) {
    Query term = new Term(Terms.field(name, value));
    long n = TypedValues.number(value);
    if (n != TypedValues.NONE) return new Or(List.of(term, new Range(name, TypedValues.NUMBER, n, n)));
    long t = TypedValues.time(value);
    if (t != TypedValues.NONE) return new Or(List.of(term, new Range(name, TypedValues.TIME, t, t)));
    return term;
  }

  static Query path(String kindedPath) {
    return new Term(Terms.path(kindedPath));
  }

  static Query and(Query... clauses) {
    return new And(Arrays.asList(clauses));
  }

  static Query or(Query... clauses) {
    return new Or(Arrays.asList(clauses));
  }

  static Query not(Query clause) {
    return new Not(clause);
  }

  static Query parse(String text) {
    return QueryParser.parse(text);
  }
}
