package io.logdex.io.snapshot;

import io.logdex.format.TruncatedInputException;
import io.logdex.format.zstd.SeekTable;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads a record's bytes back from its file: the handle (file, offset, length) every record is,
 * for sub-documents that carry no bytes (scalars over maxScalarBytes) and for container records.
 * A plain file is read at the offset; a multi-frame zstd file from the frame holding it; any other
 * compressed file from its start.
 */
public final class SubDocumentBytes {
  private SubDocumentBytes() {}

  /** The record's bytes as a stream of exactly {@link SnapshotRecord#length()} bytes. */
  public static InputStream open(SnapshotRecord r) throws IOException {
    return open(r, Compression.AUTO);
  }

  /** As {@link #open(SnapshotRecord)}, for a file read with a compression other than AUTO. */
  public static InputStream open(SnapshotRecord r, Compression compression) throws IOException {
    MatchResult.Metadata m = FileSystems.matchSingleFileSpec(r.file());
    SnapshotFile.Inspected f = SnapshotFile.inspect(m, compression);
    long frameCompressed = 0;
    long frameUncompressed = 0;
    SeekTable t = f.table();
    if (t != null) {
      int frame = t.frameAt(r.offset());
      if (frame >= 0) {
        frameCompressed = t.compressedOffset(frame);
        frameUncompressed = t.decompressedOffset(frame);
      }
    }
    FileInput in = f.file().open(r.offset(), frameCompressed, frameUncompressed);
    return new Bounded(in, r.offset(), r.length(), r.file());
  }

  /** Reads all of a record's bytes, refusing more than maxBytes. */
  public static byte[] read(SnapshotRecord r, int maxBytes) throws IOException {
    if (r.length() > maxBytes) {
      throw new IllegalArgumentException(
          r + " is " + r.length() + " bytes, more than the " + maxBytes + " allowed");
    }
    try (InputStream in = open(r)) {
      return in.readAllBytes();
    }
  }

  private static final class Bounded extends InputStream {
    private final FileInput in;
    private final long end;
    private final String name;

    Bounded(FileInput in, long offset, long length, String name) {
      this.in = in;
      this.end = offset + length;
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long left = end - in.position();
      if (left <= 0) return -1;
      if (len == 0) return 0;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new TruncatedInputException(
            "the file ends at " + in.position() + ", inside the record ending at " + end, name,
            in.position());
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
