package io.logdex.io.coders;

import io.logdex.format.index.RunDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Binary Beam coder for {@link RunDescriptor}s, the only elements of a build's shuffle: a kind
 * byte, the partition as a varint (+1, so the doc runs' -1 is 0), the path, and entries and bytes
 * as varints. Java serialization spent about 390 bytes a descriptor on class descriptors, this
 * about 90 (the path); at 1 TB a build moves about a million of them (docs/SCALE.md).
 */
public final class RunDescriptorCoder extends AtomicCoder<RunDescriptor> {
  private static final long serialVersionUID = 1L;
  private static final RunDescriptorCoder INSTANCE = new RunDescriptorCoder();
  private static final RunDescriptor.Kind[] KINDS = RunDescriptor.Kind.values();

  private RunDescriptorCoder() {}

  public static RunDescriptorCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RunDescriptor d, OutputStream out) throws IOException {
    if (d == null) throw new CoderException("cannot encode a null RunDescriptor");
    out.write(d.kind().ordinal());
    VarInt.encode(d.partition() + 1, out);
    StringUtf8Coder.of().encode(d.path(), out);
    VarInt.encode(d.entries(), out);
    VarInt.encode(d.bytes(), out);
  }

  @Override
  public RunDescriptor decode(InputStream in) throws IOException {
    int kind = in.read();
    if (kind < 0 || kind >= KINDS.length) throw new CoderException("bad run descriptor kind " + kind);
    int partition = VarInt.decodeInt(in) - 1;
    String path = StringUtf8Coder.of().decode(in);
    return new RunDescriptor(KINDS[kind], partition, path, VarInt.decodeLong(in), VarInt.decodeLong(in));
  }

  @Override
  public void verifyDeterministic() {}
}
