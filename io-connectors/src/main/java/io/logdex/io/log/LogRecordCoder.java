package io.logdex.io.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** File as UTF-8, position as a varint, payload as length-prefixed bytes. Deterministic. */
public final class LogRecordCoder extends CustomCoder<LogRecord> {
  private static final long serialVersionUID = 1L;
  private static final LogRecordCoder INSTANCE = new LogRecordCoder();
  private static final StringUtf8Coder FILE = StringUtf8Coder.of();
  private static final VarLongCoder POSITION = VarLongCoder.of();
  private static final ByteArrayCoder PAYLOAD = ByteArrayCoder.of();

  public static LogRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LogRecord r, OutputStream out) throws IOException {
    FILE.encode(r.file(), out);
    POSITION.encode(r.position(), out);
    PAYLOAD.encode(r.payload(), out);
  }

  @Override
  public LogRecord decode(InputStream in) throws IOException {
    return new LogRecord(FILE.decode(in), POSITION.decode(in), PAYLOAD.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  /** Stateless: every instance, deserialized ones included, is the same coder. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecordCoder;
  }

  @Override
  public int hashCode() {
    return LogRecordCoder.class.hashCode();
  }
}
