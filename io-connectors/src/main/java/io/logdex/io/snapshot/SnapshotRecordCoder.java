package io.logdex.io.snapshot;

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

/**
 * Deterministic coder for {@link SnapshotRecord}: file, kind ordinal (plus {@code 0x80} when the
 * path is null), the path unless null, offset, length, child count + 1, then 0 (no bytes) or 1 +
 * length-prefixed bytes.
 */
public final class SnapshotRecordCoder extends AtomicCoder<SnapshotRecord> {
  private static final long serialVersionUID = 1L;
  private static final SnapshotRecordCoder INSTANCE = new SnapshotRecordCoder();
  private static final SnapshotRecord.Kind[] KINDS = SnapshotRecord.Kind.values();
  /** Set in the kind byte when the record's path is null (longer than the path cap). */
  private static final int NO_PATH = 0x80;

  private SnapshotRecordCoder() {}

  public static SnapshotRecordCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SnapshotRecord.class), INSTANCE);
  }

  @Override
  public void encode(SnapshotRecord r, OutputStream out) throws IOException {
    if (r == null) throw new CoderException("cannot encode a null SnapshotRecord");
    StringBytes.write(r.file(), out);
    out.write(r.kind().ordinal() | (r.path() == null ? NO_PATH : 0));
    if (r.path() != null) StringBytes.write(r.path(), out);
    VarInt.encode(r.offset(), out);
    VarInt.encode(r.length(), out);
    VarInt.encode(r.childCount() + 1, out);
    byte[] b = r.bytesUnsafe();
    if (b == null) {
      out.write(0);
    } else {
      out.write(1);
      VarInt.encode(b.length, out);
      out.write(b);
    }
  }

  @Override
  public SnapshotRecord decode(InputStream in) throws IOException {
    String file = StringBytes.read(in);
    int k = in.read();
    boolean hasPath = k < 0 || (k & NO_PATH) == 0;
    k &= ~NO_PATH;
    if (k < 0 || k >= KINDS.length) throw new CoderException("bad SnapshotRecord kind " + k);
    String path = hasPath ? StringBytes.read(in) : null;
    long offset = VarInt.decodeLong(in);
    long length = VarInt.decodeLong(in);
    long childCount = VarInt.decodeLong(in) - 1;
    int has = in.read();
    byte[] bytes;
    if (has == 0) {
      bytes = null;
    } else if (has == 1) {
      bytes = CoderBytes.readFully(in, VarInt.decodeInt(in), "sub-document bytes");
    } else {
      throw new CoderException("bad SnapshotRecord bytes flag " + has);
    }
    try {
      return new SnapshotRecord(file, KINDS[k], path, offset, length, childCount, bytes);
    } catch (IllegalArgumentException e) {
      throw new CoderException("invalid SnapshotRecord: " + e.getMessage());
    }
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
