package io.logdex.format.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether one candidate doc matches a query that holds phrases or exact-case values, the
 * second phase after {@link IndexReader#iterator(Query, boolean)} gave a superset. Subtrees
 * without such nodes are answered by their own iterators, advanced to the candidate (candidates
 * ascend, so each iterator moves forward only); a phrase or exact value by its candidate terms,
 * then the {@link RecordVerifier} on the record. Memory is one iterator per term of the query.
 */
abstract class VerifiedMatcher {
  abstract boolean matches(long doc, DocRecord record) throws IOException;

  /** Whether q holds a phrase or exact value, which terms alone cannot decide. */
  static boolean needsRecords(Query q) {
    if (q instanceof Query.Phrase || q instanceof Query.Exact) return true;
    if (q instanceof Query.Not) return needsRecords(((Query.Not) q).clause());
    List<Query> clauses =
        q instanceof Query.And ? ((Query.And) q).clauses() : q instanceof Query.Or ? ((Query.Or) q).clauses() : List.of();
    for (Query c : clauses) if (needsRecords(c)) return true;
    return false;
  }

  static VerifiedMatcher of(IndexReader reader, Query q, RecordVerifier verifier) throws IOException {
    if (verifier == null) {
      throw new IllegalStateException("a query with phrases or ':=' needs a record verifier: " + q);
    }
    if (!needsRecords(q)) return new Postings(reader.iterator(q, true));
    if (q instanceof Query.Phrase) return new Verified(reader.iterator(((Query.Phrase) q).candidates(), true), q, verifier);
    if (q instanceof Query.Exact) return new Verified(reader.iterator(((Query.Exact) q).candidates(), true), q, verifier);
    if (q instanceof Query.Not) {
      VerifiedMatcher inner = of(reader, ((Query.Not) q).clause(), verifier);
      return new VerifiedMatcher() {
        @Override
        boolean matches(long doc, DocRecord record) throws IOException {
          return !inner.matches(doc, record);
        }
      };
    }
    boolean and = q instanceof Query.And;
    List<VerifiedMatcher> subs = new ArrayList<>();
    for (Query c : and ? ((Query.And) q).clauses() : ((Query.Or) q).clauses()) subs.add(of(reader, c, verifier));
    return new VerifiedMatcher() {
      @Override
      boolean matches(long doc, DocRecord record) throws IOException {
        // Record checks cost a read: terms first, the verified clauses last.
        for (VerifiedMatcher m : subs) if (!(m instanceof Verified) && m.matches(doc, record) != and) return !and;
        for (VerifiedMatcher m : subs) if (m instanceof Verified && m.matches(doc, record) != and) return !and;
        return and;
      }
    };
  }

  /** A subtree that terms decide: is the candidate among its docs? */
  private static final class Postings extends VerifiedMatcher {
    final DocIdIterator it;

    Postings(DocIdIterator it) {
      this.it = it;
    }

    @Override
    boolean matches(long doc, DocRecord record) throws IOException {
      return (it.docId() >= doc ? it.docId() : it.advance(doc)) == doc;
    }
  }

  private static final class Verified extends VerifiedMatcher {
    final Postings candidates;
    final Query q;
    final RecordVerifier verifier;

    Verified(DocIdIterator candidates, Query q, RecordVerifier verifier) {
      this.candidates = new Postings(candidates);
      this.q = q;
      this.verifier = verifier;
    }

    @Override
    boolean matches(long doc, DocRecord record) throws IOException {
      return candidates.matches(doc, record) && verifier.matches(doc, record, q);
    }
  }
}
