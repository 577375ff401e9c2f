package io.logdex.io.log;

import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/** A {@link LogEntry} as its canonical wire bytes, length-prefixed. Deterministic. */
public final class LogEntryCoder extends CustomCoder<LogEntry> {
  private static final long serialVersionUID = 1L;
  private static final LogEntryCoder INSTANCE = new LogEntryCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  public static LogEntryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LogEntry e, OutputStream out) throws IOException {
    BYTES.encode(LogEntryCodec.toWire(e), out);
  }

  @Override
  public LogEntry decode(InputStream in) throws IOException {
    byte[] b = BYTES.decode(in);
    return LogEntryCodec.fromWire(b, 0, b.length);
  }

  /** Canonical wire form: equal entries encode to equal bytes. */
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  /** Stateless: every instance, deserialized ones included, is the same coder. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntryCoder;
  }

  @Override
  public int hashCode() {
    return LogEntryCoder.class.hashCode();
  }
}
