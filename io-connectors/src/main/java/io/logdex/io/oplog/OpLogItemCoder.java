package io.logdex.io.oplog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Coder for {@link OpLogItem}: a tag byte (0 record, 1 bad record), then that value. */
public final class OpLogItemCoder extends AtomicCoder<OpLogItem> {
  private static final long serialVersionUID = 1L;
  private static final OpLogItemCoder INSTANCE = new OpLogItemCoder();

  private OpLogItemCoder() {}

  public static OpLogItemCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(OpLogItem.class), INSTANCE);
  }

  @Override
  public void encode(OpLogItem item, OutputStream out) throws IOException {
    if (item.isBad()) {
      out.write(1);
      BadRecordCoder.of().encode(item.bad(), out);
    } else {
      out.write(0);
      OpLogRecordCoder.of().encode(item.record(), out);
    }
  }

  @Override
  public OpLogItem decode(InputStream in) throws IOException {
    int tag = in.read();
    if (tag == 0) return OpLogItem.of(OpLogRecordCoder.of().decode(in));
    if (tag == 1) return OpLogItem.of(BadRecordCoder.of().decode(in));
    throw new CoderException("bad OpLogItem tag " + tag);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
