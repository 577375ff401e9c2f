package io.logdex.io.oplog;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.logdex.format.zstd.SeekTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Seeded op-log content and the files tests read it from: plain, zstd in frames or streamed. */
final class OpLogFixtures {
  private OpLogFixtures() {}

  static final String S3DLIO_HEADER =
      "idx\tthread\top\tclient_id\tn_objects\tbytes\tendpoint\tfile\terror\tstart\tfirst_byte\tend"
          + "\tduration_ns";

  static final String[] OPS = {
    "GET", "PUT", "HEAD", "DELETE", "LIST", "DELETE_PREFIX", "CREATE_CONTAINER", "DELETE_CONTAINER",
    "GET_RANGE", "STAT"
  };

  static String timestamp(Random rnd) {
    return String.format("2025-%02d-%02dT%02d:%02d:%02d.%09dZ", 1 + rnd.nextInt(12),
        1 + rnd.nextInt(28), rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60),
        rnd.nextInt(1_000_000_000));
  }

  /** One s3dlio TSV row; every op appears, first_byte and error are sometimes empty. */
  static String s3dlioRow(Random rnd, long idx) {
    String op = OPS[(int) (idx % OPS.length)];
    return String.join("\t",
        Long.toString(idx),
        Long.toUnsignedString(rnd.nextLong()),
        op,
        rnd.nextInt(3) == 0 ? "" : "client-" + rnd.nextInt(8),
        Integer.toString(1 + rnd.nextInt(3)),
        Long.toString(rnd.nextInt(1 << 20)),
        rnd.nextBoolean() ? "s3://bucket" : "file://",
        "bucket/obj-" + rnd.nextInt(1000) + (rnd.nextInt(5) == 0 ? "-é€😀" : ""),
        rnd.nextInt(4) == 0 ? "NoSuchKey: the key does not exist" : "",
        timestamp(rnd),
        rnd.nextInt(3) == 0 ? "" : timestamp(rnd),
        timestamp(rnd),
        Long.toString(rnd.nextInt(Integer.MAX_VALUE)));
  }

  /** A full s3dlio TSV op-log: header and rows, LF-terminated. */
  static String s3dlioTsv(Random rnd, int rows) {
    StringBuilder sb = new StringBuilder(S3DLIO_HEADER).append('\n');
    for (int i = 0; i < rows; i++) sb.append(s3dlioRow(rnd, i)).append('\n');
    return sb.toString();
  }

  /**
   * JSONL with everything a reader trips on: CRLF, blank and whitespace-only lines, comments, a
   * line longer than small buffers, multi-byte UTF-8, LogEntry and s3dlio lines, a malformed
   * line, a non-object, and no final newline.
   */
  static String adversarialJsonl(Random rnd, int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      switch (rnd.nextInt(12)) {
        case 0:
          sb.append("\n");
          break;
        case 1:
          sb.append("  \t\r\n");
          break;
        case 2:
          sb.append("# comment ").append(i).append(" {not json\n");
          break;
        case 3:
          sb.append("{\"long\":\"").append("x".repeat(300 + rnd.nextInt(300))).append("\"}\n");
          break;
        case 4:
          sb.append("{\"name\":\"é€😀 ").append(i).append("\",\"n\":").append(i).append("}\r\n");
          break;
        case 5:
          sb.append("{\"commit\":").append(i).append(",\"seq\":0,\"timestamp\":\"")
              .append(timestamp(rnd)).append("\",\"diff\":{\"a\":{\"b\":").append(i).append("}}}\n");
          break;
        case 6:
          sb.append("{\"idx\":").append(i).append(",\"op\":\"").append(OPS[i % OPS.length])
              .append("\",\"bytes\":1024,\"endpoint\":\"s3://bucket\",\"file\":\"bucket/obj-")
              .append(i).append("\",\"start\":\"").append(timestamp(rnd))
              .append("\",\"duration_ns\":1234567,\"error\":null}\n");
          break;
        case 7:
          sb.append("{\"broken\": [1, 2,\n");
          break;
        case 8:
          sb.append("[1, 2, 3]\n");
          break;
        case 9:
          sb.append("{tony: wire, list: [a b c], tagged: !insert {x: 1}}\n");
          break;
        default:
          sb.append("{\"i\":").append(i).append(",\"v\":\"").append(rnd.nextInt()).append("\"}\n");
      }
    }
    sb.append("{\"last\":\"no newline\"}");
    return sb.toString();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Independent frames of frameSize input bytes each (content size in every header). */
  static byte[] zstdFrames(byte[] data, int frameSize, boolean seekTable) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeekTable.Builder table = new SeekTable.Builder(false);
    for (int off = 0; off < data.length; off += frameSize) {
      byte[] frame = Zstd.compress(Arrays.copyOfRange(data, off, Math.min(data.length, off + frameSize)), 3);
      out.write(frame);
      table.add(frame.length, Math.min(frameSize, data.length - off), 0);
    }
    if (seekTable) table.writeTo(out);
    return out.toByteArray();
  }

  /** What s3dlio writes: one streamed frame, no content size. */
  static byte[] zstdStreamed(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 1)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  /** A streamed frame flushed after every line; ends[i] is the compressed size after line i. */
  static final class FlushedFrame {
    final byte[] bytes;
    final long[] ends;
    final List<Long> lineStarts;

    FlushedFrame(byte[] bytes, long[] ends, List<Long> lineStarts) {
      this.bytes = bytes;
      this.ends = ends;
      this.lineStarts = lineStarts;
    }
  }

  static FlushedFrame zstdFlushedPerLine(List<String> lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] ends = new long[lines.size()];
    List<Long> starts = new ArrayList<>();
    long offset = 0;
    try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 1)) {
      z.setChecksum(true);
      for (int i = 0; i < lines.size(); i++) {
        byte[] b = utf8(lines.get(i) + "\n");
        starts.add(offset);
        offset += b.length;
        z.write(b);
        z.flush();
        ends[i] = out.size();
      }
    }
    return new FlushedFrame(out.toByteArray(), ends, starts);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }
}
