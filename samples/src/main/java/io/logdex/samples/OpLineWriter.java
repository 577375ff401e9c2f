package io.logdex.samples;

import java.io.IOException;

/**
 * Spells one {@link OpRecord} as an s3dlio TSV line (13 tab-separated columns, empty error and
 * first_byte as empty fields) or as its JSONL form (the same keys in the same order, with
 * {@code null} for the empty ones).
 */
final class OpLineWriter {
  static final byte[] TSV_HEADER =
      Lit.ascii("idx\tthread\top\tclient_id\tn_objects\tbytes\tendpoint\tfile\terror\tstart\tfirst_byte\tend\tduration_ns\n");
  private static final byte[] J_IDX = Lit.ascii("{\"idx\":");
  private static final byte[] J_THREAD = Lit.ascii(",\"thread\":");
  private static final byte[] J_OP = Lit.ascii(",\"op\":");
  private static final byte[] J_CLIENT = Lit.ascii(",\"client_id\":\"");
  private static final byte[] J_N_OBJECTS = Lit.ascii("\",\"n_objects\":");
  private static final byte[] J_BYTES = Lit.ascii(",\"bytes\":");
  private static final byte[] J_ENDPOINT = Lit.ascii(",\"endpoint\":\"");
  private static final byte[] J_FILE = Lit.ascii("\",\"file\":\"");
  private static final byte[] J_ERROR = Lit.ascii("\",\"error\":");
  private static final byte[] J_START = Lit.ascii(",\"start\":\"");
  private static final byte[] J_FIRST_BYTE = Lit.ascii("\",\"first_byte\":");
  private static final byte[] J_END = Lit.ascii(",\"end\":\"");
  private static final byte[] J_DURATION = Lit.ascii("\",\"duration_ns\":");
  private static final byte[] NULL = Lit.ascii("null");

  private final ByteSink out;
  private final Timestamps startTime = new Timestamps();
  private final Timestamps firstByteTime = new Timestamps();
  private final Timestamps endTime = new Timestamps();

  OpLineWriter(ByteSink out) {
    this.out = out;
  }

  void tsv(OpRecord r) throws IOException {
    out.udec(r.idx);
    out.write('\t');
    out.udec(r.thread);
    out.write('\t');
    out.write(OpRecord.OPS.raw(r.op));
    out.write('\t');
    out.write(r.clientId);
    out.write('\t');
    out.udec(r.nObjects);
    out.write('\t');
    out.udec(r.bytes);
    out.write('\t');
    out.write(r.endpoint);
    out.write('\t');
    out.write(r.file.bytes(), 0, r.file.length());
    out.write('\t');
    if (r.error >= 0) {
      out.write(OpSource.ERRORS.raw(r.error));
    }
    out.write('\t');
    startTime.writeNanos(out, r.start);
    out.write('\t');
    if (r.firstByte >= 0) {
      firstByteTime.writeNanos(out, r.firstByte);
    }
    out.write('\t');
    endTime.writeNanos(out, r.end);
    out.write('\t');
    out.udec(r.durationNs());
    out.write('\n');
  }

  /** Object names and endpoints are plain ASCII without quotes, so only the error needs quoting. */
  void jsonl(OpRecord r) throws IOException {
    out.write(J_IDX);
    out.udec(r.idx);
    out.write(J_THREAD);
    out.udec(r.thread);
    out.write(J_OP);
    out.write(OpRecord.OPS.quoted(r.op));
    out.write(J_CLIENT);
    out.write(r.clientId);
    out.write(J_N_OBJECTS);
    out.udec(r.nObjects);
    out.write(J_BYTES);
    out.udec(r.bytes);
    out.write(J_ENDPOINT);
    out.write(r.endpoint);
    out.write(J_FILE);
    out.write(r.file.bytes(), 0, r.file.length());
    out.write(J_ERROR);
    out.write(r.error >= 0 ? OpSource.ERRORS.quoted(r.error) : NULL);
    out.write(J_START);
    startTime.writeNanos(out, r.start);
    out.write(J_FIRST_BYTE);
    if (r.firstByte >= 0) {
      out.write('"');
      firstByteTime.writeNanos(out, r.firstByte);
      out.write('"');
    } else {
      out.write(NULL);
    }
    out.write(J_END);
    endTime.writeNanos(out, r.end);
    out.write(J_DURATION);
    out.udec(r.durationNs());
    out.write('}');
    out.write('\n');
  }
}
