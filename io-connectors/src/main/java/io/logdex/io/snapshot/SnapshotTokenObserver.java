package io.logdex.io.snapshot;

import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import java.io.IOException;

/**
 * Sees every token a snapshot reader's cutter reads, in file order, before the cutter acts on it:
 * so a consumer that needs the tokens of each sub-document (indexing) can take them from the one
 * pass that cuts the file, instead of tokenizing each sub-document's bytes again. Every token of a
 * sub-document is seen before the reader returns that sub-document's item. The tokenizer is the
 * reader's own, over the whole file: paths are absolute, offsets are file offsets, and it is valid
 * only during the call.
 */
public interface SnapshotTokenObserver {
  void token(Tokenizer t, TokenKind kind) throws IOException;
}
