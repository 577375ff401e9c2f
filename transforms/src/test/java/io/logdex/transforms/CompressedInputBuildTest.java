package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same records build to the same bytes from a plain file, one streamed zstd frame and a
 * multi-frame zstd file, when the three are cut into the same chunks: one chunk each, or for the
 * plain file and the streamed frame two chunks at the same decompressed offsets. A multi-frame
 * file is cut at frame groups, so with several chunks its chunk ends (and with them doc ids and
 * log files) differ from the plain file's.
 */
class CompressedInputBuildTest {
  @TempDir Path tmp;

  /** Records that compress less than 2:1, so that a chunk size can give both files two chunks. */
  private static byte[] records(int n) {
    Random rnd = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      StringBuilder blob = new StringBuilder();
      for (int k = 0; k < 400; k++) blob.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      sb.append("{\"commit\":").append(i + 1).append(",\"seq\":0,\"timestamp\":\"2025-01-02T03:04:05Z\",")
          .append("\"diff\":{\"blob\":\"").append(blob).append("\",\"word\":\"w").append(rnd.nextInt(50))
          .append("\"}}\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] streamed(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 3)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] frames(byte[] data, int frameSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += frameSize) {
      out.writeBytes(Zstd.compress(Arrays.copyOfRange(data, off, Math.min(data.length, off + frameSize)), 3));
    }
    return out.toByteArray();
  }

  private int builds;

  private Path build(String name, byte[] content, long chunkBytes) throws Exception {
    int b = builds++;
    Path in = tmp.resolve("in" + b);
    Files.createDirectories(in);
    Files.write(in.resolve(name), content);
    Path out = tmp.resolve("out" + b);
    Builds.run(BuildConfig.of(List.of(in + "/*"), out.toString()).withChunkBytes(chunkBytes).withPartitions(2),
        Builds.direct(2));
    return out;
  }

  private static void assertSameGeneration(Path a, Path b, int chunks) throws Exception {
    BuildManifest ma = BuildManifest.read(a);
    BuildManifest mb = BuildManifest.read(b);
    assertEquals(chunks, ma.chunks().size());
    assertEquals(chunks, mb.chunks().size(), () -> mb.chunks().toString());
    Map<String, byte[]> fa = Builds.files(ma.generationDir(a));
    Map<String, byte[]> fb = Builds.files(mb.generationDir(b));
    assertEquals(fa.keySet(), fb.keySet());
    for (String name : fa.keySet()) assertArrayEquals(fa.get(name), fb.get(name), name);
    assertEquals(ma.count("entries"), mb.count("entries"));
  }

  @Test
  void plainAndCompressedBuildTheSameBytes() throws Exception {
    byte[] plain = records(1200);
    byte[] one = streamed(plain);
    byte[] many = frames(plain, 8 * 1024);
    assertTrue(one.length * 2 > plain.length, "the fixture compresses too well: " + one.length);

    long whole = 64L << 20;
    Path p = build("ops.jsonl", plain, whole);
    assertSameGeneration(p, build("ops.jsonl.zst", one, whole), 1);
    assertSameGeneration(p, build("ops.jsonl.zst", many, whole), 1);

    // Two chunks each: the plain file by its size, the streamed frame by its compressed size.
    long two = (plain.length + 1) / 2;
    assertSameGeneration(build("ops.jsonl", plain, two), build("ops.jsonl.zst", one, two), 2);
  }
}
