package io.logdex.samples;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Helpers shared by the tests: generating into memory, hashing, reading zstd output. */
final class TestData {
  private TestData() {}

  interface Gen {
    void write(OutputStream out) throws IOException;
  }

  static byte[] generate(Gen gen) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    gen.write(out);
    return out.toByteArray();
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** samples/data, found from the working directory (repository root under dev/jtest, module under Maven). */
  static Path dataDir() {
    String configured = System.getProperty("logdex.samples.data");
    if (configured != null) {
      return Paths.get(configured);
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      for (Path candidate : List.of(p.resolve("samples/data"), p.resolve("data"))) {
        if (Files.isRegularFile(candidate.resolve(SampleFiles.CLUSTER_JSON))) {
          return candidate;
        }
      }
    }
    throw new AssertionError("samples/data not found from " + dir);
  }

  static byte[] unzstd(byte[] compressed) throws IOException {
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  /** Compressed sizes of the consecutive frames (zstd and skippable) that make up {@code b}. */
  static List<Long> frameSizes(byte[] b) {
    List<Long> sizes = new ArrayList<>();
    int off = 0;
    while (off < b.length) {
      long n = Zstd.findFrameCompressedSize(b, off);
      if (Zstd.isError(n) || n <= 0) {
        throw new AssertionError("no frame at offset " + off + ": " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n));
      }
      sizes.add(n);
      off += (int) n;
    }
    return sizes;
  }

  static int u32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
  }

  /** A parsed zstd seekable-format seek table: compressed and decompressed size per frame. */
  static final class SeekTable {
    final long[] compressed;
    final long[] decompressed;
    final int tableOffset;

    private SeekTable(long[] compressed, long[] decompressed, int tableOffset) {
      this.compressed = compressed;
      this.decompressed = decompressed;
      this.tableOffset = tableOffset;
    }

    int frames() {
      return compressed.length;
    }

    /** Reads the table at the end of {@code file}, checking every field it can. */
    static SeekTable read(byte[] file) {
      int n = file.length;
      if (n < 17) {
        throw new AssertionError("too short for a seek table: " + n);
      }
      if (u32(file, n - 4) != 0x8F92EAB1) {
        throw new AssertionError("seekable magic missing");
      }
      int descriptor = file[n - 5] & 0xff;
      if (descriptor != 0) {
        throw new AssertionError("descriptor " + descriptor + " (expected no checksums, reserved bits 0)");
      }
      long frames = u32(file, n - 9) & 0xffffffffL;
      long tableBytes = 8 + frames * 8 + 9;
      if (tableBytes > n) {
        throw new AssertionError("frame count " + frames + " larger than the file");
      }
      int start = (int) (n - tableBytes);
      if (u32(file, start) != 0x184D2A5E) {
        throw new AssertionError("skippable magic missing at " + start);
      }
      if ((u32(file, start + 4) & 0xffffffffL) != frames * 8 + 9) {
        throw new AssertionError("skippable frame size " + u32(file, start + 4) + " != " + (frames * 8 + 9));
      }
      long[] c = new long[(int) frames];
      long[] d = new long[(int) frames];
      for (int i = 0; i < frames; i++) {
        c[i] = u32(file, start + 8 + 8 * i) & 0xffffffffL;
        d[i] = u32(file, start + 12 + 8 * i) & 0xffffffffL;
      }
      return new SeekTable(c, d, start);
    }
  }
}
