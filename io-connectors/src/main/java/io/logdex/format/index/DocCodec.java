package io.logdex.format.index;

import java.io.IOException;

/**
 * Doc record encoding shared by doc runs and doc-table blocks, delta-coded against the previous
 * record of the same stream or block: {@code [vlong docId-prevDocId-1][zlong sourceId][zlong
 * offset-(prevOffset+prevLength)][zlong length][vint wordCount][u8 flags: 1=commit, 2=seq][zlong
 * commit-prevCommit]?[zlong seq-prevSeq]?}. Consecutive records of one log usually sit back to back,
 * so the offset costs one byte.
 */
final class DocCodec {
  private long prevDoc = -1;
  private long prevEnd;
  private long prevCommit;
  private long prevSeq;

  void reset() {
    prevDoc = -1;
    prevEnd = 0;
    prevCommit = 0;
    prevSeq = 0;
  }

  void encode(DocEntry d, GrowableBytes out) {
    if (d.docId <= prevDoc) throw new IllegalStateException("doc records must be in increasing docId order");
    out.writeVLong(d.docId - prevDoc - 1);
    out.writeZLong(d.sourceId);
    out.writeZLong(d.offset - prevEnd);
    out.writeZLong(d.length);
    out.writeVInt(d.wordCount);
    boolean hasCommit = d.commit != DocRecord.ABSENT;
    boolean hasSeq = d.seq != DocRecord.ABSENT;
    out.writeByte((hasCommit ? 1 : 0) | (hasSeq ? 2 : 0));
    if (hasCommit) {
      out.writeZLong(d.commit - prevCommit);
      prevCommit = d.commit;
    }
    if (hasSeq) {
      out.writeZLong(d.seq - prevSeq);
      prevSeq = d.seq;
    }
    prevDoc = d.docId;
    prevEnd = d.offset + d.length;
  }

  void decode(PageCursor in, DocEntry d) throws IOException {
    long at = in.position();
    long delta = in.readVLong();
    if (delta < 0 || delta > IndexFormat.MAX_DOC_ID - prevDoc - 1) throw in.error("docId out of range in doc record", at);
    d.docId = prevDoc + 1 + delta;
    long source = in.readZLong();
    if (source != (int) source) throw in.error("source id out of range in doc record", at);
    d.sourceId = (int) source;
    d.offset = prevEnd + in.readZLong();
    d.length = in.readZLong();
    d.wordCount = in.readVInt();
    int flags = in.readUnsignedByte();
    if (flags > 3) throw in.error("unknown doc record flags " + flags, at);
    if ((flags & 1) != 0) {
      d.commit = prevCommit + in.readZLong();
      if (d.commit == DocRecord.ABSENT) throw in.error("commit equals the absent marker", at);
      prevCommit = d.commit;
    } else {
      d.commit = DocRecord.ABSENT;
    }
    if ((flags & 2) != 0) {
      d.seq = prevSeq + in.readZLong();
      if (d.seq == DocRecord.ABSENT) throw in.error("seq equals the absent marker", at);
      prevSeq = d.seq;
    } else {
      d.seq = DocRecord.ABSENT;
    }
    prevDoc = d.docId;
    prevEnd = d.offset + d.length;
  }
}
