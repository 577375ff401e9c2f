package io.logdex.format.index;

/** A dictionary entry: df and where the postings are, or the inline posting when df == 1. */
final class TermInfo {
  long df;
  /** df == 1: whether the single posting's frequency (singleFreq) is above 1; else whether any block carries frequencies. */
  boolean hasFreqs;
  int singleFreq = 1;
  long singleDoc;
  int singlePayloadLen;
  final long[] singlePayload = new long[IndexFormat.MAX_PAYLOAD_LONGS];
  long postOffset;
  long postLength;
  long payOffset;
  long payLength;

  void copyFrom(TermInfo o) {
    df = o.df;
    hasFreqs = o.hasFreqs;
    singleFreq = o.singleFreq;
    singleDoc = o.singleDoc;
    singlePayloadLen = o.singlePayloadLen;
    System.arraycopy(o.singlePayload, 0, singlePayload, 0, singlePayload.length);
    postOffset = o.postOffset;
    postLength = o.postLength;
    payOffset = o.payOffset;
    payLength = o.payLength;
  }
}
