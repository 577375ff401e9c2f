package io.logdex.io.log;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One record read by {@link LogIO#read()}: which file it came from, its position there (the key an
 * index stores to read it again with {@code LogReader.readAt}), and its payload.
 */
@DefaultCoder(LogRecordCoder.class)
public final class LogRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long position;
  private final byte[] payload;

  public LogRecord(String file, long position, byte[] payload) {
    this.file = Objects.requireNonNull(file, "file");
    this.position = position;
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  /** The file's resource id, as Beam's FileSystems name it. */
  public String file() {
    return file;
  }

  /** Offset of the record in the (uncompressed) log. */
  public long position() {
    return position;
  }

  /** The payload; not copied, so do not modify it. */
  public byte[] payload() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecord r
        && r.position == position
        && r.file.equals(file)
        && Arrays.equals(r.payload, payload);
  }

  @Override
  public int hashCode() {
    return (file.hashCode() * 31 + Long.hashCode(position)) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LogRecord{" + file + "@" + position + ", " + payload.length + " bytes}";
  }
}
