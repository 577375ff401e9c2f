package io.logdex.runners.smoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Two var-longs. Deterministic, so partial tallies may cross a shuffle. */
public final class TallyCoder extends AtomicCoder<Tally> {
  private static final TallyCoder INSTANCE = new TallyCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static TallyCoder of() {
    return INSTANCE;
  }

  private TallyCoder() {}

  @Override
  public void encode(Tally value, OutputStream out) throws IOException {
    LONG.encode(value.count, out);
    LONG.encode(value.digestSum, out);
  }

  @Override
  public Tally decode(InputStream in) throws IOException {
    return new Tally(LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
