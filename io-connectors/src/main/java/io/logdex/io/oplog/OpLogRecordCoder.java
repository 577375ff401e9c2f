package io.logdex.io.oplog;

import io.logdex.io.coders.NodeCoder;
import io.logdex.io.coders.StringBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Deterministic coder for {@link OpLogRecord}: file, offset, line + 1, length, kind, fields. */
public final class OpLogRecordCoder extends AtomicCoder<OpLogRecord> {
  private static final long serialVersionUID = 1L;
  private static final OpLogRecordCoder INSTANCE = new OpLogRecordCoder();
  private static final OpLogRecord.Kind[] KINDS = OpLogRecord.Kind.values();

  private OpLogRecordCoder() {}

  public static OpLogRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(OpLogRecord.class), INSTANCE);
  }

  @Override
  public void encode(OpLogRecord r, OutputStream out) throws IOException {
    StringBytes.write(r.file(), out);
    VarInt.encode(r.offset(), out);
    VarInt.encode(r.line() + 1, out);
    VarInt.encode(r.length(), out);
    out.write(r.kind().ordinal());
    NodeCoder.of().encode(r.fields(), out);
  }

  @Override
  public OpLogRecord decode(InputStream in) throws IOException {
    String file = StringBytes.read(in);
    long offset = VarInt.decodeLong(in);
    long line = VarInt.decodeLong(in) - 1;
    long length = VarInt.decodeLong(in);
    int k = in.read();
    if (k < 0 || k >= KINDS.length) throw new CoderException("bad record kind " + k);
    try {
      return new OpLogRecord(file, offset, line, length, KINDS[k], NodeCoder.of().decode(in));
    } catch (IllegalArgumentException e) {
      throw new CoderException(e.getMessage());
    }
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
