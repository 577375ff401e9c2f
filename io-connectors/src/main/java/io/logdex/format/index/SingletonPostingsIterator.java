package io.logdex.format.index;

/** A df == 1 term, whose only posting the dictionary holds inline. */
final class SingletonPostingsIterator implements PostingsIterator {
  private final long only;
  private final long[] payload;
  private final int payloadLen;
  private final int freq;
  private long doc = -1;

  SingletonPostingsIterator(long only, long[] payload, int payloadLen, int freq) {
    this.freq = freq;
    this.only = only;
    this.payload = payload.clone();
    this.payloadLen = payloadLen;
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long nextDoc() {
    return doc = doc < 0 ? only : NO_MORE_DOCS;
  }

  @Override
  public long advance(long target) {
    if (doc >= target) return doc;
    return doc = (doc < 0 && only >= target) ? only : NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return 1;
  }

  @Override
  public long docFreq() {
    return 1;
  }

  @Override
  public int freq() {
    if (doc < 0 || doc == NO_MORE_DOCS) throw new IllegalStateException("no current posting");
    return freq;
  }

  @Override
  public int payload(long[] dst) {
    if (doc < 0 || doc == NO_MORE_DOCS) throw new IllegalStateException("no current posting");
    System.arraycopy(payload, 0, dst, 0, payloadLen);
    return payloadLen;
  }
}
