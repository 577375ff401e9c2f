package io.logdex.format.index;

/** A reusable, mutable doc record for the streaming paths (runs, merges, table blocks). */
final class DocEntry {
  long docId;
  int sourceId;
  long offset;
  long length;
  int wordCount;
  long commit = DocRecord.ABSENT;
  long seq = DocRecord.ABSENT;

  void set(DocRecord r) {
    docId = r.docId();
    sourceId = r.sourceId();
    offset = r.offset();
    length = r.length();
    wordCount = r.wordCount();
    commit = r.commit();
    seq = r.seq();
  }

  void copyFrom(DocEntry o) {
    docId = o.docId;
    sourceId = o.sourceId;
    offset = o.offset;
    length = o.length;
    wordCount = o.wordCount;
    commit = o.commit;
    seq = o.seq;
  }

  boolean sameAs(DocEntry o) {
    return docId == o.docId
        && sourceId == o.sourceId
        && offset == o.offset
        && length == o.length
        && wordCount == o.wordCount
        && commit == o.commit
        && seq == o.seq;
  }

  DocRecord toRecord() {
    return new DocRecord(docId, sourceId, offset, length, wordCount, commit, seq);
  }

  @Override
  public String toString() {
    return toRecord().toString();
  }
}
