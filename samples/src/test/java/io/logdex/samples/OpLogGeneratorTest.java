package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.logdex.samples.OpLogGenerator.Compression;
import io.logdex.samples.OpLogGenerator.Cut;
import io.logdex.samples.OpLogGenerator.Format;
import io.logdex.samples.OpLogGenerator.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpLogGeneratorTest {

  private static byte[] gen(Options o) throws IOException {
    return TestData.generate(out -> OpLogGenerator.write(out, o));
  }

  @Test
  void everyTsvLineIsAValidS3dlioRecord() throws IOException {
    for (long seed : new long[] {1, -5}) {
      String tsv = new String(gen(Options.defaults().records(10_000).seed(seed)), StandardCharsets.UTF_8);
      OpLogChecks.Stats s = OpLogChecks.checkTsv(tsv, 10_000);
      assertTrue(s.errors >= 50 && s.errors <= 160, "about 1% errors: " + s.errors);
      assertTrue(s.emptyFirstByte > 3000 && s.emptyFirstByte < 7000, "some empty first_byte: " + s.emptyFirstByte);
      assertTrue(s.startOutOfOrder > 1000, "start is not sorted: " + s.startOutOfOrder);
      double perRecord = (double) s.lineBytes / s.records;
      assertTrue(perRecord > 340 && perRecord < 368, "about 354 bytes per record: " + perRecord);
    }
  }

  @Test
  void everyOperationKindAppearsWithPlausibleShares() throws IOException {
    String tsv = new String(gen(Options.defaults().records(20_000).seed(3)), StandardCharsets.UTF_8);
    Map<String, Integer> ops = new HashMap<>();
    String[] lines = tsv.split("\n");
    for (int i = 1; i < lines.length; i++) {
      ops.merge(lines[i].split("\t", -1)[2], 1, Integer::sum);
    }
    assertEquals(OpLogChecks.OPS, ops.keySet());
    assertTrue(ops.get("GET") > 6000 && ops.get("DELETE_CONTAINER") > 100, ops.toString());
  }

  @Test
  void jsonlFormCarriesTheSameRecords() throws IOException {
    Options o = Options.defaults().records(3000).seed(17);
    String tsv = new String(gen(o), StandardCharsets.UTF_8);
    OpLogChecks.assertJsonlMatchesTsv(gen(o.format(Format.JSONL)), tsv, 3000);
  }

  @Test
  void deterministicPerSeedAndPrefixStable() throws IOException {
    Options o = Options.defaults().records(5000).seed(1234);
    assertEquals(TestData.sha256(gen(o)), TestData.sha256(gen(o)));
    assertNotEquals(TestData.sha256(gen(o)), TestData.sha256(gen(o.seed(1235))));
    byte[] longer = gen(o.records(6000));
    byte[] shorter = gen(o);
    assertArrayEquals(shorter, Arrays.copyOf(longer, shorter.length), "the first n records do not depend on the total");
  }

  @Test
  void zeroRecordsIsHeaderOnly() throws IOException {
    String tsv = new String(gen(Options.defaults().records(0)), StandardCharsets.UTF_8);
    assertEquals(OpLogChecks.HEADER + "\n", tsv);
    assertEquals(0, gen(Options.defaults().records(0).format(Format.JSONL)).length);
  }

  @Test
  void singleIsExactlyOneFrameOfThePlainBytes() throws IOException {
    Options o = Options.defaults().records(20_000).seed(8);
    byte[] plain = gen(o);
    byte[] single = gen(o.compression(Compression.SINGLE));
    assertEquals(List.of((long) single.length), TestData.frameSizes(single));
    assertArrayEquals(plain, TestData.unzstd(single));
    assertTrue(single.length * 4 < plain.length, "level 1 compresses op-logs well: " + single.length);
  }

  @Test
  void multiFrameHasAConsistentSeekTableAndIndependentFrames() throws IOException {
    Options o = Options.defaults().records(12_000).seed(5).format(Format.JSONL);
    byte[] plain = gen(o);
    for (Cut cut : Cut.values()) {
      int frameBytes = 64 * 1024;
      byte[] multi = gen(o.compression(Compression.MULTI).frameBytes(frameBytes).cut(cut));
      TestData.SeekTable table = TestData.SeekTable.read(multi);
      List<Long> frames = TestData.frameSizes(multi);
      assertEquals(table.frames() + 1, frames.size(), "data frames plus the skippable seek-table frame");
      long compressed = 0;
      long decompressed = 0;
      int straddling = 0;
      for (int i = 0; i < table.frames(); i++) {
        assertEquals(frames.get(i).longValue(), table.compressed[i], "frame " + i + " compressed size");
        byte[] frame = Arrays.copyOfRange(multi, (int) compressed, (int) (compressed + table.compressed[i]));
        assertEquals(table.decompressed[i], Zstd.getFrameContentSize(frame), "content size in frame header");
        byte[] out = Zstd.decompress(frame, (int) table.decompressed[i]);
        assertArrayEquals(Arrays.copyOfRange(plain, (int) decompressed, (int) (decompressed + out.length)), out,
            "frame " + i + " decompresses on its own to its slice");
        boolean endsAtLine = out[out.length - 1] == '\n';
        if (cut == Cut.LINE) {
          assertTrue(endsAtLine, "cut=line frames end with a newline");
          assertTrue(out.length <= frameBytes);
        } else if (i < table.frames() - 1) {
          assertEquals(frameBytes, out.length, "cut=any frames are exactly --frame-bytes");
          straddling += endsAtLine ? 0 : 1;
        }
        compressed += table.compressed[i];
        decompressed += table.decompressed[i];
      }
      assertEquals(table.tableOffset, compressed, "frame sizes add up to the seek table's offset");
      assertEquals(plain.length, decompressed, "decompressed sizes add up to the plain log");
      if (cut == Cut.ANY) {
        assertTrue(straddling > table.frames() / 2, "lines straddle frames: " + straddling);
      }
      assertArrayEquals(plain, TestData.unzstd(multi), "a plain zstd stream reader reads through the table");
    }
  }

  @Test
  void optionsRejectImpossibleValues() {
    assertThrows(IllegalArgumentException.class, () -> Options.defaults().records(-1));
    assertThrows(IllegalArgumentException.class, () -> Options.defaults().frameBytes(0));
    assertThrows(IllegalArgumentException.class, () -> Options.defaults().frameBytes((1 << 30) + 1));
  }
}
