package io.logdex.io.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Coder for {@link SnapshotItem}: a tag byte (0 record, 1 dead letter), then that value. */
public final class SnapshotItemCoder extends AtomicCoder<SnapshotItem> {
  private static final long serialVersionUID = 1L;
  private static final SnapshotItemCoder INSTANCE = new SnapshotItemCoder();

  private SnapshotItemCoder() {}

  public static SnapshotItemCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SnapshotItem.class), INSTANCE);
  }

  @Override
  public void encode(SnapshotItem item, OutputStream out) throws IOException {
    if (item.isDeadLetter()) {
      out.write(1);
      SnapshotDeadLetterCoder.of().encode(item.deadLetter(), out);
    } else {
      out.write(0);
      SnapshotRecordCoder.of().encode(item.record(), out);
    }
  }

  @Override
  public SnapshotItem decode(InputStream in) throws IOException {
    int tag = in.read();
    if (tag == 0) return SnapshotItem.of(SnapshotRecordCoder.of().decode(in));
    if (tag == 1) return SnapshotItem.of(SnapshotDeadLetterCoder.of().decode(in));
    throw new CoderException("bad SnapshotItem tag " + tag);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
