package io.logdex.format.index;

/** The postings of an absent term. */
final class EmptyIterator implements PostingsIterator {
  private long doc = -1;

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() {
    return doc = NO_MORE_DOCS;
  }

  @Override
  public long advance(long target) {
    return doc = NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return 0;
  }

  @Override
  public long docFreq() {
    return 0;
  }

  @Override
  public int freq() {
    throw new IllegalStateException("no current posting");
  }

  @Override
  public int payload(long[] dst) {
    throw new IllegalStateException("no current posting");
  }
}
