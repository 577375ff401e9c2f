package io.logdex.io.oplog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A line that could not be read as a record: why, where, and its first {@link #MAX_RAW_BYTES}
 * bytes. A torn tail (a compressed stream cut short) is one BadRecord at the offset where the
 * incomplete line began, or at the end of the readable data when the cut fell between lines.
 */
@DefaultCoder(BadRecordCoder.class)
public final class BadRecord {
  /** Raw bytes kept per bad record; the rest is counted in {@link #length()} but not kept. */
  public static final int MAX_RAW_BYTES = 1024;

  private final String file;
  private final long offset;
  private final long line;
  private final long length;
  private final String reason;
  private final byte[] raw;

  public BadRecord(String file, long offset, long line, long length, String reason, byte[] raw) {
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
    this.line = line;
    this.length = length;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.raw = raw.length > MAX_RAW_BYTES ? Arrays.copyOf(raw, MAX_RAW_BYTES) : raw.clone();
  }

  /** A bad record for {@code len} bytes at {@code b[off]}, keeping at most MAX_RAW_BYTES. */
  static BadRecord of(
      String file, long offset, long line, long length, String reason, byte[] b, int off, int len) {
    return new BadRecord(
        file,
        offset,
        line,
        length,
        reason,
        Arrays.copyOfRange(b, off, off + Math.min(len, MAX_RAW_BYTES)));
  }

  public String file() {
    return file;
  }

  /** Uncompressed byte offset where the bad line (or the torn tail) begins. */
  public long offset() {
    return offset;
  }

  /** 1-based line number, or {@link OpLogRecord#UNKNOWN_LINE}; known in the same cases. */
  public long line() {
    return line;
  }

  /** Bytes the bad line spans, terminator included, as far as they could be read. */
  public long length() {
    return length;
  }

  public String reason() {
    return reason;
  }

  /** The first bytes of the line (at most MAX_RAW_BYTES), as read. */
  public byte[] raw() {
    return raw.clone();
  }

  /** The raw bytes as text, malformed UTF-8 replaced; for messages only. */
  public String rawText() {
    return new String(raw, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BadRecord)) return false;
    BadRecord b = (BadRecord) o;
    return offset == b.offset
        && line == b.line
        && length == b.length
        && file.equals(b.file)
        && reason.equals(b.reason)
        && Arrays.equals(raw, b.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, offset, line, length, reason) * 31 + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return file + "@" + offset + (line > 0 ? ":" + line : "") + ": " + reason;
  }
}
