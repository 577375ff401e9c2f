package io.logdex.runners.smoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * {@code key TAB payload} to {@code (key, digest)}. The key is the text before the first tab, or the
 * whole line when it has none, so every line counts somewhere. The digest is SHA-256 of the line,
 * chained {@code rounds} times over the full line: the cost grows with bytes times rounds, which is
 * the knob that keeps a cluster run busy long enough to kill a TaskManager in the middle of it.
 */
public final class LineDigest extends DoFn<String, KV<String, Long>> {
  private final int rounds;
  private transient MessageDigest sha;

  public LineDigest(int rounds) {
    if (rounds < 1) throw new IllegalArgumentException("digest rounds must be >= 1, got " + rounds);
    this.rounds = rounds;
  }

  @Setup
  public void setup() throws NoSuchAlgorithmException {
    sha = MessageDigest.getInstance("SHA-256");
  }

  @ProcessElement
  public void process(@Element String line, OutputReceiver<KV<String, Long>> out) {
    int tab = line.indexOf('\t');
    String key = tab < 0 ? line : line.substring(0, tab);
    out.output(KV.of(key, digest(line.getBytes(StandardCharsets.UTF_8))));
  }

  long digest(byte[] line) {
    if (sha == null) {
      try {
        setup();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] d = sha.digest(line);
    for (int r = 1; r < rounds; r++) {
      sha.update(d);
      sha.update(line);
      d = sha.digest();
    }
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
    return v;
  }
}
