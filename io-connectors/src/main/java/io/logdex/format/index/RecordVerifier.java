package io.logdex.format.index;

import java.io.IOException;

/**
 * Checks on a candidate's stored record what its terms cannot tell: a {@link Query.Phrase}'s word
 * order and a {@link Query.Exact}'s case. The index knows doc records, not their contents, so the
 * layer that reads entries and snapshots supplies it.
 */
public interface RecordVerifier {
  /** Whether the record of docId satisfies q, a Phrase or an Exact whose candidate terms it has. */
  boolean matches(long docId, DocRecord record, Query q) throws IOException;
}
