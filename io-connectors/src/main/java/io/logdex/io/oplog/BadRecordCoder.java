package io.logdex.io.oplog;

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

/** Deterministic coder for {@link BadRecord}: file, offset, line + 1, length, reason, raw bytes. */
public final class BadRecordCoder extends AtomicCoder<BadRecord> {
  private static final long serialVersionUID = 1L;
  private static final BadRecordCoder INSTANCE = new BadRecordCoder();

  private BadRecordCoder() {}

  public static BadRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(BadRecord.class), INSTANCE);
  }

  @Override
  public void encode(BadRecord b, OutputStream out) throws IOException {
    StringBytes.write(b.file(), out);
    VarInt.encode(b.offset(), out);
    VarInt.encode(b.line() + 1, out);
    VarInt.encode(b.length(), out);
    StringBytes.write(b.reason(), out);
    byte[] raw = b.raw();
    VarInt.encode(raw.length, out);
    out.write(raw);
  }

  @Override
  public BadRecord decode(InputStream in) throws IOException {
    String file = StringBytes.read(in);
    long offset = VarInt.decodeLong(in);
    long line = VarInt.decodeLong(in) - 1;
    long length = VarInt.decodeLong(in);
    String reason = StringBytes.read(in);
    int n = VarInt.decodeInt(in);
    if (n < 0 || n > BadRecord.MAX_RAW_BYTES) throw new CoderException("bad raw length " + n);
    byte[] raw = new byte[n];
    int got = 0;
    while (got < n) {
      int r = in.read(raw, got, n - got);
      if (r < 0) throw new CoderException("BadRecord ends early");
      got += r;
    }
    return new BadRecord(file, offset, line, length, reason, raw);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
