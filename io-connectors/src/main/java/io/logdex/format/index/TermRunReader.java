package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;

/**
 * Streams a run written by {@link TermRunWriter} with one page buffer, checking that entries
 * strictly increase in (term, docId) so a damaged run cannot silently corrupt a merge.
 */
final class TermRunReader extends RunFileReader {
  byte[] term = new byte[64];
  int termLen;
  boolean sameTerm;
  long docId;
  final long[] payload = new long[IndexFormat.MAX_PAYLOAD_LONGS];
  int payloadLen;
  int freq;

  TermRunReader(RunDescriptor run) throws IOException {
    super(run, IndexFormat.MAGIC_TERM_RUN, "entries");
    if (file.headerValue != run.partition()) {
      file.close();
      throw file.error("run belongs to partition " + file.headerValue + ", expected " + run.partition(), 8);
    }
  }

  @Override
  boolean next() throws IOException {
    if (exhausted("entry")) return false;
    long at = in.position();
    int shared = in.readVInt();
    int suffix = in.readVInt();
    if (read == 0 ? shared != 0 : shared > termLen) throw in.error("corrupt run entry prefix", at);
    if (suffix > IndexFormat.MAX_TERM_BYTES - shared) throw in.error("run term length out of range", at);
    if (read > 0 && suffix == 0 && shared == termLen) {
      long gap = in.readVLong();
      if (gap <= 0 || gap > IndexFormat.MAX_DOC_ID - docId) throw in.error("docIds of a term must increase", at);
      docId += gap;
      sameTerm = true;
    } else {
      if (suffix == 0) throw in.error("run terms must increase", at);
      int len = shared + suffix;
      if (term.length < len) term = Arrays.copyOf(term, Math.max(len, term.length * 2));
      int first = in.readUnsignedByte();
      if (read > 0 && shared < termLen && first <= (term[shared] & 0xFF)) throw in.error("run terms must increase", at);
      term[shared] = (byte) first;
      in.readBytes(term, shared + 1, suffix - 1);
      termLen = len;
      long doc = in.readVLong();
      if (doc < 0 || doc > IndexFormat.MAX_DOC_ID) throw in.error("docId out of range", at);
      docId = doc;
      sameTerm = false;
    }
    int head = in.readUnsignedByte();
    payloadLen = head & 3;
    if (head > 7) throw in.error("corrupt run entry payload byte " + head, at);
    freq = 1;
    if ((head & 4) != 0) {
      long f = in.readVLong();
      if (f < 0 || f > Integer.MAX_VALUE - 2) throw in.error("term frequency out of range", at);
      freq = (int) f + 2;
    }
    for (int i = 0; i < payloadLen; i++) payload[i] = in.readZLong();
    read++;
    return true;
  }
}
