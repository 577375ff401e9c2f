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
 * Deterministic coder for {@link SnapshotDeadLetter}: file, position, offset + 1, line + 1,
 * column + 1, 0 or 1 + path, reason, unreadFrom.
 */
public final class SnapshotDeadLetterCoder extends AtomicCoder<SnapshotDeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final SnapshotDeadLetterCoder INSTANCE = new SnapshotDeadLetterCoder();

  private SnapshotDeadLetterCoder() {}

  public static SnapshotDeadLetterCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SnapshotDeadLetter.class), INSTANCE);
  }

  @Override
  public void encode(SnapshotDeadLetter d, OutputStream out) throws IOException {
    if (d == null) throw new CoderException("cannot encode a null SnapshotDeadLetter");
    StringBytes.write(d.file(), out);
    VarInt.encode(d.position(), out);
    VarInt.encode(d.offset() + 1, out);
    VarInt.encode(d.line() + 1, out);
    VarInt.encode(d.column() + 1, out);
    if (d.path() == null) {
      out.write(0);
    } else {
      out.write(1);
      StringBytes.write(d.path(), out);
    }
    StringBytes.write(d.reason(), out);
    VarInt.encode(d.unreadFrom(), out);
  }

  @Override
  public SnapshotDeadLetter decode(InputStream in) throws IOException {
    String file = StringBytes.read(in);
    long position = VarInt.decodeLong(in);
    long offset = VarInt.decodeLong(in) - 1;
    long line = VarInt.decodeLong(in) - 1;
    long column = VarInt.decodeLong(in) - 1;
    int hasPath = in.read();
    if (hasPath != 0 && hasPath != 1) throw new CoderException("bad path flag " + hasPath);
    String path = hasPath == 1 ? StringBytes.read(in) : null;
    String reason = StringBytes.read(in);
    long unreadFrom = VarInt.decodeLong(in);
    return new SnapshotDeadLetter(file, position, offset, line, column, path, reason, unreadFrom);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
