package io.logdex.format.index;

/** A dictionary entry: df and where the postings are, or the inline posting when df == 1. */
final class TermInfo {
  long df;
  long singleDoc;
  int singlePayloadLen;
  final long[] singlePayload = new long[IndexFormat.MAX_PAYLOAD_LONGS];
  long postOffset;
  long postLength;
  long payOffset;
  long payLength;

  void copyFrom(TermInfo o) {
    df = o.df;
    singleDoc = o.singleDoc;
    singlePayloadLen = o.singlePayloadLen;
    System.arraycopy(o.singlePayload, 0, singlePayload, 0, singlePayload.length);
    postOffset = o.postOffset;
    postLength = o.postLength;
    payOffset = o.payOffset;
    payLength = o.payLength;
  }
}
