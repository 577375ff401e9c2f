package io.logdex.format.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query over the index: a term, AND, OR or NOT of queries. {@link #parse} reads the CLI syntax
 * (see {@link QueryParser}).
 */
public sealed interface Query permits Query.Term, Query.And, Query.Or, Query.Not {

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

  static Query field(String name, String value) {
    return new Term(Terms.field(name, value));
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
